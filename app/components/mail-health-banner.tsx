import { readMailHealth } from "@/lib/health/mail";
import { formatDateTime } from "./format";

/** Says so when the workers cannot reach the mail server: why runs are waiting to retry. */
export async function MailHealthBanner() {
  const mail = await readMailHealth().catch(() => null);
  if (mail?.status !== "failing") return null;
  return (
    <div role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <strong>Mail server failing</strong> since {formatDateTime(new Date(mail.since))}: {mail.lastError}. Runs that
      could not e-mail every recipient wait to retry and go on once it answers.
    </div>
  );
}
