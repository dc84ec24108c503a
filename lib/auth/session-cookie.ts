import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { env } from "../env";
import { SESSION_MAX_AGE_SECONDS, secureCookies } from "./options";

// next-auth's own cookie name, with the prefix it adds when cookies are Secure.
const SESSION_COOKIE = `${secureCookies ? "__Secure-" : ""}next-auth.session-token`;

/**
 * After a change that bumped the user's session version (their own password change), re-issues this request's
 * session with the new version: every other session of theirs ends, this one goes on.
 */
export async function keepThisSession(sessionVersion: number): Promise<void> {
  const store = await cookies();
  const current = store.get(SESSION_COOKIE)?.value;
  if (!current) return;
  const token = await decode({ token: current, secret: env.AUTH_SECRET });
  if (!token) return;
  const value = await encode({
    token: { ...token, sessionVersion },
    secret: env.AUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  store.set(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}
