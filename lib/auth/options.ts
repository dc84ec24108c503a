import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "../env";
import { recordAudit } from "../audit/record";
import { findUserForSignIn, markSignedIn } from "../users/repository";
import { takePasswordCheckSlot, verifyPassword } from "../users/password";
import { clientIpFromRecord } from "../api/client-ip";
import { beginSignInAttempt } from "./sign-in-throttle";
import { SIGN_IN_BUSY, SIGN_IN_THROTTLED } from "./sign-in-errors";

const credentialsSchema = z.object({ email: z.string().trim().max(254), password: z.string().max(200) });

// A console session lasts a working day; the database check in getCurrentUser can end it sooner.
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const secureCookies = env.NODE_ENV === "production" && env.APP_URL.startsWith("https://");

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  useSecureCookies: secureCookies,
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = clientIpFromRecord(request?.headers);
        // Thrown messages reach the login form as its error code (next-auth passes them on as `error`).
        const slot = takePasswordCheckSlot();
        if (!slot) throw new Error(SIGN_IN_BUSY);
        try {
          const attempt = await beginSignInAttempt(email, ip);
          if (!attempt.allowed) {
            await recordAudit({ action: "sign-in.throttled", actorLabel: email, ip });
            throw new Error(SIGN_IN_THROTTLED);
          }
          const user = await findUserForSignIn(email);
          const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
          if (!user || !passwordOk || user.disabledAt) {
            await recordAudit({ action: "sign-in.failed", actorUserId: user?.id, actorLabel: email, ip });
            return null;
          }
          await attempt.succeeded();
          await markSignedIn(user.id);
          await recordAudit({ action: "sign-in.succeeded", actorUserId: user.id, actorLabel: user.email, ip });
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        } finally {
          slot.release();
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sessionVersion = user.sessionVersion;
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.sub, sessionVersion: token.sessionVersion };
    },
  },
};
