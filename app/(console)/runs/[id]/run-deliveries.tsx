import type { Delivery } from "@/lib/db/schema";
import { DataTable } from "@/app/components/data-table";
import { formatDateTime } from "@/app/components/format";
import { DeliveryStatus } from "@/app/components/delivery-status";

type Ignored = { count: number; first: { email: string; filterValue: string | null; reason: string }[] };

/** The recipients a per-recipient run left out, as its result records them (lib/subscriptions/bursting.ts). */
export function ignoredOf(result: Record<string, unknown> | null): Ignored | undefined {
  return (result?.ignored as Ignored | undefined) ?? undefined;
}

/**
 * A subscription run's deliveries: one table, or for a per-recipient run one table per filter value (SPEC §10), so
 * who got which rows reads at a glance. Recipients a recipients query listed but the run left out follow.
 */
export function RunDeliveries({
  deliveries,
  ignored,
  actions,
}: {
  deliveries: Delivery[];
  ignored?: Ignored;
  /** Shown under the heading (Re-send to failed). */
  actions?: React.ReactNode;
}) {
  const byValue = new Map<string | null, Delivery[]>();
  for (const d of deliveries) byValue.set(d.filterValue, [...(byValue.get(d.filterValue) ?? []), d]);
  const grouped = [...byValue.keys()].some((value) => value !== null);
  return (
    <>
      <h2 className="mb-2 text-lg font-semibold">Deliveries</h2>
      {actions && <div className="mb-2">{actions}</div>}
      {grouped ? (
        [...byValue]
          .sort(([a], [b]) => (a ?? "").localeCompare(b ?? ""))
          .map(([value, group]) => (
            <section key={value ?? ""} aria-label={`Filter value ${value ?? "(none)"}`} className="mb-4">
              <h3 className="mb-1 text-sm font-semibold">
                Filter value <code>{value ?? "(none)"}</code> · {group.length}{" "}
                {group.length === 1 ? "recipient" : "recipients"}
              </h3>
              <DeliveriesTable deliveries={group} />
            </section>
          ))
      ) : (
        <DeliveriesTable deliveries={deliveries} />
      )}
      {ignored && ignored.count > 0 && (
        <section aria-label="Ignored recipients" className="mt-6">
          <h3 className="mb-1 text-sm font-semibold">
            Left out of the recipients query&apos;s rows: {ignored.count}
            {ignored.count > ignored.first.length ? ` (the first ${ignored.first.length} shown)` : ""}
          </h3>
          <DataTable
            className="max-w-3xl"
            headers={["Address", "Filter value", "Reason"]}
            items={ignored.first.map((i, index) => ({ ...i, index }))}
            row={(i) => (
              <tr key={i.index}>
                <td>{i.email || "(empty)"}</td>
                <td>{i.filterValue ?? ""}</td>
                <td>{i.reason}</td>
              </tr>
            )}
          />
        </section>
      )}
    </>
  );
}

function DeliveriesTable({ deliveries }: { deliveries: Delivery[] }) {
  return (
    <DataTable
      className="max-w-3xl"
      headers={["Recipient", "Status", "At", "Error"]}
      items={deliveries}
      empty="No deliveries yet."
      row={(d) => (
        <tr key={d.id}>
          <td>{d.recipient}</td>
          <td>
            <DeliveryStatus delivery={{ ...d, error: null }} />
          </td>
          <td>{formatDateTime(d.at)}</td>
          <td>{d.error ?? ""}</td>
        </tr>
      )}
    />
  );
}
