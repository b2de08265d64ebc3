import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { nextAuthRequestProblem } from "@/lib/auth/next-auth-request";
import { authOptions } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's own routes, after refusing the requests it would answer with a 500
// (lib/auth/next-auth-request.ts).
async function guarded(req: NextRequest, ctx: Context): Promise<Response> {
  const refused = await nextAuthRequestProblem(req, (await ctx.params).nextauth ?? []);
  return refused ?? handler(req, ctx);
}

export { guarded as GET, guarded as POST };
