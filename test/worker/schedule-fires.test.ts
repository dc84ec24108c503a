import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../lib/audit/record";
import { db } from "../../lib/db/client";
import { runs, subscriptions } from "../../lib/db/schema";
import { saveHolidayCalendar } from "../../lib/holidays/repository";
import { localParts } from "../../lib/schedules/local-time";
import { schedulesQueue } from "../../lib/schedules/queue";
import { onceJobId, syncAllSchedules, upsertSubscriptionSchedule } from "../../lib/schedules/sync";
import { closeTestClients, createReport } from "./helpers/fixtures";
import { SmtpSink } from "./helpers/smtp-sink";
import { waitFor } from "./helpers/wait";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// SPEC §10 and §11: a schedule fires once however many workers and web instances there are, and a fire on a holiday
// of the schedule's calendar starts no run.
const sink = new SmtpSink();
const workers: WorkerProcess[] = [];
let reportId: string;

beforeAll(async () => {
  const port = await sink.start();
  reportId = await createReport("select 1 as id, 'one' as label");
  for (let i = 0; i < 2; i++)
    workers.push(await WorkerProcess.start(workerEnv({ SMTP_URL: `smtp://127.0.0.1:${port}` })));
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await sink.stop();
  await closeTestClients();
});

/** The next whole minute at least 5 s away: Once schedules name a date and an HH:MM time. */
function nextMinute(): Date {
  const at = new Date(Date.now() + 5_000);
  at.setUTCSeconds(0, 0);
  at.setUTCMinutes(at.getUTCMinutes() + 1);
  return at;
}

async function onceSubscription(at: Date, holidayCalendarId: string | null) {
  const [row] = await db
    .insert(subscriptions)
    .values({
      name: `Once ${randomUUID()}`,
      reportId,
      format: "csv",
      recipients: [`once-${randomUUID()}@example.com`],
      subject: "Once",
      frequency: "once",
      onceDate: localParts(at, "UTC").date,
      time: at.toISOString().slice(11, 16),
      timeZone: "UTC",
      holidayCalendarId,
    })
    .returning();
  if (!row) throw new Error("no subscription inserted");
  return row;
}

describe("a schedule with two workers and several web instances", () => {
  it("fires once, and not at all on a holiday", async () => {
    const at = nextMinute();
    const calendar = await saveHolidayCalendar(
      { name: `Holidays ${randomUUID()}`, dates: [localParts(at, "UTC").date] },
      systemActor("test"),
    );
    const working = await onceSubscription(at, null);
    const holiday = await onceSubscription(at, calendar.id);

    // Three web instances save at once, and the reconciler passes too.
    await Promise.all([working, working, working, holiday].map((row) => upsertSubscriptionSchedule(row)));
    await syncAllSchedules();

    const jobs = [onceJobId(working.id, at), onceJobId(holiday.id, at)];
    const returned = await waitFor(
      "both schedule jobs to complete",
      async () => {
        const found = await Promise.all(jobs.map((id) => schedulesQueue().getJob(id)));
        const states = await Promise.all(found.map((job) => job?.getState()));
        return states.every((state) => state === "completed") ? found.map((job) => job?.returnvalue) : null;
      },
      120_000,
    );
    expect(returned[0]).toMatchObject({ outcome: "started" });
    expect(returned[1]).toEqual({ outcome: "skipped: holiday" });

    const started = await db.select({ trigger: runs.trigger }).from(runs).where(eq(runs.subscriptionId, working.id));
    expect(started).toEqual([{ trigger: "schedule" }]);
    expect(await db.select().from(runs).where(eq(runs.subscriptionId, holiday.id))).toEqual([]);
  });
});
