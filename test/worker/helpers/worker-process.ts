import { spawn, type ChildProcess } from "node:child_process";

/** The real worker (`workers/index.ts` under tsx) as a child process with the test's database, prefix and SMTP sink. */
export class WorkerProcess {
  output = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  private constructor(env: Record<string, string>) {
    // One process, tsx as a loader: the tsx command would relay SIGTERM to a child of its own and SIGKILL it when the
    // child does not answer within 30 ms, which a busy machine misses. Own process group, so kill -9 reaches it all.
    this.child = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    this.child.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
  }

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const worker = new WorkerProcess(env);
    await worker.waitForOutput("worker started");
    return worker;
  }

  /** Started without waiting for it to be ready: for a worker expected to refuse to start. */
  static spawn(env: Record<string, string>): WorkerProcess {
    return new WorkerProcess(env);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error("worker did not start");
    return this.child.pid;
  }

  async waitForOutput(text: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null) throw new Error(`worker exited before "${text}":\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`worker did not log "${text}" in ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** SIGTERM to the worker's own pid, as `docker stop` or a process manager sends it. */
  terminate(): void {
    this.child.kill("SIGTERM");
  }

  /** kill -9 of the whole process group. */
  crash(): void {
    process.kill(-this.pid, "SIGKILL");
  }

  /** SIGSTOP to the whole process group: a worker that froze (swapped out, a debugger, a stuck VM). */
  freeze(): void {
    process.kill(-this.pid, "SIGSTOP");
  }

  thaw(): void {
    process.kill(-this.pid, "SIGCONT");
  }

  /** Stops it cleanly if still running (test teardown). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.terminate();
    const timer = setTimeout(() => this.child.exitCode === null && process.kill(-this.pid, "SIGKILL"), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}
