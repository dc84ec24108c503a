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

/** Every descendant of a process, children first. */
function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const children = childrenOf(queue.shift() as number);
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

/**
 * Stops a child started through `npm run`: npm does not pass SIGTERM on to the server or worker it started, which
 * would live on and take the next bench's jobs (same database, same queue prefix). So the signal goes to every
 * descendant as well.
 */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const pids = [child.pid, ...descendantsOf(child.pid)];
  const signal = (name: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, name);
      } catch {
        // already gone
      }
    }
  };
  const alive = () =>
    pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
  signal("SIGTERM");
  // The worker finishes its active jobs on SIGTERM: give every process its grace period before SIGKILL.
  const deadline = Date.now() + 30_000;
  while (alive().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of alive()) process.kill(pid, "SIGKILL");
}

// Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux).
const TICKS_PER_SECOND = 100;

function cpuTicksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by a process and its descendants plus the Postgres backends serving `database`: on a
 * machine shared with other work, CPU per request says what a case costs whatever else is running.
 */
export function cpuSeconds(pid: number, database: string): number {
  let ticks = 0;
  for (const current of [pid, ...descendantsOf(pid)]) ticks += cpuTicksOf(current);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (title.startsWith("postgres: ") && title.includes(` ${database} `)) ticks += cpuTicksOf(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return ticks / TICKS_PER_SECOND;
}
