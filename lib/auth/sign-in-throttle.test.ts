import { randomInt, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { beginSignInAttempt, delayAfter } from "./sign-in-throttle";
import { sharedRedis } from "../redis";

// Real Redis under the test run's own prefix; `now` is passed in, so the waits are checked without waiting.
const T = 1_800_000_000_000;
const fresh = () => ({
  email: `someone-${randomUUID()}@sluice.test`,
  ip: `198.51.100.${randomInt(250)}`,
});
const allowed = async (email: string, ip: string, now: number) => (await beginSignInAttempt(email, ip, now)).allowed;

afterAll(() => {
  sharedRedis().disconnect();
});

describe("sign-in throttle per account and address", () => {
  it("lets five attempts through, then doubles the wait after each", async () => {
    const { email } = fresh();
    const ip = `pair-${randomUUID()}`;
    for (let i = 0; i < 5; i++) expect(await allowed(email, ip, T)).toBe(true);
    expect(await allowed(email, ip, T)).toBe(false);
    expect(await allowed(email, ip, T + 999)).toBe(false);
    expect(await allowed(email, ip, T + 1_000)).toBe(true);
    expect(await allowed(email, ip, T + 1_000 + 1_999)).toBe(false);
    expect(await allowed(email, ip, T + 1_000 + 2_000)).toBe(true);
    // The same account from another address is not slowed; nor is another account from this address.
    expect(await allowed(email, `other-${randomUUID()}`, T)).toBe(true);
    expect(await allowed(`other-${email}`, ip, T)).toBe(true);
  });

  it("never locks for longer than the window", () => {
    expect(delayAfter(4)).toBe(0);
    expect(delayAfter(5)).toBe(1_000);
    expect(delayAfter(6)).toBe(2_000);
    expect(delayAfter(1_000)).toBe(15 * 60 * 1_000);
  });

  it("counts concurrent attempts atomically, before any password is checked", async () => {
    const { email } = fresh();
    const ip = `burst-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 40 }, () => allowed(email, ip, T)));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it("gives the attempts back on success", async () => {
    const { email } = fresh();
    const ip = `ok-${randomUUID()}`;
    for (let i = 0; i < 4; i++) expect(await allowed(email, ip, T)).toBe(true);
    const attempt = await beginSignInAttempt(email, ip, T);
    await attempt.succeeded();
    for (let i = 0; i < 5; i++) expect(await allowed(email, ip, T)).toBe(true);
  });
});

describe("sign-in throttle per address", () => {
  it("stops an address after ten counted attempts, whatever the accounts", async () => {
    const ip = `many-${randomUUID()}`;
    for (let i = 0; i < 10; i++) expect(await allowed(`a${i}-${randomUUID()}@sluice.test`, ip, T)).toBe(true);
    expect(await allowed(`another-${randomUUID()}@sluice.test`, ip, T)).toBe(false);
  });
});
