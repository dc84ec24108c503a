import { randomUUID } from "node:crypto";
import { expect, test, type APIResponse } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { auditEvents, subscriptionUnsubscribes } from "../../lib/db/schema";
import { unsubscribeId } from "../../lib/subscriptions/unsubscribe-link";
import { makeSubscription } from "../support/fixtures";

async function unsubscribedOf(subscriptionId: string): Promise<string[]> {
  const rows = await db
    .select({ email: subscriptionUnsubscribes.email })
    .from(subscriptionUnsubscribes)
    .where(eq(subscriptionUnsubscribes.subscriptionId, subscriptionId));
  return rows.map((row) => row.email).sort();
}

async function expectInvalidPage(response: APIResponse): Promise<void> {
  expect(response.status()).toBe(400);
  expect(response.headers()["content-type"]).toMatch(/^text\/html/);
  expect(await response.text()).toContain("This unsubscribe link is invalid");
}

// Exactly what an RFC 8058 one-click unsubscribe sends: no cookies, no Origin of ours, this body.
const ONE_CLICK = {
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  data: "List-Unsubscribe=One-Click",
};

test.describe("POST /unsubscribe/{signed id} → 200", () => {
  test("a one-click POST unsubscribes that address from that subscription only, once, audited", async ({ request }) => {
    const subscription = await makeSubscription();
    const other = await makeSubscription();
    const [address] = subscription.recipients;
    const response = await request.post(`/unsubscribe/${unsubscribeId(subscription.id, address ?? "")}`, ONE_CLICK);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/html/);
    expect(await response.text()).toContain("You are unsubscribed");
    expect(await unsubscribedOf(subscription.id)).toEqual([address]);
    expect(await unsubscribedOf(other.id)).toEqual([]);

    // Mail clients may repeat the POST: still 200, still one row and one audit entry.
    const again = await request.post(`/unsubscribe/${unsubscribeId(subscription.id, address ?? "")}`, ONE_CLICK);
    expect(again.status()).toBe(200);
    expect(await unsubscribedOf(subscription.id)).toEqual([address]);
    const audited = await db
      .select({ details: auditEvents.details, label: auditEvents.actorLabel })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "subscription.unsubscribed"), eq(auditEvents.targetId, subscription.id)));
    expect(audited).toEqual([{ details: { email: address }, label: address }]);
  });

  test("for a subscription deleted since, answers 200 and stores nothing", async ({ request }) => {
    const response = await request.post(`/unsubscribe/${unsubscribeId(randomUUID(), "gone@sluice.test")}`, ONE_CLICK);
    expect(response.status()).toBe(200);
  });
});

test.describe("GET /unsubscribe/{signed id} → 200", () => {
  test("shows the address and an Unsubscribe button, and unsubscribes nobody", async ({ request }) => {
    const subscription = await makeSubscription();
    const [address] = subscription.recipients;
    const response = await request.get(`/unsubscribe/${unsubscribeId(subscription.id, address ?? "")}`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain(address);
    expect(html).toContain('<form method="post">');
    expect(html).not.toContain(subscription.name);
    expect(response.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
    expect(await unsubscribedOf(subscription.id)).toEqual([]);
  });
});

test.describe("GET and POST /unsubscribe/{id} → 400 page", () => {
  test("for a tampered, foreign or malformed id, changing nothing", async ({ request }) => {
    const subscription = await makeSubscription();
    const [address] = subscription.recipients;
    const good = unsubscribeId(subscription.id, address ?? "");
    const [id, encoded, signature] = good.split(".");
    const flipped = (signature ?? "").slice(0, -1) + ((signature ?? "").endsWith("A") ? "B" : "A");
    const forged = [
      `${id}.${encoded}.${flipped}`,
      `${id}.${Buffer.from("someone-else@sluice.test").toString("base64url")}.${signature}`,
      `${randomUUID()}.${encoded}.${signature}`,
      `${id}.${encoded}`,
      "not-a-link",
      `${id}.${encoded}.${signature}.extra`,
    ];
    for (const path of forged) {
      await expectInvalidPage(await request.get(`/unsubscribe/${path}`));
      await expectInvalidPage(await request.post(`/unsubscribe/${path}`, ONE_CLICK));
    }
    expect(await unsubscribedOf(subscription.id)).toEqual([]);
  });
});
