import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

// SPEC §3: "slc_" + 30 random base62 chars + 6 base62 chars of CRC-32(random part).
export const TOKEN_PREFIX = "slc_";
export const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
export const TOKEN_LENGTH = TOKEN_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
// Largest multiple of 62 that fits in a byte: bytes at or above it are dropped, so every char is equally likely.
const UNBIASED_BYTE_LIMIT = 62 * 4;
// Chars of the plaintext kept as the list's non-secret hint ("slc_AbCd").
const HINT_RANDOM_CHARS = 4;

const TOKEN_SHAPE = /^slc_[0-9A-Za-z]{36}$/;

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_BYTE_LIMIT) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function checksumOf(randomPart: string): string {
  let value = crc32(Buffer.from(randomPart, "ascii"));
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generateToken(): string {
  const randomPart = randomBase62(RANDOM_LENGTH);
  return TOKEN_PREFIX + randomPart + checksumOf(randomPart);
}

/** Checks shape and checksum offline; a false here means no database lookup is needed. */
export function hasValidForm(candidate: string): boolean {
  if (candidate.length !== TOKEN_LENGTH || !TOKEN_SHAPE.test(candidate)) return false;
  const randomPart = candidate.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + RANDOM_LENGTH);
  return checksumOf(randomPart) === candidate.slice(TOKEN_PREFIX.length + RANDOM_LENGTH);
}

export function digestOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function hintOf(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + HINT_RANDOM_CHARS);
}
