// Test data written straight through the app's own domain functions and database (no HTTP), for states the
// console cannot produce on demand: expired tokens, viewers, revoked tokens.
import { systemActor } from "../../lib/audit/record";
import { createToken, revokeToken } from "../../lib/tokens/repository";
import { createUser, findUserForSignIn } from "../../lib/users/repository";
import type { Permission } from "../../lib/tokens/permissions";
import { randomUUID } from "node:crypto";
import { rememberIssuedToken } from "./issued-tokens";

const DAY_MS = 86_400_000;
const fixtureActor = systemActor("test fixture");

async function adminId(email = process.env.ADMIN_EMAIL ?? "admin@sluice.test"): Promise<string> {
  const admin = await findUserForSignIn(email);
  if (!admin) throw new Error("seeded admin missing");
  return admin.id;
}

export async function makeToken(
  options: {
    permissions?: Permission[];
    expiresInDays?: number;
    expiresAt?: Date;
    revoked?: boolean;
    createdBy?: string;
    subscriptionIds?: string[] | null;
    semanticModelIds?: string[] | null;
    allowedIps?: string[];
  } = {},
) {
  const createdBy = options.createdBy ?? (await adminId());
  const { id, plaintext } = await createToken(
    {
      name: `test-${randomUUID()}`,
      description: "",
      permissions: options.permissions ?? ["subscriptions:execute", "semantic-models:refresh"],
      expiresAt: options.expiresAt ?? new Date(Date.now() + (options.expiresInDays ?? 30) * DAY_MS),
      createdBy,
      subscriptionIds: options.subscriptionIds ?? null,
      semanticModelIds: options.semanticModelIds ?? null,
      allowedIps: options.allowedIps ?? [],
    },
    fixtureActor,
  );
  if (options.revoked) await revokeToken(id, { ...fixtureActor, userId: createdBy });
  rememberIssuedToken(plaintext);
  return { id, token: plaintext };
}

export async function userIdOf(email: string): Promise<string> {
  const user = await findUserForSignIn(email);
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
}

export async function makeViewer(password = "viewer-password-123") {
  const email = `viewer-${randomUUID()}@sluice.test`;
  await createUser({ email, name: "Test Viewer", role: "viewer", password }, fixtureActor);
  return { email, password };
}

export async function makeSubscription(
  overrides: Partial<import("../../lib/subscriptions/schemas").SubscriptionInput> = {},
) {
  const { saveSubscription } = await import("../../lib/subscriptions/repository");
  const { saveReport } = await import("../../lib/reports/repository");
  const report = await saveReport(
    {
      name: `report-${randomUUID()}`,
      query: "select id, name, category, unit_price from products order by id",
      keyColumn: "id",
      inputColumns: [],
    },
    fixtureActor,
  );
  const unique = randomUUID().slice(0, 8);
  return saveSubscription(
    {
      name: `subscription-${unique}`,
      reportId: report.id,
      format: "csv",
      recipients: [`a-${unique}@sluice.test`, `b-${unique}@sluice.test`, `c-${unique}@sluice.test`],
      recipientsMode: "list",
      recipientFilterValues: null,
      filterColumn: null,
      recipientsQuery: null,
      subject: `Report ${unique}`,
      message: "Attached.",
      frequency: "manual",
      time: "08:00",
      timeZone: "UTC",
      onlyWhenRows: false,
      onlyWhenChanged: false,
      notifyOnFailure: false,
      every: 1,
      daysOfWeek: [1],
      monthDay: "1",
      ...overrides,
    },
    fixtureActor,
  );
}

export async function makeSemanticModel(
  sourceQuery = "select id, name from owners",
  columns = { labelColumn: "name", idColumn: "id" },
) {
  const { saveSemanticModel } = await import("../../lib/semantic-models/repository");
  return saveSemanticModel(
    {
      name: `model-${randomUUID().slice(0, 8)}`,
      sourceQuery,
      ...columns,
      refreshFrequency: "manual",
      refreshTime: "06:00",
      refreshTimeZone: "UTC",
    },
    fixtureActor,
  );
}

/** Audit rows of one action, newest first, for checking what a request left behind. */
export async function auditRows(action: string, where: { actorTokenId?: string; actorLabel?: string } = {}) {
  const { db } = await import("../../lib/db/client");
  const { auditEvents } = await import("../../lib/db/schema");
  const { and, desc, eq } = await import("drizzle-orm");
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, action),
        where.actorTokenId ? eq(auditEvents.actorTokenId, where.actorTokenId) : undefined,
        where.actorLabel ? eq(auditEvents.actorLabel, where.actorLabel) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id));
}
