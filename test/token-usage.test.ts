import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { apiTokens, tokenUsageDaily, tokenUses } from "../lib/db/schema";
import { flushTokenUsage, noteTokenRequest, USES_KEPT } from "../lib/tokens/usage";
import { closeTestClients } from "./worker/helpers/fixtures";

// Usage is noted in memory on the request path and written in batches: per-day counts and the last 100 uses.
async function insertToken(): Promise<string> {
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: "usage",
      digest: randomBytes(32).toString("hex"),
      hint: "slc_test",
      permissions: ["subscriptions:execute"],
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error("no token");
  return row.id;
}

afterAll(async () => {
  await closeTestClients();
});

describe("token usage", () => {
  it("counts accepted and refused requests per day and keeps only the last 100 uses", async () => {
    const [id, other] = [await insertToken(), await insertToken()];
    const day = Date.parse("2026-05-01T10:00:00Z");
    for (let i = 0; i < 110; i++)
      noteTokenRequest(id, "10.0.0.1", "GET", `/api/v1/token?i=${i}`, i % 10 === 0 ? 403 : 200, day + i);
    noteTokenRequest(other, null, "POST", "/api/v1/subscriptions/x/runs", 202, day);
    await flushTokenUsage();
    // A second batch adds to the day's counts.
    noteTokenRequest(id, "10.0.0.2", "POST", "/api/v1/token", 500, day + 1000);
    await flushTokenUsage();

    const days = await db.select().from(tokenUsageDaily).where(eq(tokenUsageDaily.tokenId, id));
    expect(days).toEqual([{ tokenId: id, day: "2026-05-01", accepted: 99, refused: 12 }]);
    const uses = await db.select().from(tokenUses).where(eq(tokenUses.tokenId, id));
    expect(uses).toHaveLength(USES_KEPT);
    const paths = uses.map((u) => u.path);
    expect(paths).toContain("/api/v1/token?i=109");
    expect(paths).not.toContain("/api/v1/token?i=10");
    expect(uses.find((u) => u.status === 500)).toMatchObject({ ip: "10.0.0.2", method: "POST" });
    expect(await db.select().from(tokenUses).where(eq(tokenUses.tokenId, other))).toHaveLength(1);
  });
});
