import { z } from "zod";
import { insufficientPermission, invalidToken } from "./errors";
import { bearerCredential } from "./bearer";
import { clientIp } from "./client-ip";
import { parseJsonBody } from "./body";
import { errorToResponse } from "./handle";
import {
  countTokenRequest,
  noteBadToken,
  refundTokenRequest,
  rateLimitHeaders,
  refuseKnownGuesser,
  type RateLimitState,
} from "./rate-limit";
import { hasPermission, type Permission } from "../tokens/permissions";
import { hasValidForm } from "../tokens/format";
import { verifyToken, type VerifiedToken } from "../tokens/verify";
import { noteTokenUse } from "../tokens/last-used";
import { noteAuthorizationFailure } from "./authorization-audit";
import { enforceAllowedIps } from "./allowed-ips";
import { ipAllowed } from "../tokens/allowed-ips";
import { finishTokenResponse } from "./token-response";

export type TokenContext<B> = {
  request: Request;
  url: URL;
  token: VerifiedToken;
  ip: string | null;
  params: Record<string, string>;
  body: B;
};

type Options<S extends z.ZodType | undefined> = { permission?: Permission; body?: S };
type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type BodyOf<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The one entry of every bearer-authenticated route: header → bad-token limit → token → rate limit → permission →
 * body → handler, with every failure answered as problem+json.
 */
export function withToken<S extends z.ZodType | undefined = undefined>(
  options: Options<S>,
  handler: (ctx: TokenContext<BodyOf<S>>) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let limit: RateLimitState | null = null;
    let token: VerifiedToken | null = null;
    const ip = clientIp(request.headers);
    try {
      const credential = bearerCredential(request.headers.get("authorization"));
      // A malformed token is refused offline; a well-formed one costs a look-up, so a known guesser gets none.
      const wellFormed = credential !== null && hasValidForm(credential);
      if (wellFormed) await refuseKnownGuesser(ip);
      // The token's budget is counted while it is looked up: one wait instead of two.
      const [found, counted] = wellFormed
        ? await Promise.all([verifyToken(credential), countTokenRequest(credential)])
        : [null, null];
      token = found;
      if (!token || !counted) {
        await noteBadToken(ip, wellFormed);
        throw invalidToken();
      }
      // A refusal from outside the allowed ranges is not counted against the budget of the token's own client.
      if (credential && !ipAllowed(ip, token.allowedIps)) await refundTokenRequest(credential);
      enforceAllowedIps(token, ip);
      if ("refusal" in counted) throw counted.refusal;
      limit = counted.state;
      noteTokenUse(token, ip);
      if (options.permission && !hasPermission(token.permissions, options.permission)) {
        noteAuthorizationFailure(token, options.permission, ip);
        throw insufficientPermission(options.permission);
      }
      const body = (options.body ? await parseJsonBody(request, options.body) : undefined) as BodyOf<S>;
      const params = stringParams((await context?.params) ?? {});
      const response = await handler({ request, url: new URL(request.url), token, ip, params, body });
      return finishTokenResponse(withHeaders(response, rateLimitHeaders(limit)), token, request, ip);
    } catch (error) {
      return finishTokenResponse(
        withHeaders(errorToResponse(error, request), rateLimitHeaders(limit)),
        token,
        request,
        ip,
      );
    }
  };
}

function stringParams(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
