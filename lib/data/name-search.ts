import "server-only";
// Transliteration-tolerant name search with pg_trgm over the normalised names and aliases
// (lib/domain/normalize-name.ts), served by the GIN trigram indexes on
// people.name_normalized and person_aliases.name_normalized.
//
// word_similarity(query, name) compares the query with the best-matching stretch of a name,
// so "Ibrahimzade" finds "Fatma Ibrahimzade" and "Mahammadiyan" finds "Huseyn Mohammadiya"
// (0.54), while a query with no letters in common (`' OR 1=1--`) matches nothing. The
// threshold is a setting of pg_trgm that the `%>` operator (and so the index) reads: the SQL
// function tracker_person_name_matches (migration 20261124054500_person_name_matches) sets
// it for the current transaction, then matches, so a search is one statement. It scores each
// distinct matching spelling once (migration 20261124080000_person_name_matches_per_name):
// people who share a full name share its similarity.
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Minimum word similarity for a name or alias to match a search. */
export const NAME_MATCH_THRESHOLD = 0.5;

/**
 * `matched(person_id, score, closeness)`: the people one of whose names or aliases matches
 * the normalised query, with the best word similarity (`score`, the rank) and how close in
 * length their closest name is to the query (`closeness`, 0 = same length: among equal
 * scores, "Ibrahimzade" ranks the person called just that before "Fatma Ibrahimzade").
 * Soft-deleted people are the caller's business (the case filters exclude them).
 */
export function matchedPeopleCte(normalizedQuery: string): Prisma.Sql {
  return Prisma.sql`matched AS (
    SELECT m.person_id, m.score, m.closeness FROM tracker_person_name_matches(${normalizedQuery}, ${NAME_MATCH_THRESHOLD}::real) m
  )`;
}

type RawQuery<T> = Prisma.PrismaPromise<T>;

/**
 * Runs raw queries in one transaction with pg_trgm's thresholds set for it alone
 * (set_config(..., true) lasts until the transaction ends, so pooled connections are left
 * as they were): `word` for `<%`/`%>` (word_similarity), `whole` for `%` (similarity).
 */
export async function withTrigramThresholds<T extends readonly RawQuery<unknown>[]>(
  thresholds: { word?: number; whole?: number },
  queries: (client: ReturnType<typeof db>) => [...T],
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const client = db();
  const settings: RawQuery<unknown>[] = [];
  if (thresholds.word !== undefined) settings.push(client.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(thresholds.word)}, true)`);
  if (thresholds.whole !== undefined) settings.push(client.$queryRaw`SELECT set_config('pg_trgm.similarity_threshold', ${String(thresholds.whole)}, true)`);
  const results = await client.$transaction([...settings, ...queries(client)]);
  return results.slice(settings.length) as { [K in keyof T]: Awaited<T[K]> };
}
