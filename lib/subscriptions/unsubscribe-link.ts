import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { appUrl, env } from "../env";

// HMAC-SHA256 with a 256-bit key, derived from AUTH_SECRET (as webhook secrets' key is) for this one use, so a link
// signature says nothing about any other key.
const KEY_BYTES = 32;
// 128 bits of the MAC: unforgeable in practice, and a shorter link in the e-mail header.
const SIGNATURE_BYTES = 16;

let derived: Buffer | undefined;

// Derived once per process: a run signs one link per recipient.
function key(): Buffer {
  derived ??= Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "sluice", "unsubscribe links v1", KEY_BYTES));
  return derived;
}

function sign(subscriptionId: string, email: string): Buffer {
  return createHmac("sha256", key()).update(`${subscriptionId}\n${email}`).digest().subarray(0, SIGNATURE_BYTES);
}

/** The signed id of one address on one subscription: `{subscriptionId}.{address, base64url}.{signature}`. */
export function unsubscribeId(subscriptionId: string, email: string): string {
  const address = email.trim().toLowerCase();
  return [
    subscriptionId,
    Buffer.from(address).toString("base64url"),
    sign(subscriptionId, address).toString("base64url"),
  ].join(".");
}

export function unsubscribeUrl(subscriptionId: string, email: string): string {
  return `${appUrl()}/unsubscribe/${unsubscribeId(subscriptionId, email)}`;
}

const partsSchema = z.tuple([
  z.uuid(),
  z.string().regex(/^[A-Za-z0-9_-]{1,700}$/),
  z.string().regex(/^[A-Za-z0-9_-]{22}$/),
]);

/** The subscription and address a signed id names, or null when it was not made by this install. */
export function verifyUnsubscribeId(id: string): { subscriptionId: string; email: string } | null {
  const parts = partsSchema.safeParse(id.split("."));
  if (!parts.success) return null;
  const [subscriptionId, encoded, signature] = parts.data;
  const email = Buffer.from(encoded, "base64url").toString("utf8");
  const given = Buffer.from(signature, "base64url");
  const expected = sign(subscriptionId, email);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { subscriptionId, email };
}
