import { expect, test } from "@playwright/test";
import { request as httpRequest, Agent } from "node:http";
import { checksumOf, generateToken } from "../../lib/tokens/format";
import { PROBLEMS } from "../../lib/api/errors";
import { makeToken, makeSubscription } from "../support/fixtures";

// Deterministic pseudo-random cases, so a failure can be replayed from its index.
const CASES = 10_000;
const PARALLEL = 25;
const SEED = 0x5eed;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// UTF-8 text sent as raw header bytes (Node only lets Latin-1 strings through, byte for byte).
const utf8Bytes = (text: string) => Buffer.from(text, "utf8").toString("latin1");

// validToken: the case carries a token the app issued, so a 2xx is a legitimate answer.
type Case = {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  validToken: boolean;
};

function buildCases(validToken: string, refreshOnlyToken: string, subscriptionId: string, runId: string): Case[] {
  const random = mulberry32(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const randomChars = (length: number, alphabet: string) =>
    Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
  const token30 = () => randomChars(30, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

  const authorizations = [
    () => `Bearer ${generateToken()}`, // well-formed, unknown
    () => {
      const r = token30();
      return `Bearer slc_${r}${checksumOf(r) === "000000" ? "000001" : "000000"}`; // bad checksum
    },
    () => `Basic ${Buffer.from(`${token30()}:x`).toString("base64")}`,
    () => `Token ${generateToken()}`,
    () => `Bearer ${utf8Bytes("slc_ünïcødé✓" + token30())}`,
    () => `Bearer ${"A".repeat(Math.floor(random() * 8000))}`,
    () => `Bearer ' OR '1'='1' --`,
    () => `Bearer slc_${token30()}'; DROP TABLE api_tokens; --`,
    () => `bearer   ${generateToken()}   `,
    () => "",
    () => "Bearer",
    () => utf8Bytes(`Bearer ${randomChars(40, "\u00a0☃😀漢字")}`),
  ];
  const bodies = [
    () => undefined,
    () => "{",
    () => "[]",
    () => '{"recipients":["evil@example.com"]}',
    () => JSON.stringify({ a: "x".repeat(70_000) }),
    () => "null",
    () => utf8Bytes('{"ü":"✓"}'),
    () => "'; select pg_sleep(10); --",
  ];
  const forwardedFor = [
    () => `198.51.100.${Math.floor(random() * 256)}`,
    () => Array.from({ length: 50 }, () => "203.0.113.1").join(", "),
    () => ",,, ,",
    () => "x".repeat(4000),
    () => utf8Bytes("ünïcødé, ☃"),
    () => "::ffff:127.0.0.1, 2001:db8::1",
  ];
  const paths = [
    () => ({ method: "GET" as const, path: "/api/v1/token" }),
    () => ({ method: "POST" as const, path: `/api/v1/subscriptions/${subscriptionId}/runs` }),
    () => ({
      method: "POST" as const,
      path: `/api/v1/subscriptions/${encodeURIComponent(pick(["1 or 1=1", "../../etc/passwd", "%00", "ü"]))}/runs`,
    }),
    () => ({
      method: "GET" as const,
      path: `/api/v1/runs/${pick(["not-a-uuid", "00000000-0000-4000-8000-000000000000", "'--", runId])}`,
    }),
    () => ({ method: "GET" as const, path: `/api/v1/subscriptions?limit=${pick(["-1", "0", "1e9", "abc", "%27"])}` }),
    () => ({ method: "POST" as const, path: "/api/v1/semantic-models/00000000-0000-4000-8000-000000000000/refreshes" }),
  ];

  return Array.from({ length: CASES }, (_, i) => {
    const target = pick(paths)();
    // One case in ten carries a valid token (one of two scopes), so the permission, body and path checks are reached too.
    const validTokenCase = i % 10 === 0;
    const authorization = validTokenCase ? `Bearer ${pick([validToken, refreshOnlyToken])}` : pick(authorizations)();
    const body = target.method === "POST" ? pick(bodies)() : undefined;
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (authorization !== "" || random() < 0.5) headers.Authorization = authorization;
    if (random() < 0.1) headers["Idempotency-Key"] = random() < 0.5 ? "k".repeat(300) : `key-${i}`;
    // Forged and malformed client addresses: never trusted past the configured proxies, never a 5xx.
    if (random() < 0.2) headers["X-Forwarded-For"] = pick(forwardedFor)();
    if (random() < 0.1) headers["X-Sluice-Peer-Address"] = pick(forwardedFor)();
    return { ...target, headers, body, validToken: validTokenCase };
  });
}

function send(baseURL: string, agent: Agent, c: Case): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(c.path, baseURL);
    const req = httpRequest(url, { method: c.method, headers: c.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"] ?? ""),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    if (c.body !== undefined) req.write(c.body, "latin1");
    req.end();
  });
}

test("10,000 malformed requests all get documented 4xx problem bodies, never a 5xx", async ({ baseURL, request }) => {
  test.setTimeout(180_000);
  const { token } = await makeToken({ permissions: ["subscriptions:execute"] });
  const refreshOnly = await makeToken({ permissions: ["semantic-models:refresh"] });
  const subscription = await makeSubscription();
  // A run of the kind the refresh-only token may not read: it must answer as an unknown id does.
  const run = await (
    await request.post(`${baseURL}/api/v1/subscriptions/${subscription.id}/runs`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  ).json();
  const cases = buildCases(token, refreshOnly.token, subscription.id, run.id);
  const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
  const statuses = new Map<number, number>();
  const failures: string[] = [];

  for (let start = 0; start < cases.length; start += PARALLEL) {
    const batch = cases.slice(start, start + PARALLEL);
    const results = await Promise.all(batch.map((c) => send(baseURL as string, agent, c)));
    results.forEach((result, offset) => {
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      const index = start + offset;
      // With an issued token, introspection and well-formed triggers legitimately succeed.
      if (batch[offset].validToken && (result.status === 200 || result.status === 202)) return;
      if (result.status < 400 || result.status >= 500) {
        failures.push(`#${index} ${batch[offset].method} ${batch[offset].path} → ${result.status}`);
        return;
      }
      const problem = JSON.parse(result.body) as {
        status: number;
        code: keyof typeof PROBLEMS;
        title: string;
        type: string;
        detail: string;
      };
      if (
        !result.contentType.includes("application/problem+json") ||
        PROBLEMS[problem.code]?.status !== result.status ||
        problem.status !== result.status
      ) {
        failures.push(`#${index} → ${result.status} with ${result.body.slice(0, 120)}`);
      }
    });
  }
  agent.destroy();
  console.log("fuzz statuses:", Object.fromEntries([...statuses].sort()));
  expect(failures.slice(0, 20)).toEqual([]);
  expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  expect(statuses.get(401)).toBeGreaterThan(CASES / 2);
});
