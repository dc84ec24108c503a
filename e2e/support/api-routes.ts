// Every bearer-authenticated /api/v1 route of SPEC §4, for the statuses every one of them can answer (401, 429, 503).
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { bearer } from "./problems";
import { makeToken } from "./fixtures";
import { UNKNOWN_ID } from "./problem-bodies";

export type TokenRoute = {
  name: string;
  send: (request: APIRequestContext, base: string, headers: Record<string, string>) => Promise<APIResponse>;
};

const get = (path: string) => (request: APIRequestContext, base: string, headers: Record<string, string>) =>
  request.get(`${base}${path}`, { headers });
const post = (path: string) => (request: APIRequestContext, base: string, headers: Record<string, string>) =>
  request.post(`${base}${path}`, { headers });

// Id routes use an id that names nothing: authentication, the rate limit and the database come first.
export const TOKEN_ROUTES: TokenRoute[] = [
  { name: "GET /api/v1/token", send: get("/api/v1/token") },
  { name: "GET /api/v1/subscriptions", send: get("/api/v1/subscriptions") },
  { name: "POST /api/v1/subscriptions/{id}/runs", send: post(`/api/v1/subscriptions/${UNKNOWN_ID}/runs`) },
  { name: "GET /api/v1/subscriptions/{id}/runs", send: get(`/api/v1/subscriptions/${UNKNOWN_ID}/runs`) },
  { name: "GET /api/v1/semantic-models", send: get("/api/v1/semantic-models") },
  {
    name: "POST /api/v1/semantic-models/{id}/refreshes",
    send: post(`/api/v1/semantic-models/${UNKNOWN_ID}/refreshes`),
  },
  { name: "GET /api/v1/semantic-models/{id}/refreshes", send: get(`/api/v1/semantic-models/${UNKNOWN_ID}/refreshes`) },
  { name: "GET /api/v1/runs/{id}", send: get(`/api/v1/runs/${UNKNOWN_ID}`) },
];

/** Credentials that must all get the one 401 body, whatever the route. */
export const BAD_CREDENTIALS: [label: string, headers: () => Promise<Record<string, string>>][] = [
  ["no Authorization header", async () => ({})],
  ["a malformed token", async () => bearer("slc_not-a-token")],
  ["an expired token", async () => bearer((await makeToken({ expiresAt: new Date(Date.now() - 1000) })).token)],
  ["a revoked token", async () => bearer((await makeToken({ revoked: true })).token)],
];
