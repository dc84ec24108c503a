import { expect } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";

/**
 * Another instance of the built app on its own port, sharing the suite's database and Redis unless `env` says
 * otherwise: for settings the main server must not have (a low rate limit, a database behind a proxy).
 */
export async function startSecondServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  // As `npm start` runs it: with the preload that records each connection's own address.
  const args = [
    "--require",
    "./server/peer-address.mjs",
    "node_modules/next/dist/bin/next",
    "start",
    "-p",
    String(port),
  ];
  const server = spawn(process.execPath, args, {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: "ignore",
  });
  await expect
    .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/ping`).catch(() => null))?.status ?? 0, {
      timeout: 30_000,
    })
    .toBe(200);
  return server;
}
