import { spawn, type ChildProcess } from "node:child_process";
import { hostname } from "node:os";
import { expect } from "@playwright/test";

/**
 * Another worker, as `npm run worker` runs it (the built bundle), sharing the suite's database, Redis prefix and SMTP
 * sink unless `env` says otherwise. Its own process group, so kill -9 ends it as a crash would.
 */
export class BuiltWorker {
  output = "";
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  private constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ["--enable-source-maps", "dist/worker.mjs"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    for (const stream of [this.child.stdout, this.child.stderr])
      stream?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on("exit", () => resolve()));
  }

  static async start(env: Record<string, string> = {}): Promise<BuiltWorker> {
    const worker = new BuiltWorker(env);
    await expect.poll(() => worker.output, { timeout: 30_000 }).toContain("worker started");
    return worker;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error("worker did not start");
    return this.child.pid;
  }

  /** The name its jobs carry in `processedBy` (workers/index.ts). */
  get name(): string {
    return `${hostname()}:${this.pid}`;
  }

  /** kill -9 of the whole process group. */
  crash(): void {
    process.kill(-this.pid, "SIGKILL");
  }

  /** SIGTERM, then waits for it to finish its jobs and exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    await this.exited;
  }
}
