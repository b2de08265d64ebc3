// next-auth (v4) with its credentials provider and JWT sessions. JWTs cannot be revoked
// by themselves, so each carries the user's session version, checked against the
// database on every request (lib/auth/session.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authSecret } from "@/lib/env";
import { verifyCredentials } from "@/lib/data/users";

const credentialsSchema = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(1).max(1024),
});

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw ?? {});
        if (!parsed.success) return null;
        const user = await verifyCredentials(parsed.data.email, parsed.data.password);
        if (!user) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; sessionVersion?: number };
        token.sub = u.id;
        token.sv = u.sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      // Only what the browser needs; the role shown comes from the database per request.
      return { ...session, user: { name: session.user?.name, email: session.user?.email }, sv: token.sv, uid: token.sub };
    },
  },
};
