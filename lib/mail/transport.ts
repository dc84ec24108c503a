import { connect, type Socket } from "node:net";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { env } from "../env";
import { log } from "../log";
import { writeToOutbox } from "./outbox";

/** What the rest of the app needs from a mail transport. */
export type MailSender = {
  send(message: Mail.Options): Promise<{ messageId: string }>;
  close(): void;
};

// One pooled connection per parallel send (see SEND_PARALLELISM in lib/subscriptions/deliver.ts).
const SMTP_MAX_CONNECTIONS = 10;
// A stalled SMTP server must fail the send (and so the attempt) rather than hold a run for nodemailer's 10 minutes.
const SMTP_CONNECTION_TIMEOUT_MS = 10_000;
const SMTP_GREETING_TIMEOUT_MS = 10_000;
const SMTP_SOCKET_TIMEOUT_MS = 60_000;
// nodemailer's defaults when the URL names no port.
const SMTPS_PORT = 465;
const SUBMISSION_PORT = 587;

const globalForMail = globalThis as unknown as { sluiceMail?: MailSender };

/** The process's mail transport: SMTP_URL when set, otherwise .eml files in OUTBOX_DIR (SPEC §5). */
export function mailSender(): MailSender {
  globalForMail.sluiceMail ??= env.SMTP_URL ? smtpSender(env.SMTP_URL) : outboxSender(env.OUTBOX_DIR);
  return globalForMail.sluiceMail;
}

/** Closes pooled connections; the next send opens a fresh transport. */
export function closeMailSender(): void {
  globalForMail.sluiceMail?.close();
  globalForMail.sluiceMail = undefined;
}

function smtpSender(url: string): MailSender {
  const transport = nodemailer.createTransport({
    // nodemailer ignores every other option when given `url`, so the URL is parsed here and the pool settings added.
    ...parseConnectionUrl(url),
    pool: true,
    maxConnections: SMTP_MAX_CONNECTIONS,
    connectionTimeout: SMTP_CONNECTION_TIMEOUT_MS,
    greetingTimeout: SMTP_GREETING_TIMEOUT_MS,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
    // Messages carry only what we build in memory; never let a field make nodemailer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    getSocket: noDelaySocket,
  });
  return {
    async send(message) {
      const info = await transport.sendMail(message);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

function outboxSender(dir: string): MailSender {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "unix",
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  log.info({ outbox: dir }, "SMTP_URL is not set: e-mails are written to the outbox folder");
  return {
    async send(message) {
      const info = await transport.sendMail(message);
      // buffer: true makes the stream transport hand back the whole message as a Buffer.
      if (!Buffer.isBuffer(info.message)) throw new Error("stream transport did not buffer the message");
      const path = await writeToOutbox(dir, info.messageId, info.message);
      log.info({ path, messageId: info.messageId }, "e-mail written to the outbox");
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/**
 * A message ends with a small "\r\n.\r\n" write; with Nagle's algorithm on it waits for the ACK of the body, which a
 * server delays by up to 40 ms — per message, per connection. So the pool gets sockets we open with Nagle off
 * (nodemailer adds TLS on top itself: STARTTLS, or at once for smtps://).
 */
function noDelaySocket(
  options: SMTPPool.Options,
  callback: (err: Error | null, socketOptions: { connection: Socket } | false) => void,
): void {
  const port = Number(options.port) || (options.secure ? SMTPS_PORT : SUBMISSION_PORT);
  const socket = connect({ host: options.host || "localhost", port, noDelay: true });
  const fail = (error: Error) => {
    clearTimeout(timer);
    socket.destroy();
    callback(error, false);
  };
  const timer = setTimeout(() => fail(new Error("Connection timeout")), SMTP_CONNECTION_TIMEOUT_MS);
  socket.once("error", fail);
  socket.once("connect", () => {
    clearTimeout(timer);
    socket.removeListener("error", fail);
    callback(null, { connection: socket });
  });
}
