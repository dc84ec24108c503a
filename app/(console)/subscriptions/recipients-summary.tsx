import type { Subscription } from "@/lib/db/schema";
import { RECIPIENTS_MODE_LABELS } from "@/lib/subscriptions/recipient-modes";

/** The subscription page's **Recipients**: the list, each address with its value, or the query. */
export function RecipientsSummary({ subscription: s }: { subscription: Subscription }) {
  if (s.recipientsMode === "list") return <>{s.recipients.join(", ")}</>;
  return (
    <div className="space-y-1">
      <p>
        {RECIPIENTS_MODE_LABELS[s.recipientsMode]}
        {s.filterColumn ? (
          <>
            {" "}
            on <code>{s.filterColumn}</code>
          </>
        ) : null}
      </p>
      {s.recipientsMode === "filter" ? (
        <ul>
          {s.recipients.map((email, i) => (
            <li key={email}>
              {email}: <code>{s.recipientFilterValues?.[i] ?? ""}</code>
            </li>
          ))}
        </ul>
      ) : (
        <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{s.recipientsQuery}</pre>
      )}
    </div>
  );
}
