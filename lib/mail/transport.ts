import { connect, type Socket } from "node:net";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { env } from "../env";
import { log } from "../log";
import { writeToOutbox } from "./outbox";
import { SendSlots } from "./send-slots";
import { markTransportFailing, markTransportOk } from "./transport-state";
import { existingSingleton, forgetSingleton, processSingleton } from "../util/process-singleton";

/** What the rest of the app needs from a mail transport. */
export type MailSender = {
  send(message: Mail.Options): Promise<{ messageId: string }>;
  /** Connects and greets the server without sending anything; throws when that fails. */
  verify(): Promise<void>;
  close(): void;
};

// One pooled connection per parallel send (see SEND_PARALLELISM in lib/subscriptions/deliver.ts).
const SMTP_MAX_CONNECTIONS = 10;
// nodemailer's default when the URL names no port (smtps:// never reaches our socket factory).
const SUBMISSION_PORT = 587;
// "Service not available, closing transmission channel": the server is failing, not this message.
const SMTP_SERVICE_UNAVAILABLE = 421;

const MAIL_KEY = "mail-sender";

/** The process's mail transport: SMTP_URL when set, otherwise .eml files in OUTBOX_DIR (SPEC §5). */
export function mailSender(): MailSender {
  return processSingleton(MAIL_KEY, () => (env.SMTP_URL ? smtpSender(env.SMTP_URL) : outboxSender(env.OUTBOX_DIR)));
}

/** Closes pooled connections; the next send opens a fresh transport. */
export function closeMailSender(): void {
  existingSingleton<MailSender>(MAIL_KEY)?.close();
  forgetSingleton(MAIL_KEY);
}

/** A nodemailer pool and the sockets it opened, so a pool given up on can be torn down at once. */
type Pool = {
  id: number;
  transport: nodemailer.Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;
  sockets: Set<Socket>;
  inFlight: number;
  retired: boolean;
};

/**
 * Pooled SMTP, with every send bounded: nodemailer's connection, greeting and socket timeouts, and a deadline on the
 * whole message. A pool that has seen the server fail (no connection, no answer, a dropped connection, 421) is
 * retired: new sends get a fresh pool, the old one closes once its sends in flight have ended — so no connection
 * left in a bad state by an outage is ever used again. A message past its deadline also destroys its pool's
 * sockets: it must not reach the server after we have recorded it as failed (a retry would send it again).
 */
function smtpSender(url: string): MailSender {
  const settings = parseConnectionUrl(url);
  const slots = new SendSlots(SMTP_MAX_CONNECTIONS);
  let pools = 0;
  let pool: Pool | null = null;

  function current(): Pool {
    if (!pool || pool.retired) pool = openPool(settings, ++pools);
    return pool;
  }

  function retire(target: Pool, reason: string, destroySockets: boolean): void {
    if (!target.retired) {
      target.retired = true;
      log.debug({ pool: target.id, reason }, "mail connection pool replaced");
    }
    if (destroySockets) for (const socket of target.sockets) socket.destroy();
    // nodemailer never answers a message handed to a closed pool: close only once nothing more will be handed to it.
    if (target.inFlight === 0) target.transport.close();
  }

  return {
    async send(message) {
      const release = await slots.acquire();
      const used = current();
      used.inFlight++;
      try {
        const sending = used.transport.sendMail(message);
        const info = await withDeadline(sending, env.SMTP_MESSAGE_TIMEOUT_MS, () =>
          retire(used, "message deadline passed", true),
        );
        markTransportOk();
        return { messageId: info.messageId };
      } catch (error) {
        if (isServerFailure(error)) {
          markTransportFailing(error);
          retire(used, errorMessage(error), false);
        } else {
          // The server answered and refused this one message: it is working.
          markTransportOk();
        }
        throw error;
      } finally {
        used.inFlight--;
        if (used.retired && used.inFlight === 0) used.transport.close();
        release();
      }
    },
    async verify() {
      const release = await slots.acquire();
      const used = current();
      used.inFlight++;
      try {
        await withDeadline(used.transport.verify(), env.SMTP_MESSAGE_TIMEOUT_MS, () =>
          retire(used, "verify deadline passed", true),
        );
        markTransportOk();
      } catch (error) {
        markTransportFailing(error);
        retire(used, errorMessage(error), false);
        throw error;
      } finally {
        used.inFlight--;
        if (used.retired && used.inFlight === 0) used.transport.close();
        release();
      }
    },
    close() {
      if (pool) {
        pool.retired = true;
        pool.transport.close();
      }
      pool = null;
    },
  };
}

function openPool(settings: ReturnType<typeof parseConnectionUrl>, id: number): Pool {
  const sockets = new Set<Socket>();
  const options: SMTPPool.Options & { maxRequeues: number } = {
    // nodemailer ignores every other option when given `url`, so the URL is parsed here and the pool settings added.
    ...settings,
    pool: true,
    maxConnections: SMTP_MAX_CONNECTIONS,
    // A message whose connection closed is not sent again by nodemailer: the run's retry decides, once.
    maxRequeues: 0,
    connectionTimeout: env.SMTP_CONNECTION_TIMEOUT_MS,
    greetingTimeout: env.SMTP_GREETING_TIMEOUT_MS,
    socketTimeout: env.SMTP_SOCKET_TIMEOUT_MS,
    // Messages carry only what we build in memory; never let a field make nodemailer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    getSocket: (socketOptions, callback) => noDelaySocket(socketOptions, sockets, callback),
  };
  return { id, transport: nodemailer.createTransport(options), sockets, inFlight: 0, retired: false };
}

/**
 * A message ends with a small "\r\n.\r\n" write; with Nagle's algorithm on it waits for the ACK of the body, which a
 * server delays by up to 40 ms — per message, per connection (measured: about three times fewer deliveries/s). So
 * the pool gets sockets we connect with Nagle off. A failed connect is never reported through the callback: nodemailer's
 * pool then answers that one message but keeps the dead connection as busy forever, and ten of them wedge it. It
 * is handed back as "no socket" instead, so nodemailer connects by itself, with its own timeouts and its own, correct
 * clean-up when that fails too (during an outage each send tries twice, each within SMTP_CONNECTION_TIMEOUT_MS).
 * Handing nodemailer an unconnected socket instead keeps Nagle on in practice (measured). For smtps://, TLS from
 * the first byte, nodemailer opens its own socket.
 */
function noDelaySocket(
  options: SMTPPool.Options,
  sockets: Set<Socket>,
  callback: (err: Error | null, socketOptions: { connection: Socket } | false) => void,
): void {
  if (options.secure) return callback(null, false);
  const socket = connect({
    host: options.host || "localhost",
    port: Number(options.port) || SUBMISSION_PORT,
    noDelay: true,
  });
  sockets.add(socket);
  socket.once("close", () => sockets.delete(socket));
  const fallBack = () => {
    clearTimeout(timer);
    socket.destroy();
    callback(null, false);
  };
  const timer = setTimeout(fallBack, env.SMTP_CONNECTION_TIMEOUT_MS);
  socket.once("error", fallBack);
  socket.once("connect", () => {
    clearTimeout(timer);
    socket.removeListener("error", fallBack);
    callback(null, { connection: socket });
  });
}

/** Rejects when `ms` pass first, after calling `onExpire` (which makes `promise` settle soon, as an error). */
async function withDeadline<T>(promise: Promise<T>, ms: number, onExpire: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // The send ends as an error once its socket is gone; nobody waits for it any more.
          promise.catch(() => {});
          onExpire();
          reject(Object.assign(new Error(`No reply from the mail server within ${ms} ms`), { code: "ETIMEDOUT" }));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Anything but an SMTP reply about this message: no connection, no greeting, silence, a dropped connection, 421. */
function isServerFailure(error: unknown): boolean {
  const code = smtpReplyCode(error);
  return code === null || code === SMTP_SERVICE_UNAVAILABLE;
}

export function smtpReplyCode(error: unknown): number | null {
  if (
    typeof error === "object" &&
    error !== null &&
    "responseCode" in error &&
    typeof error.responseCode === "number"
  ) {
    return error.responseCode;
  }
  return null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
    verify: async () => {},
    close: () => transport.close(),
  };
}
