// The exact problem+json bodies of SPEC §4, written out here as the contract (not imported from the app), so a
// spec fails when a status, title, type or detail changes.
import { expect, type APIResponse } from "@playwright/test";
import { INVALID_TOKEN_BODY } from "./problems";

const STATUS_AND_TITLE = {
  invalid_request: [400, "Invalid request"],
  invalid_token: [401, "Invalid token"],
  insufficient_permission: [403, "Insufficient permission"],
  ip_not_allowed: [403, "IP address not allowed"],
  not_found: [404, "Not found"],
  subscription_paused: [409, "Subscription paused"],
  payload_too_large: [413, "Payload too large"],
  idempotency_conflict: [422, "Idempotency conflict"],
  rate_limited: [429, "Too many requests"],
  unavailable: [503, "Service unavailable"],
} as const;

export type ProblemCode = keyof typeof STATUS_AND_TITLE;
export type ProblemBody = { type: string; title: string; status: number; detail: string; code: ProblemCode };

export function problem(code: ProblemCode, detail: string): ProblemBody {
  const [status, title] = STATUS_AND_TITLE[code];
  return { type: `https://sluice.dev/problems/${code.replaceAll("_", "-")}`, title, status, detail, code };
}

/** Asserts the status, the problem+json media type and the whole body. */
export async function expectProblemBody(response: APIResponse, expected: ProblemBody): Promise<void> {
  expect(response.status(), await response.text()).toBe(expected.status);
  expect(response.headers()["content-type"]).toBe("application/problem+json");
  expect(await response.json()).toEqual(expected);
}

/** The one 401 answer, with its RFC 6750 challenge. */
export async function expectInvalidToken(response: APIResponse): Promise<void> {
  await expectProblemBody(response, problem("invalid_token", INVALID_TOKEN_BODY.detail));
  expect(response.headers()["www-authenticate"]).toBe('Bearer error="invalid_token"');
}

/** The 403 for a valid token without the route's permission, with its RFC 6750 challenge. */
export async function expectInsufficientPermission(response: APIResponse, permission: string): Promise<void> {
  await expectProblemBody(
    response,
    problem("insufficient_permission", `This token lacks the ${permission} permission.`),
  );
  expect(response.headers()["www-authenticate"]).toBe(`Bearer error="insufficient_scope", scope="${permission}"`);
}

export const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

// Path ids that are not UUIDs: each names nothing, so each is a 404 like an unknown id.
export const NOT_UUIDS = ["not-a-uuid", "42", "1%27%20or%201%3D1", `${UNKNOWN_ID}0`];

// `?` query strings the paging parameters refuse, with the exact detail of each 400.
export const BAD_PAGE_QUERIES: [query: string, detail: string][] = [
  ["limit=0", "limit: Too small: expected number to be >=1"],
  ["limit=101", "limit: Too big: expected number to be <=100"],
  ["limit=abc", "limit: Invalid input: expected number, received NaN"],
  ["limit=1.5", "limit: Invalid input: expected int, received number"],
  ["cursor=garbage", "cursor: not a cursor this API issued"],
  [
    `cursor=${Buffer.from('{"createdAt":"yesterday","id":"x"}').toString("base64url")}`,
    "cursor: not a cursor this API issued",
  ],
  [`cursor=${"a".repeat(201)}`, "cursor: Too big: expected string to have <=200 characters"],
  ["unknown=1", 'body: Unrecognized key: "unknown"'],
  ["limit=1&limit=2", "Each query parameter may appear once."],
];
