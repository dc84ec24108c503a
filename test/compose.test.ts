import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

// CI installs docker-compose (.ci/run); `config` only reads the file, no Docker engine needed.
const hasCompose = spawnSync("docker-compose", ["version"], { encoding: "utf8" }).status === 0;
// An empty env file, so a developer's own .env does not fill in what these tests leave out.
const emptyEnvFile = join(mkdtempSync(join(tmpdir(), "sluice-compose-")), "empty.env");
writeFileSync(emptyEnvFile, "");
const secrets = { AUTH_SECRET: "x".repeat(44), ADMIN_PASSWORD: "an-admin-password" };

function composeConfig(env: Record<string, string>) {
  return spawnSync("docker-compose", ["--env-file", emptyEnvFile, "-f", "docker-compose.yml", "config"], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

type Service = {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  container_name?: string;
  ports?: (string | { published?: number | string; host_ip?: string })[];
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | number>;
};

/** The file as compose resolves it (anchors merged, variables filled in). */
function resolvedServices(env: Record<string, string> = {}): Record<string, Service> {
  const result = composeConfig({ ...secrets, ...env });
  expect(result.status, result.stderr).toBe(0);
  return (parse(result.stdout) as { services: Record<string, Service> }).services;
}

const commandOf = (service: Service) =>
  Array.isArray(service.command) ? service.command.join(" ") : (service.command ?? "");

describe.skipIf(!hasCompose)("docker-compose.yml", () => {
  it("refuses to start without the secrets, saying which one and how to make it", () => {
    const result = composeConfig({ ADMIN_PASSWORD: "an-admin-password" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("set AUTH_SECRET (make one with openssl rand -base64 32)");
    expect(composeConfig({ AUTH_SECRET: "x".repeat(44) }).stderr).toContain("set ADMIN_PASSWORD");
  });

  it("publishes its ports on 127.0.0.1 only", () => {
    const result = composeConfig(secrets);
    expect(result.status).toBe(0);
    const published = [...result.stdout.matchAll(/^\s+- (\S+:\d+\/tcp)$/gm)].map((m) => m[1]);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:/);
    expect(result.stdout).not.toContain("change-me");
  });

  it("publishes nothing but the reverse proxy, which is the way in to the web app", () => {
    const services = resolvedServices();
    const publishing = Object.entries(services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(publishing.map(([name]) => name)).toEqual(["proxy"]);
    expect(services.proxy?.depends_on?.web?.condition).toBe("service_healthy");
  });

  it("lets web and worker scale: no fixed container names or host ports", () => {
    const services = resolvedServices();
    for (const name of ["web", "worker"]) {
      expect(services[name]).toBeDefined();
      expect(services[name]?.container_name).toBeUndefined();
      expect(services[name]?.ports ?? []).toEqual([]);
    }
  });

  it("migrates and seeds once, in a one-shot service web and worker wait for", () => {
    const services = resolvedServices();
    expect(commandOf(services.migrate ?? {})).toMatch(/migrate.*seed/);
    for (const name of ["web", "worker"]) {
      expect(services[name]?.depends_on?.migrate?.condition).toBe("service_completed_successfully");
      expect(commandOf(services[name] ?? {})).not.toMatch(/migrate|seed/);
    }
    // The web service runs the image's own command: the server alone, no set-up on start.
    expect(services.web?.command).toBeUndefined();
    expect(readFileSync("Dockerfile", "utf8")).not.toMatch(/^CMD .*(migrate|seed)/m);
  });

  it("reads client addresses from the proxy's X-Forwarded-For entry, which the proxy writes itself", () => {
    const services = resolvedServices();
    expect(String(services.web?.environment?.TRUSTED_PROXY_HOPS)).toBe("1");
    const caddyfile = readFileSync("deploy/Caddyfile", "utf8");
    expect(caddyfile).toMatch(/header_up X-Forwarded-For \{remote_host\}/);
    expect(caddyfile).toMatch(/dynamic a web 3000/);
  });

  it("runs Redis as BullMQ's production guide asks: no eviction, append-only file", () => {
    const command = commandOf(resolvedServices().redis ?? {});
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect(command).toMatch(/--appendonly yes/);
  });

  it("honours SLUICE_BIND for whoever wants the proxy on another address", () => {
    const result = composeConfig({ ...secrets, SLUICE_BIND: "0.0.0.0", SLUICE_PORT: "8080" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("0.0.0.0:8080:80/tcp");
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync("Dockerfile", "utf8");
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

  it("installs only production dependencies into the image it ships", () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(finalStage).toMatch(/COPY --from=production-deps .*node_modules/);
    expect(finalStage).not.toMatch(/npm (ci|install)/);
  });

  it("copies build output and named files only, never the whole source tree", () => {
    expect(finalStage).not.toMatch(/^COPY (--\S+ )*\. /m);
    expect(finalStage).not.toMatch(/COPY --from=build (--\S+ )*\/app \/app/);
    expect(finalStage).not.toMatch(/\.next\/cache/);
    expect(dockerfile).toMatch(/rm -rf \.next\/cache/);
  });
});
