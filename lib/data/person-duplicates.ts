import "server-only";
// Duplicate warning for the person form: before a new person is saved, the people whose
// name or alias is close to the new name or any of its aliases, with a link to each, so an
// advocate who received "Fatima Ibrahimzadeh" sees that "Fatma Ibrahimzade" is already on
// record. Ready to be called from the person form's server action (or a route handler)
// with the form's name and aliases; it only reads.
//
// Closeness is pg_trgm similarity of the whole normalised names (symmetric, unlike the
// search's word similarity: "Ali Ibrahimzadeh" shares a surname with "Fatma Ibrahimzade"
// but is not the same person).
import { requireRole, type Actor } from "@/lib/authz";
import { withTrigramThresholds } from "@/lib/data/name-search";
import { normalizeName } from "@/lib/domain/normalize-name";

/** Whole-name similarity from which a person is shown as a possible duplicate. */
export const DUPLICATE_THRESHOLD = 0.5;
const MAX_CANDIDATES = 10;
const MAX_NAMES = 20;

export interface DuplicateCandidate {
  personId: string;
  name: string;
  aliases: string[];
  /** 0–1: similarity of the closest pair (a new name or alias, an existing name or alias). */
  similarity: number;
  /** The existing name or alias that came closest. */
  matchedName: string;
  /** The new name or alias it came close to. */
  matchedInput: string;
  /** Where the form links the candidate. */
  href: string;
}

interface RawCandidate {
  person_id: string;
  name: string;
  aliases: string[];
  similarity: number;
  matched_name: string;
  matched_input: string;
}

/**
 * People already recorded whose name or alias is close to `name` or one of `aliases`,
 * closest first (at most ten). Soft-deleted people are never offered. EDITOR and ADMIN
 * only: it serves the creation of a person.
 */
export async function findSimilarPeople(actor: Actor | null, name: string, aliases: readonly string[] = []): Promise<DuplicateCandidate[]> {
  requireRole(actor, "EDITOR");
  const inputs = new Map<string, string>();
  for (const raw of [name, ...aliases].slice(0, MAX_NAMES)) {
    const normalized = normalizeName(raw);
    if (normalized && !inputs.has(normalized)) inputs.set(normalized, raw.trim());
  }
  if (inputs.size === 0) return [];
  const normalized = [...inputs.keys()];
  const originals = [...inputs.values()];

  const [rows] = await withTrigramThresholds({ whole: DUPLICATE_THRESHOLD }, (client) => [
    client.$queryRaw<RawCandidate[]>`
      WITH input AS (
        SELECT * FROM unnest(${normalized}::text[], ${originals}::text[]) AS i(normalized, original)
      ),
      hits AS (
        SELECT p.id AS person_id, similarity(i.normalized, p.name_normalized) AS similarity, p.name AS matched_name, i.original AS matched_input
          FROM input i JOIN people p ON p.name_normalized % i.normalized
        UNION ALL
        SELECT a.person_id, similarity(i.normalized, a.name_normalized), a.name, i.original
          FROM input i JOIN person_aliases a ON a.name_normalized % i.normalized
      ),
      best AS (
        SELECT DISTINCT ON (h.person_id) h.* FROM hits h ORDER BY h.person_id, h.similarity DESC, h.matched_name
      )
      SELECT b.person_id, p.name, b.similarity, b.matched_name, b.matched_input,
             ARRAY(SELECT a.name FROM person_aliases a WHERE a.person_id = p.id ORDER BY a.name) AS aliases
        FROM best b JOIN people p ON p.id = b.person_id AND p.deleted_at IS NULL
       ORDER BY b.similarity DESC, p.name, p.id
       LIMIT ${MAX_CANDIDATES}`,
  ]);
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    aliases: r.aliases,
    similarity: Number(r.similarity),
    matchedName: r.matched_name,
    matchedInput: r.matched_input,
    href: `/people/${r.person_id}`,
  }));
}
