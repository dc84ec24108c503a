/**
 * At most `size` sends hold a connection at once, the rest wait in order. A send's deadline starts when it gets a
 * slot, so time spent waiting behind other runs' messages never counts against it (each slot is itself held no
 * longer than a deadline), and nodemailer's pool never queues a message of its own.
 */
export class SendSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** Resolves with the function that gives the slot back (once). */
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line; it is free only when nobody waits.
      if (next) next();
      else this.free++;
    };
  }
}
