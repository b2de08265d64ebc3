import "server-only";
// The acting user of the current request, checked against the database each time.
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { actorForSession } from "@/lib/data/users";
import type { Actor } from "@/lib/authz";

export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: string; sv?: number } | null;
  if (!session?.uid || typeof session.sv !== "number") return null;
  return actorForSession(session.uid, session.sv);
});
