// The pages of bench/history.ts: for each console list page the data functions it awaits, on the first page, a next
// page, a previous page, a page a long way back and with each filter.
import { sql } from "../lib/db/client";
import { decodeCursor, timeSerialCursor, timeUuidCursor, type Cursor, type PagePosition } from "../lib/db/keyset-page";
import { pageAuditEvents } from "../lib/audit/list";
import { deliveriesByRun, pageRunsForConsole } from "../lib/runs/console-queries";
import { getSubscription, pageSubscriptionsForConsole } from "../lib/subscriptions/repository";
import { pageTokens } from "../lib/tokens/repository";
import type { HistoryCase } from "./history";
import type { PagePath } from "./history-http";

type Ids = { busySubscriptionId: string; typicalSubscriptionId: string };

const SUBSCRIPTION_RUNS_SHOWN = 20;
// "A long way back": about half a year into the year of history.
const DEEP_DAYS = 180;

const after = (next: string | null, shape: typeof timeUuidCursor | typeof timeSerialCursor): PagePosition => {
  const cursor = next ? decodeCursor(next, shape) : null;
  if (!cursor) throw new Error("the first page has no Next link");
  return { after: cursor };
};

async function subscriptionPage(id: string, position: PagePosition) {
  const row = await getSubscription(id);
  if (!row) throw new Error("bench subscription missing");
  const page = await pageRunsForConsole({ subscriptionId: id }, position, SUBSCRIPTION_RUNS_SHOWN);
  await deliveriesByRun(page.items.map((r) => r.run.id));
  return page;
}

export async function historyCases(ids: Ids): Promise<HistoryCase[]> {
  const deepAt = new Date(Date.now() - DEEP_DAYS * 86_400_000).toISOString();
  const [deepRun] = await sql<{ id: string }[]>`select id from runs order by created_at limit 1`;
  const deepRunCursor: Cursor = [deepAt, deepRun?.id ?? "00000000-0000-0000-0000-000000000000"];
  const deepAuditCursor: Cursor = [deepAt, "1"];
  const [aToken] = await sql<{ name: string }[]>`select name from api_tokens order by name offset 17 limit 1`;
  const dayAgo = new Date(Date.now() - 86_400_000);
  const weekAgo = new Date(Date.now() - 7 * 86_400_000);

  const runsPage2 = after((await pageRunsForConsole({}, null)).next, timeUuidCursor);
  const runsPage3 = after((await pageRunsForConsole({}, runsPage2)).next, timeUuidCursor);
  const runsBack = (await pageRunsForConsole({}, runsPage3)).previous;
  const busyPage2 = after((await subscriptionPage(ids.busySubscriptionId, null)).next, timeUuidCursor);
  const subscriptionsPage2 = (await pageSubscriptionsForConsole(null)).next;
  const tokensPage2 = after((await pageTokens(null)).next, timeUuidCursor);
  const auditPage2 = after((await pageAuditEvents({}, null)).next, timeSerialCursor);
  const nameCursor = subscriptionsPage2 ? decodeCursor(subscriptionsPage2, timeUuidCursor) : null;

  return [
    { page: "/runs", label: "first page", load: () => pageRunsForConsole({}, null), churn: true },
    { page: "/runs", label: "Next (page 2)", load: () => pageRunsForConsole({}, runsPage2) },
    {
      page: "/runs",
      label: "Previous (from page 3)",
      load: () => pageRunsForConsole({}, { before: decodeCursor(runsBack ?? "", timeUuidCursor) ?? ["", ""] }),
    },
    {
      page: "/runs",
      label: `Next, ${DEEP_DAYS} days back`,
      load: () => pageRunsForConsole({}, { after: deepRunCursor }),
    },
    { page: "/runs", label: "status Failed (3 %)", load: () => pageRunsForConsole({ status: "failed" }, null) },
    { page: "/runs", label: "status Running (20 runs)", load: () => pageRunsForConsole({ status: "running" }, null) },
    {
      page: "/runs",
      label: "kind Semantic model refresh",
      load: () => pageRunsForConsole({ kind: "semantic-model-refresh" }, null),
    },
    { page: "/runs", label: "trigger Console", load: () => pageRunsForConsole({ trigger: "console" }, null) },
    {
      page: "/runs",
      label: "status Failed + trigger Console",
      load: () => pageRunsForConsole({ status: "failed", trigger: "console" }, null),
    },
    {
      page: "/runs",
      label: `status Failed, ${DEEP_DAYS} days back`,
      load: () => pageRunsForConsole({ status: "failed" }, { after: deepRunCursor }),
    },
    {
      page: "/subscriptions/[id]",
      label: "typical (~90 runs)",
      load: () => subscriptionPage(ids.typicalSubscriptionId, null),
    },
    {
      page: "/subscriptions/[id]",
      label: "busy (100,000 runs)",
      load: () => subscriptionPage(ids.busySubscriptionId, null),
      churn: true,
    },
    {
      page: "/subscriptions/[id]",
      label: "busy, Next",
      load: () => subscriptionPage(ids.busySubscriptionId, busyPage2),
    },
    {
      page: "/subscriptions/[id]",
      label: `busy, ${DEEP_DAYS} days back`,
      load: () => subscriptionPage(ids.busySubscriptionId, { after: deepRunCursor }),
    },
    {
      page: "/subscriptions",
      label: "first page (with last runs)",
      load: () => pageSubscriptionsForConsole(null),
      churn: true,
    },
    {
      page: "/subscriptions",
      label: "Next",
      load: () => pageSubscriptionsForConsole(nameCursor ? { after: nameCursor } : null),
    },
    { page: "/tokens", label: "first page", load: () => pageTokens(null) },
    { page: "/tokens", label: "Next", load: () => pageTokens(tokensPage2) },
    { page: "/audit", label: "first page", load: () => pageAuditEvents({}, null) },
    { page: "/audit", label: "Next", load: () => pageAuditEvents({}, auditPage2) },
    {
      page: "/audit",
      label: `Next, ${DEEP_DAYS} days back`,
      load: () => pageAuditEvents({}, { after: deepAuditCursor }),
    },
    {
      page: "/audit",
      label: "action token.revoked (1 %)",
      load: () => pageAuditEvents({ action: "token.revoked" }, null),
    },
    { page: "/audit", label: "actor (one admin)", load: () => pageAuditEvents({ actor: "admin3@bench.test" }, null) },
    { page: "/audit", label: "token (by name)", load: () => pageAuditEvents({ token: aToken?.name ?? "" }, null) },
    {
      page: "/audit",
      label: "From / To (one day, a week ago)",
      load: () => pageAuditEvents({ from: weekAgo, to: new Date(weekAgo.getTime() + 86_400_000) }, null),
    },
    {
      page: "/audit",
      label: "action + actor + last day",
      load: () => pageAuditEvents({ action: "sign-in.succeeded", actor: "admin3@bench.test", from: dayAgo }, null),
    },
  ];
}

/** The same pages as URLs, for timing them over HTTP: links taken from the pages' own Next / Previous cursors. */
export async function historyPaths(ids: Ids): Promise<PagePath[]> {
  const runsNext = (await pageRunsForConsole({}, null)).next ?? "";
  const runsPage2 = decodeCursor(runsNext, timeUuidCursor);
  const runsPrevious = runsPage2 ? ((await pageRunsForConsole({}, { after: runsPage2 })).previous ?? "") : "";
  const busyNext = (await pageRunsForConsole({ subscriptionId: ids.busySubscriptionId }, null, 20)).next ?? "";
  const subscriptionsNext = (await pageSubscriptionsForConsole(null)).next ?? "";
  const tokensNext = (await pageTokens(null)).next ?? "";
  const auditNext = (await pageAuditEvents({}, null)).next ?? "";
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 16);
  const dayLater = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 16);
  const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
  return [
    { page: "/runs", label: "first page", path: "/runs" },
    { page: "/runs", label: "Next", path: `/runs${q({ after: runsNext })}` },
    { page: "/runs", label: "Previous", path: `/runs${q({ before: runsPrevious })}` },
    { page: "/runs", label: "status Failed", path: `/runs${q({ status: "failed" })}` },
    {
      page: "/runs",
      label: "kind + trigger",
      path: `/runs${q({ kind: "semantic-model-refresh", trigger: "console" })}`,
    },
    { page: "/subscriptions/[id]", label: "busy (100,000 runs)", path: `/subscriptions/${ids.busySubscriptionId}` },
    {
      page: "/subscriptions/[id]",
      label: "busy, Next",
      path: `/subscriptions/${ids.busySubscriptionId}${q({ after: busyNext })}`,
    },
    { page: "/subscriptions", label: "first page", path: "/subscriptions" },
    { page: "/subscriptions", label: "Next", path: `/subscriptions${q({ after: subscriptionsNext })}` },
    { page: "/tokens", label: "first page", path: "/tokens" },
    { page: "/tokens", label: "Next", path: `/tokens${q({ after: tokensNext })}` },
    { page: "/audit", label: "first page", path: "/audit" },
    { page: "/audit", label: "Next", path: `/audit${q({ after: auditNext })}` },
    { page: "/audit", label: "action", path: `/audit${q({ action: "token.revoked" })}` },
    {
      page: "/audit",
      label: "actor + From / To",
      path: `/audit${q({ actor: "admin3@bench.test", from: weekAgo, to: dayLater })}`,
    },
  ];
}
