import { expect, type APIResponse } from "@playwright/test";

export const INVALID_TOKEN_BODY = {
  type: "https://sluice.dev/problems/invalid-token",
  title: "Invalid token",
  status: 401,
  detail: "The bearer token is missing, malformed, unknown, expired or revoked.",
  code: "invalid_token",
};

/** Asserts a problem+json answer with the given status and code; returns the body for further checks. */
export async function expectProblem(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ status, code });
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
  expect(body.type).toMatch(/^https:\/\//);
  return body;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
