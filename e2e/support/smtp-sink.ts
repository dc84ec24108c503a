// A real SMTP server for the test suite: accepts every message and stores it as an .eml file in MAILBOX_DIR,
// where specs read and parse them.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { SMTPServer } from "smtp-server";

const port = Number(process.env.SMTP_PORT ?? 2526);
const mailbox = process.env.MAILBOX_DIR ?? "test-results/mailbox";
mkdirSync(mailbox, { recursive: true });

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  size: 50 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const recipients = session.envelope.rcptTo.map((r) => r.address).join(",");
      writeFileSync(join(mailbox, `${Date.now()}-${randomUUID()}.eml`), Buffer.concat(chunks));
      console.log(`stored message for ${recipients}`);
      callback();
    });
  },
});

server.listen(port, "127.0.0.1", () => console.log(`smtp sink listening on ${port}`));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.close(() => process.exit(0)));
