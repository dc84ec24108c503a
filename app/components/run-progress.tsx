import type { RunProgress as Progress } from "@/lib/db/schema";

const count = (value: number) => value.toLocaleString("en-US");

/**
 * A running subscription run's progress: while the report renders, the rows so far (the total is not known until the
 * query is read to its end, so the bar is indeterminate); then the e-mails sent of all it will send.
 */
export function RunProgress({ progress }: { progress: Progress }) {
  const sending = progress.recipientsSent > 0;
  const label = sending
    ? `${count(progress.recipientsSent)} of ${count(progress.recipientsTotal)} e-mails sent`
    : `Rendering the report: ${count(progress.rows)} rows`;
  return (
    <div className="max-w-md space-y-1">
      <progress
        aria-label="Run progress"
        aria-valuetext={label}
        className="h-2 w-full accent-blue-700"
        {...(sending ? { value: progress.recipientsSent, max: Math.max(progress.recipientsTotal, 1) } : {})}
      />
      <div data-testid="run-progress">
        <span data-testid="run-progress-rows">{count(progress.rows)}</span> rows rendered ·{" "}
        <span data-testid="run-progress-sent">{count(progress.recipientsSent)}</span> of{" "}
        {count(progress.recipientsTotal)} e-mails sent
      </div>
    </div>
  );
}
