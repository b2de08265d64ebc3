import "server-only";
// Query fragments that keep restricted data out of results for readers who may not see
// it. Applied in the query itself, so the data never leaves the database.
import type { Prisma } from "@/lib/generated/prisma/client";
import { canSeeRestricted, type Actor } from "@/lib/authz";

export function visibleSourceWhere(actor: Actor): Prisma.SourceWhereInput {
  return canSeeRestricted(actor) ? { deletedAt: null } : { deletedAt: null, confidential: false };
}

export const sourceSelect = {
  id: true,
  key: true,
  title: true,
  publisher: true,
  kind: true,
  url: true,
  date: true,
  datePrecision: true,
  language: true,
  confidential: true,
  via: true,
} satisfies Prisma.SourceSelect;

export type SourceView = Prisma.SourceGetPayload<{ select: typeof sourceSelect }>;
