import "server-only";
// SQL fragments of the case table query: the whitelisted sort expressions and the FROM/WHERE
// built on the shared case filters. Every user value travels as a bound parameter; the only
// text spliced into the SQL is chosen from the constant maps below.
import { caseFilterConditions } from "@/lib/data/case-filter-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaseFilters } from "@/lib/validation/case-filters";
import type { CaseSort, CaseSortKey } from "@/lib/validation/case-table";

const SORT_COLUMNS: Record<CaseSortKey, { sql: Prisma.Sql; person: boolean }> = {
  person: { sql: Prisma.sql`p.name`, person: true },
  city: { sql: Prisma.sql`c.arrest_city`, person: false },
  arrestDate: { sql: Prisma.sql`c.arrest_date`, person: false },
  status: { sql: Prisma.sql`c.status`, person: false },
  statusDate: { sql: Prisma.sql`c.status_date`, person: false },
  firstInstancePrisonDays: { sql: Prisma.sql`c.first_instance_prison_days`, person: false },
  firstInstanceLashes: { sql: Prisma.sql`c.first_instance_lashes`, person: false },
  effectivePrisonDays: { sql: Prisma.sql`c.effective_prison_days`, person: false },
  effectiveLashes: { sql: Prisma.sql`c.effective_lashes`, person: false },
  updatedAt: { sql: Prisma.sql`c.updated_at`, person: false },
};

const ASC = Prisma.raw("ASC NULLS LAST");
const DESC = Prisma.raw("DESC NULLS LAST");

/**
 * ORDER BY for the given sort, or by search rank when `rankedBy` names the relation holding
 * `score` and `closeness` (the matched CTE inside the query, the page outside it). Unknown
 * values (no arrest date, no sentence) always come last, whichever the direction: "longest
 * sentences first" must not open on a page of blanks. The case id ends every ordering, in
 * the primary key's direction, so pages never overlap or skip rows (and the arrest-date
 * indexes, which end with the id, serve the default order).
 */
export function caseOrderBy(sort: readonly CaseSort[], rankedBy: "m" | "pg" | null): Prisma.Sql {
  const keys = sort.map((s) => Prisma.sql`${SORT_COLUMNS[s.key].sql} ${s.desc ? DESC : ASC}`);
  if (rankedBy) {
    const r = Prisma.raw(rankedBy);
    keys.unshift(Prisma.sql`${r}.score DESC`, Prisma.sql`${r}.closeness ASC`);
  }
  const primaryDesc = rankedBy !== null || (sort[0]?.desc ?? false);
  keys.push(Prisma.sql`c.id ${Prisma.raw(primaryDesc ? "DESC" : "ASC")}`);
  return Prisma.join(keys, ", ");
}

export function sortNeedsPerson(sort: readonly CaseSort[]): boolean {
  return sort.some((s) => SORT_COLUMNS[s.key].person);
}

const PERSON_NOT_DELETED = "p.deleted_at IS NULL";
const PERSON_ALIAS = /(^|[^a-z0-9_."])p\./i;

export interface CaseWhere {
  where: Prisma.Sql;
  /** Whether the conditions read the person's row (alias p) beyond its soft delete. */
  readsPerson: boolean;
}

/**
 * `p.deleted_at IS NULL` without the person row: the case's person is not one of the
 * soft-deleted people (see caseWhere). Also used by the aggregates (aggregate-sql.ts).
 */
export const CASE_PERSON_LIVE = Prisma.sql`c.person_id <> ALL (ARRAY(SELECT dp.id FROM people dp WHERE dp.deleted_at IS NOT NULL))`;

/**
 * The shared filter conditions (lib/data/case-filter-sql.ts), written so the common case
 * does not join `people` at all.
 *
 * The shared conditions assume `cases c JOIN people p` and always contain
 * `p.deleted_at IS NULL`. Joining 100k people only to check that flag costs more than the
 * rest of a count (a hash of every person), while soft-deleted people are few. So when no
 * other condition reads `p`, the flag becomes "the case's person is not one of the
 * soft-deleted people": their ids are read once (index on people.deleted_at) and each case
 * is checked against that short list inside the index scan, which is cheaper per row than
 * an anti-join. It means the same thing because every case has its person (foreign key).
 * When anything else reads `p`, the join stays. The integration tests compare both forms
 * filter by filter.
 */
export function caseWhere(filters: CaseFilters): CaseWhere {
  const conditions = caseFilterConditions(filters);
  const text = (c: Prisma.Sql) => c.strings.join("?");
  const readsPerson = conditions.some((c) => text(c) !== PERSON_NOT_DELETED && PERSON_ALIAS.test(text(c)));
  const rewritten = readsPerson
    ? conditions
    : conditions.map((c) =>
        text(c) === PERSON_NOT_DELETED
          ? CASE_PERSON_LIVE
          : c,
      );
  return { where: Prisma.sql`WHERE ${Prisma.join(rewritten, " AND ")}`, readsPerson };
}

/** FROM clause: the people join only when a condition or the ordering reads the person. */
export function caseFrom(options: { person: boolean; matched: boolean }): Prisma.Sql {
  return Prisma.sql`FROM cases c${options.person ? Prisma.sql` JOIN people p ON p.id = c.person_id` : Prisma.empty}${
    options.matched ? Prisma.sql` JOIN matched m ON m.person_id = c.person_id` : Prisma.empty
  }`;
}
