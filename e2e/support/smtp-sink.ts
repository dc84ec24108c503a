// A real SMTP server for the test suite, started by Playwright: the worker tests' SmtpSink on SMTP_PORT, storing
// every message it accepts as an .eml file in MAILBOX_DIR, where specs read and parse them.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { SmtpSink } from "../../test/worker/helpers/smtp-sink";

const port = Number(process.env.SMTP_PORT ?? 2526);
const mailbox = process.env.MAILBOX_DIR ?? "test-results/mailbox";
mkdirSync(mailbox, { recursive: true });

const sink = new SmtpSink();
sink.onAccepted = (raw) => {
  const file = `${Date.now()}-${randomUUID()}.eml`;
  writeFileSync(join(mailbox, file), raw);
  // Specs read the files; the parsed copies the sink keeps in memory are not needed here.
  sink.messages.length = 0;
  console.log(`stored message ${file}`);
};

await sink.start(port);
console.log(`smtp sink listening on ${port}`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => void sink.stop().then(() => process.exit(0)));
}
