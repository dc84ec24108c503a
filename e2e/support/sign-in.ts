import type { APIRequestContext } from "@playwright/test";

/**
 * Signs in through next-auth's credentials endpoint, as the login form does, from a given client IP.
 * Returns whether the credentials were accepted.
 */
export async function signInOverHttp(
  request: APIRequestContext,
  email: string,
  password: string,
  ip: string,
): Promise<boolean> {
  const headers = { "X-Forwarded-For": ip };
  const { csrfToken } = await (await request.get("/api/auth/csrf", { headers })).json();
  const response = await request.post("/api/auth/callback/credentials", {
    headers,
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  const body = await response.json().catch(() => ({ url: "" }));
  return !String(body.url ?? "").includes("error=");
}
