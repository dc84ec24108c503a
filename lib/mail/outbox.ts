import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/** Writes one message as an .eml file; the name sorts by time and stays unique per message. */
export async function writeToOutbox(dir: string, messageId: string, message: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const safeId = messageId.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "");
  const path = resolve(join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${safeId}.eml`));
  // "wx": never overwrite an earlier message that happened to get the same name.
  await writeFile(path, message, { flag: "wx" });
  return path;
}
