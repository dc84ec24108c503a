import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

/** Starts a long-running child with the bench's environment; its output goes to a log file descriptor. */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, logFd: number): ChildProcess {
  return spawn(command, args, { env, stdio: ["ignore", logFd, logFd] });
}

/** Polls until the URL answers 200 or the deadline passes. */
export async function waitForUrl(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

/** Peak resident set (VmHWM) of a process, in MiB, taking the largest over it and its descendants. */
export function peakRssMiB(pid: number): number {
  let peak = 0;
  const queue = [pid];
  while (queue.length) {
    const current = queue.shift() as number;
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${current}/status`, "utf8"));
      if (match) peak = Math.max(peak, Number(match[1]) / 1024);
    } catch {
      continue;
    }
    queue.push(...childrenOf(current));
  }
  return Math.round(peak);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}
