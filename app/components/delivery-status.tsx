import type { Delivery } from "@/lib/db/schema";

const COLOURS: Record<Delivery["status"], string> = {
  sent: "text-green-700",
  failed: "text-red-700",
  skipped: "text-slate-500",
};

/** One recipient's delivery: sent, failed with the server's reply, or skipped with why. */
export function DeliveryStatus({ delivery }: { delivery: Pick<Delivery, "status" | "error" | "skipReason"> }) {
  const detail =
    delivery.status === "skipped" ? delivery.skipReason : delivery.status === "failed" ? delivery.error : null;
  return (
    <>
      <span className={COLOURS[delivery.status]}>{delivery.status}</span>
      {detail ? ` (${detail})` : ""}
    </>
  );
}

/** Whether Re-send to failed applies: the run has ended and some recipient's delivery failed. */
export function canResend(run: { kind: string; status: string }, deliveries: Pick<Delivery, "status">[]): boolean {
  return (
    run.kind === "subscription" &&
    (run.status === "failed" || run.status === "succeeded") &&
    deliveries.some((delivery) => delivery.status === "failed")
  );
}
