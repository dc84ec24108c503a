import { ApiError } from "./errors";
import { isUuid } from "../forms/zod-helpers";

/** A path id that is not a UUID cannot name anything: 404, like an unknown one. */
export function uuidParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (!value || !isUuid(value)) throw new ApiError("not_found", `No resource with this ${name}.`);
  return value.toLowerCase();
}

// RFC 9110 token-ish visible ASCII; SPEC §4 caps the length.
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

export function idempotencyKey(request: Request): string | undefined {
  const key = request.headers.get("idempotency-key");
  if (key === null) return undefined;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !VISIBLE_ASCII.test(key)) {
    throw new ApiError(
      "invalid_request",
      `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters.`,
    );
  }
  return key;
}
