// next-auth (v4) with its credentials provider and JWT cookies. A JWT cannot be revoked by
// itself, so the cookie only names a server-side session (user_sessions row) plus the user's
// session version, both checked against the database on every request (lib/auth/session.ts).
// The cookie lives no longer than a session's absolute lifetime.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddress } from "@/lib/domain/sign-in-throttle";
import { authSecret, env, sessionLifetime, trustedProxyCount } from "@/lib/env";
import { signInWithPassword } from "@/lib/data/auth-sign-in";
import { endSession } from "@/lib/data/auth-sessions";

// Other fields next-auth posts (csrfToken, callbackUrl, json) are allowed and ignored.
const credentialsSchema = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(1).max(1024),
  code: z.string().max(64).optional(),
});

/** Errors the sign-in form tells apart (next-auth passes the message as `error`). */
export const SIGN_IN_ERRORS = { codeRequired: "CodeRequired", codeInvalid: "CodeInvalid", unavailable: "SignInUnavailable" } as const;

export const SESSION_MAX_AGE_SECONDS = Math.floor(sessionLifetime().absoluteMs / 1000);
/** Secure (__Secure-) cookies when the app is served over HTTPS, as next-auth itself decides. */
export const SESSION_COOKIE_SECURE = env().NEXTAUTH_URL?.startsWith("https://") ?? false;

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const value = headers?.[name];
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : null;
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  useSecureCookies: SESSION_COOKIE_SECURE,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Code", type: "text" },
      },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw ?? {});
        if (!parsed.success) return null;
        let result;
        try {
          result = await signInWithPassword({
            ...parsed.data,
            ip: clientAddress(header(req?.headers, "x-forwarded-for"), trustedProxyCount()),
            userAgent: header(req?.headers, "user-agent"),
          });
        } catch (error) {
          // Details stay in the server log (never the credentials: they are not in the error).
          console.error("Sign-in could not be completed", error instanceof Error ? error.name + ": " + error.message : error);
          throw new Error(SIGN_IN_ERRORS.unavailable);
        }
        if (result.status === "code_required") throw new Error(SIGN_IN_ERRORS.codeRequired);
        if (result.status === "code_invalid") throw new Error(SIGN_IN_ERRORS.codeInvalid);
        if (result.status !== "ok") return null;
        const { user, sessionId } = result;
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; sessionVersion?: number; sessionId?: string };
        token.sub = u.id;
        token.sv = u.sessionVersion ?? 0;
        token.sid = u.sessionId;
      }
      return token;
    },
    async session({ session }) {
      // Only what the browser needs; who may do what is decided from the database per request.
      return { expires: session.expires, user: { name: session.user?.name, email: session.user?.email } };
    },
  },
  events: {
    async signOut({ token }) {
      const sessionId = token?.sid;
      if (typeof sessionId !== "string") return;
      try {
        await endSession(sessionId);
      } catch (error) {
        console.error("Could not end the session row at sign-out", error instanceof Error ? error.name : error);
      }
    },
  },
};
