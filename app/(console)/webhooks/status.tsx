const STYLE: Record<string, string> = {
  active: "bg-green-100 text-green-800",
  disabled: "bg-red-100 text-red-800",
  pending: "bg-slate-200 text-slate-800",
  sending: "bg-blue-100 text-blue-800",
  succeeded: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-700",
};

const LABEL: Record<string, string> = { active: "Active", disabled: "Disabled" };

/** Status of an endpoint or of one delivery attempt. */
export function WebhookStatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${STYLE[status] ?? ""}`}>{LABEL[status] ?? status}</span>
  );
}
