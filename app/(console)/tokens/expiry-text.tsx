import { daysUntil } from "@/lib/tokens/expiry";
import { formatDate, formatDateTime } from "@/app/components/format";

// SPEC §8: the list highlights a token that expires within a week.
const EXPIRY_WARNING_DAYS = 7;

/** A token's expiry: the date, then "in N days" — "Expires in N days" in amber within a week — or "expired". */
export function ExpiryText({ expiresAt, active, now }: { expiresAt: Date; active: boolean; now: Date }) {
  const days = daysUntil(expiresAt, now);
  const plural = `${days} day${days === 1 ? "" : "s"}`;
  return (
    <>
      {formatDate(expiresAt)}
      {days <= 0 ? (
        <div className="text-slate-500">expired</div>
      ) : active && days <= EXPIRY_WARNING_DAYS ? (
        <div className="font-medium text-amber-700">Expires in {plural}</div>
      ) : (
        <div className="text-slate-500">in {plural}</div>
      )}
    </>
  );
}

/** While a regeneration's grace period runs, the replaced secret and until when it works. */
export function OldSecretText({
  previousHint,
  previousValidUntil,
  now,
}: {
  previousHint: string | null;
  previousValidUntil: Date | null;
  now: Date;
}) {
  if (!previousHint || !previousValidUntil || previousValidUntil <= now) return null;
  return (
    <div className="text-amber-700">
      old <code>{previousHint}…</code> works until {formatDateTime(previousValidUntil)}
    </div>
  );
}
