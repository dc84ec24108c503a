import { noteTokenRequest } from "../tokens/usage";
import type { VerifiedToken } from "../tokens/verify";

export const TOKEN_EXPIRATION_HEADER = "Sluice-Token-Expiration";

/**
 * What every answer to a valid token gets: when the secret it presented stops working (SPEC §8), and a note of the
 * request for the token's usage (memory only; written in batches).
 */
export function finishTokenResponse(
  response: Response,
  token: VerifiedToken | null,
  request: Request,
  ip: string | null,
): Response {
  if (!token) return response;
  response.headers.set(TOKEN_EXPIRATION_HEADER, token.secretExpiresAt.toISOString());
  noteTokenRequest(token.id, ip, request.method, new URL(request.url).pathname, response.status);
  return response;
}
