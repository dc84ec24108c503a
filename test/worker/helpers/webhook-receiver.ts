import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; at: number };

/**
 * A real HTTP receiver for webhook tests: keeps every request it gets and answers with `respond` (200 unless told
 * otherwise), so a test can make it fail, then succeed, or answer 410.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  respond: (request: ReceivedWebhook, index: number) => { status: number; body?: string } = () => ({ status: 200 });
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
        const index = this.received.push(request) - 1;
        const { status, body } = this.respond(request, index);
        res.writeHead(status, { "content-type": "text/plain" }).end(body ?? "ok");
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** Requests carrying this `webhook-id`. */
  withId(id: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.headers["webhook-id"] === id);
  }

  reset(): void {
    this.received.length = 0;
    this.respond = () => ({ status: 200 });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
