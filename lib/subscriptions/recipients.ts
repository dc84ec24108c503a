/**
 * The one rule for a recipient list, used by the form and by delivery: trimmed, blanks dropped, an address repeated
 * in any case kept once under its first spelling.
 */
export function uniqueRecipients(recipients: readonly string[]): string[] {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const raw of recipients) {
    const recipient = raw.trim();
    const key = recipient.toLowerCase();
    if (!recipient || seen.has(key)) continue;
    seen.add(key);
    unique.push(recipient);
  }
  return unique;
}

/** Recipients as typed in the form: one per line, or separated by commas, semicolons or spaces. */
export function parseRecipientList(raw: string): string[] {
  return uniqueRecipients(raw.split(/[\s,;]+/));
}
