import type { AddressInfo, Socket } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export type ReceivedMail = {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  /** The HTML part, when the message has one. */
  html: string | null;
  /** Header lines as received (unfolded by the parser), by lower-case name. */
  headers: Map<string, string[]>;
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

type RecipientRule = (address: string) => { code: number; message: string } | null;

/**
 * An in-process SMTP server that keeps every message it accepts (acceptance = its 250 reply). Tests steer it:
 * hold messages after the first few (a server that stalls), delay each message, or refuse some recipients.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  /** Accept this many messages, then leave later ones unanswered until release() (null = never hold). */
  holdAfter: number | null = null;
  /** Wait this long before answering each message. */
  delayMs = 0;
  rejectRecipient: RecipientRule = () => null;
  /** Called with each accepted message as received, before the server answers 250 (e.g. to store it). */
  onAccepted: (raw: Buffer) => void = () => {};
  /** Reset (TCP RST) the connection of this many next messages while their data arrives, before any reply. */
  resetMidMessage = 0;

  private held: (() => void)[] = [];
  // By client port: the server's raw sockets, so a test can drop them as a crashed or resetting server would.
  private readonly sockets = new Map<number, Socket>();
  private decided = 0;
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      // A reverse DNS lookup per connection would measure the resolver, not the worker.
      disableReverseLookup: true,
      maxClients: 200,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const rule = this.rejectRecipient(address.address);
        if (!rule) return callback();
        callback(Object.assign(new Error(rule.message), { responseCode: rule.code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        // A message whose connection is reset is never accepted, even when all of it had arrived by then: a real
        // server answers nothing on a dead connection, so it is not kept (and the sender retries it).
        let reset = false;
        if (this.resetMidMessage > 0) {
          this.resetMidMessage--;
          reset = true;
          stream.once("data", () => this.sockets.get(session.remotePort)?.resetAndDestroy());
        }
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (reset) return;
          const accept = () => {
            simpleParser(Buffer.concat(chunks))
              .then((mail) => {
                this.messages.push({
                  to: (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
                    a.value.map((v) => v.address ?? ""),
                  ),
                  subject: mail.subject ?? "",
                  text: mail.text ?? "",
                  messageId: mail.messageId ?? "",
                  html: typeof mail.html === "string" ? mail.html : null,
                  headers: headerLines(mail.headerLines),
                  attachments: mail.attachments.map((a) => ({
                    filename: a.filename ?? "",
                    contentType: a.contentType,
                    content: a.content,
                  })),
                });
                this.onAccepted(Buffer.concat(chunks));
                callback();
              })
              .catch((error: Error) => callback(error));
          };
          const position = this.decided++;
          if (this.holdAfter !== null && position >= this.holdAfter) this.held.push(accept);
          else if (this.delayMs > 0) setTimeout(accept, this.delayMs);
          else accept();
        });
      },
    });
    this.server.server.on("connection", (socket: Socket) => {
      const port = socket.remotePort ?? 0;
      this.sockets.set(port, socket);
      socket.once("close", () => this.sockets.delete(port));
    });
  }

  /** Listens on the given port (again, after crash()), or on a free one. */
  async start(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  /** Stops as a killed server would: open connections drop, new ones are refused; held messages are lost. */
  async crash(): Promise<void> {
    // What comes back after a crash is a fresh server that answers every message.
    this.held = [];
    this.holdAfter = null;
    const closed = new Promise<void>((resolve) => this.server.server.close(() => resolve()));
    for (const socket of this.sockets.values()) socket.destroy();
    await closed;
  }

  async stop(): Promise<void> {
    this.held = [];
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Stops holding; answers nothing that was held (their clients are gone) unless `deliverHeld`. */
  release(deliverHeld = false): void {
    this.holdAfter = null;
    const held = this.held;
    this.held = [];
    if (deliverHeld) held.forEach((accept) => accept());
  }

  heldCount(): number {
    return this.held.length;
  }

  for(address: string): ReceivedMail[] {
    return this.messages.filter((mail) => mail.to.includes(address));
  }

  reset(): void {
    this.messages.length = 0;
    this.held = [];
    this.decided = 0;
    this.holdAfter = null;
    this.delayMs = 0;
    this.rejectRecipient = () => null;
    this.resetMidMessage = 0;
  }
}

/** `Name: value` lines by lower-case name; repeated headers keep every value. */
function headerLines(lines: readonly { key: string; line: string }[]): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    headers.set(key.toLowerCase(), [...(headers.get(key.toLowerCase()) ?? []), value]);
  }
  return headers;
}
