// Longest header worth reading: a token is 40 chars; anything far longer is refused unread.
const MAX_AUTHORIZATION_LENGTH = 512;

/** Extracts the credential of an `Authorization: Bearer <token>` header, or null for any other shape. */
export function bearerCredential(header: string | null): string | null {
  if (!header || header.length > MAX_AUTHORIZATION_LENGTH) return null;
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  return match?.[1] ?? null;
}
