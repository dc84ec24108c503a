import type { APIRequestContext } from "@playwright/test";

/**
 * Signs in through next-auth's credentials endpoint, as the login form does, from a given client IP (the suite's
 * server trusts one proxy hop, so X-Forwarded-For names the client). Returns "ok" or next-auth's error code.
 */
export async function signInAttempt(
  request: APIRequestContext,
  email: string,
  password: string,
  ip: string,
  baseUrl = "",
): Promise<string> {
  const headers = { "X-Forwarded-For": ip };
  const { csrfToken } = await (await request.get(`${baseUrl}/api/auth/csrf`, { headers })).json();
  const response = await request.post(`${baseUrl}/api/auth/callback/credentials`, {
    headers,
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  const body = await response.json().catch(() => ({ url: "" }));
  const url = new URL(String(body.url ?? ""), "http://localhost");
  return url.searchParams.get("error") ?? "ok";
}

/** Whether the credentials were accepted. */
export async function signInOverHttp(
  request: APIRequestContext,
  email: string,
  password: string,
  ip: string,
): Promise<boolean> {
  return (await signInAttempt(request, email, password, ip)) === "ok";
}
