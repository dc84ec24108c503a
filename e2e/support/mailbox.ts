import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { mailboxDir } from "./env";

/** Every message the SMTP sink has stored so far, parsed. */
async function allMessages(): Promise<ParsedMail[]> {
  const files = (await readdir(mailboxDir)).filter((f) => f.endsWith(".eml"));
  return Promise.all(files.map(async (f) => simpleParser(await readFile(join(mailboxDir, f)))));
}

function recipientsOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
}

/** Messages with this subject, grouped by recipient address. */
export async function messagesBySubject(subject: string): Promise<Map<string, ParsedMail[]>> {
  const grouped = new Map<string, ParsedMail[]>();
  for (const mail of await allMessages()) {
    if (mail.subject !== subject) continue;
    for (const address of recipientsOf(mail)) grouped.set(address, [...(grouped.get(address) ?? []), mail]);
  }
  return grouped;
}
