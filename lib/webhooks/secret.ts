import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";

// Standard Webhooks secrets are `whsec_` + base64 of 24 to 64 random bytes; 32 bytes match the HMAC-SHA256 key size.
const SECRET_BYTES = 32;
export const SECRET_PREFIX = "whsec_";
// AES-256-GCM: a 96-bit nonce is the size GCM is specified for; the 128-bit tag is its default.
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const CIPHER = "aes-256-gcm";
const FORMAT_VERSION = "v1";

/** A new signing secret; shown once to the admin who created the endpoint. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

// Derived from AUTH_SECRET so no second key has to be managed; rotating AUTH_SECRET means new endpoint secrets.
function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "sluice", "webhook signing secrets v1", KEY_BYTES));
}

export function encryptSecret(secret: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(CIPHER, key(), nonce);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [FORMAT_VERSION, nonce, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64")))
    .join(":");
}

export function decryptSecret(stored: string): string {
  const [version, nonce, ciphertext, tag] = stored.split(":");
  if (version !== FORMAT_VERSION || !nonce || !ciphertext || !tag) throw new Error("unreadable webhook secret");
  const decipher = createDecipheriv(CIPHER, key(), Buffer.from(nonce, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}
