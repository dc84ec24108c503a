import { SMTPServer } from "smtp-server";

export type CountingSmtp = { received(): number; close(): void };

/** A local SMTP server for the bench that accepts every message (any size), keeps nothing and counts them. */
export async function startCountingSmtp(port: number): Promise<CountingSmtp> {
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 0,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", resolve));
  return { received: () => received, close: () => smtp.close() };
}
