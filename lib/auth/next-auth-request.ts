// Requests next-auth 4 answers with an exception (a 500) instead of refusing them: a POST
// declared as JSON whose body is not JSON (its App Router adapter calls req.json()), and a
// GET of the credentials callback, which only takes a POST (the 500's body even carries the
// exception's message). app/api/auth/[...nextauth]/route.ts refuses them here first, as the
// client's error; everything else goes to next-auth unchanged.
import { NextResponse } from "next/server";

import { NO_STORE } from "@/lib/http";

/** The refusal for a request next-auth cannot handle, or null to let next-auth answer it. */
export async function nextAuthRequestProblem(req: Request, segments: readonly string[]): Promise<NextResponse | null> {
  if (req.method !== "POST") {
    // The credentials provider signs in through a POST of its form only.
    if (segments[0] === "callback" && segments[1] === "credentials") {
      return NextResponse.json({ error: "Sign in with a POST of the sign-in form" }, { status: 405, headers: { ...NO_STORE, Allow: "POST" } });
    }
    return null;
  }
  if (!(req.headers.get("content-type") ?? "").includes("application/json")) return null;
  try {
    // A copy: next-auth reads the original body itself.
    await req.clone().json();
    return null;
  } catch {
    return NextResponse.json({ error: "The body is declared as JSON but is not JSON" }, { status: 400, headers: NO_STORE });
  }
}
