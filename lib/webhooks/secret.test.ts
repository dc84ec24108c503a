import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, generateWebhookSecret } from "./secret";

describe("webhook secrets", () => {
  it("are whsec_ + base64 of 32 random bytes, usable by the standardwebhooks library", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(() => new Webhook(secret)).not.toThrow();
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it("are stored encrypted, with a fresh nonce each time, and read back", () => {
    const secret = generateWebhookSecret();
    const stored = encryptSecret(secret);
    expect(stored).not.toContain(secret.slice("whsec_".length, 20));
    expect(encryptSecret(secret)).not.toBe(stored);
    expect(decryptSecret(stored)).toBe(secret);
  });

  it("refuse a tampered ciphertext", () => {
    const [version, nonce, ciphertext, tag] = encryptSecret(generateWebhookSecret()).split(":");
    const flipped = Buffer.from(ciphertext, "base64");
    flipped[0] ^= 1;
    expect(() => decryptSecret([version, nonce, flipped.toString("base64"), tag].join(":"))).toThrow();
    expect(() => decryptSecret("garbage")).toThrow("unreadable");
  });
});
