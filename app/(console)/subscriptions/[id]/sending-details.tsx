import type { Subscription } from "@/lib/db/schema";
import { listUnsubscribed } from "@/lib/subscriptions/unsubscribes";
import { DataTable } from "@/app/components/data-table";
import { formatDateTime } from "@/app/components/format";
import { RemoveUnsubscribeButton } from "../sending-buttons";

/** The sending options, as rows of the subscription page's details. */
export function SendingOptionsDetails({
  subscription,
}: {
  subscription: Pick<Subscription, "onlyWhenRows" | "onlyWhenChanged" | "notifyOnFailure">;
}) {
  const conditions = [
    subscription.onlyWhenRows && "only when the report has rows",
    subscription.onlyWhenChanged && "only when the report changed",
  ].filter(Boolean);
  return (
    <>
      <dt className="text-slate-500">Sends</dt>
      <dd>{conditions.length ? conditions.join(", ") : "every run"}</dd>
      <dt className="text-slate-500">Failure notice</dt>
      <dd>{subscription.notifyOnFailure ? "the creator is e-mailed when a run fails" : "none"}</dd>
    </>
  );
}

/** Addresses that unsubscribed through their e-mail's link; admins may Remove one (it gets the e-mails again). */
export async function UnsubscribedAddresses({ subscriptionId, canEdit }: { subscriptionId: string; canEdit: boolean }) {
  const addresses = await listUnsubscribed(subscriptionId);
  return (
    <section className="mt-8 max-w-3xl">
      <h2 className="mb-2 text-lg font-semibold">Unsubscribed addresses</h2>
      <DataTable
        headers={["Address", "Unsubscribed"]}
        actions={canEdit}
        items={addresses}
        empty="Nobody has unsubscribed."
        row={(a) => (
          <tr key={a.email}>
            <td>{a.email}</td>
            <td>{formatDateTime(a.at)}</td>
            {canEdit && (
              <td>
                <RemoveUnsubscribeButton id={subscriptionId} email={a.email} />
              </td>
            )}
          </tr>
        )}
      />
    </section>
  );
}
