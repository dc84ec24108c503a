import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// CI installs docker-compose (.ci/run); `config` only reads the file, no Docker engine needed.
const hasCompose = spawnSync("docker-compose", ["version"], { encoding: "utf8" }).status === 0;
// An empty env file, so a developer's own .env does not fill in what these tests leave out.
const emptyEnvFile = join(mkdtempSync(join(tmpdir(), "sluice-compose-")), "empty.env");
writeFileSync(emptyEnvFile, "");

function composeConfig(env: Record<string, string>) {
  return spawnSync("docker-compose", ["--env-file", emptyEnvFile, "-f", "docker-compose.yml", "config"], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe.skipIf(!hasCompose)("docker-compose.yml", () => {
  it("refuses to start without the secrets, saying which one and how to make it", () => {
    const result = composeConfig({ ADMIN_PASSWORD: "an-admin-password" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("set AUTH_SECRET (make one with openssl rand -base64 32)");
    expect(composeConfig({ AUTH_SECRET: "x".repeat(44) }).stderr).toContain("set ADMIN_PASSWORD");
  });

  it("publishes its ports on 127.0.0.1 only", () => {
    const result = composeConfig({ AUTH_SECRET: "x".repeat(44), ADMIN_PASSWORD: "an-admin-password" });
    expect(result.status).toBe(0);
    const published = [...result.stdout.matchAll(/^\s+- (\S+:\d+\/tcp)$/gm)].map((m) => m[1]);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:/);
    expect(result.stdout).not.toContain("change-me");
  });
});
