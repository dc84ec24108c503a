import type { Job } from "bullmq";
import { log } from "../lib/log";
import { sendDueTokenNotices } from "../lib/tokens/notices";

/** A notice check (scheduled every 15 minutes, at start, and after a leak report): sends what is due, once. */
export async function processTokenNoticeJob(job: Job): Promise<void> {
  const { sent } = await sendDueTokenNotices();
  if (sent > 0) log.info({ jobId: job.id, sent }, "token notices sent");
}
