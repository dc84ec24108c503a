import { removeExpiredFiles } from "../lib/downloads/files";
import { log } from "../lib/log";

// SPEC §7: expired download files go once a day (links name their expiry date, so a day late costs only disk).
const CLEANUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Removes expired report files now and then daily; several workers doing it at once is harmless. */
export function startReportFilesCleanup(): { stop(): void } {
  const run = () =>
    removeExpiredFiles().catch((error: unknown) =>
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "expired report files not removed"),
    );
  void run();
  const timer = setInterval(() => void run(), CLEANUP_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
