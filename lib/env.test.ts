import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { authSecretProblem } from "./env";

const STRONG = "q0ZtD8m6s3rYk1wQ9pVb2xHn7cLf4JuEaG5iTo0RzKs=";
const PUBLIC = "https://sluice.example.com";

describe("AUTH_SECRET in production", () => {
  it.each([
    ["the local default", "sluice-local-development-secret-change-me"],
    ["the old compose default", "change-me-to-a-long-random-secret"],
    ["the test script's", "sluice-test-secret-not-for-production"],
    ["a short one", "only-twenty-bytes-xx"],
  ])("refuses %s when APP_URL is not localhost", (_label, secret) => {
    const problem = authSecretProblem({ NODE_ENV: "production", APP_URL: PUBLIC, AUTH_SECRET: secret });
    expect(problem).toContain("openssl rand -base64 32");
  });

  it("accepts a strong secret, and anything on localhost or outside production", () => {
    expect(authSecretProblem({ NODE_ENV: "production", APP_URL: PUBLIC, AUTH_SECRET: STRONG })).toBeNull();
    const weak = "sluice-local-development-secret-change-me";
    expect(authSecretProblem({ NODE_ENV: "production", APP_URL: "", AUTH_SECRET: weak })).toBeNull();
    expect(
      authSecretProblem({ NODE_ENV: "production", APP_URL: "http://localhost:3000", AUTH_SECRET: weak }),
    ).toBeNull();
    expect(authSecretProblem({ NODE_ENV: "development", APP_URL: PUBLIC, AUTH_SECRET: weak })).toBeNull();
  });

  it("stops a process that reads the settings, saying how to make a secret", () => {
    const run = (secret: string | undefined) =>
      spawnSync(process.execPath, ["--import", "tsx", "-e", 'await import("./lib/env.ts")'], {
        env: { PATH: process.env.PATH, NODE_ENV: "production", APP_URL: PUBLIC, AUTH_SECRET: secret },
        encoding: "utf8",
        timeout: 30_000,
      });
    const refused = run(undefined);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("openssl rand -base64 32");
    expect(run(STRONG).status).toBe(0);
  });
});
