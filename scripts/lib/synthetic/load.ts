// Loads synthetic records into PostgreSQL fast: one INSERT ... SELECT FROM unnest(...) per
// table and batch (one array parameter per column), so 100k people and their ~600k events
// load in well under a minute instead of hours of single-row inserts.
//
// Refuses a database that holds non-synthetic people or cases (real records must never be
// mixed with generated ones by accident) unless forced. Synthetic records from an earlier
// run are removed first, so the same arguments always give the same database.
import { CASE_EVENT_SUMMARIES_ASSIGNMENT, caseListDetailsRewrite } from "@/lib/sql/case-event-summaries";
import pg from "pg";
import { generateChunk, generateReferenceData, type SyntheticCase, type SyntheticChunk } from "./generate";

export interface SyntheticOptions {
  people: number;
  seed: number;
  force?: boolean;
  log?: (line: string) => void;
}

export interface SyntheticCounts {
  people: number;
  aliases: number;
  cases: number;
  events: number;
  charges: number;
  incidents: number;
}

export class RealDataPresentError extends Error {
  constructor(people: number, cases: number) {
    super(
      `The database holds ${people} non-synthetic people and ${cases} non-synthetic cases. Synthetic data is for test ` +
        "databases only; pass --force to add it anyway (it stays marked is_synthetic = true).",
    );
    this.name = "RealDataPresentError";
  }
}

type Column = readonly [name: string, transport: "text" | "int4" | "bool" | "numeric", cast?: string];

/** One multi-row INSERT: every column travels as one array parameter. */
async function insertRows(client: pg.ClientBase, table: string, columns: readonly Column[], rows: readonly unknown[][], suffix = ""): Promise<void> {
  if (rows.length === 0) return;
  const params = columns.map((_, i) => rows.map((row) => row[i] ?? null));
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const unnest = columns.map(([, transport], i) => `$${i + 1}::${transport}[]`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const select = columns.map(([, , cast], i) => (cast ? `c${i}::${cast}` : `c${i}`)).join(", ");
  await client.query(`INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${aliases.join(", ")}) ${suffix}`, params);
}

/** A PostgreSQL array literal ('{"a","b c"}') for array columns sent through a text parameter. */
export function pgArrayLiteral(values: readonly string[] | null): string | null {
  if (values === null) return null;
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (m) => `\\${m}`)}"`).join(",")}}`;
}

const isoDay = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, 10));
const iso = (d: Date) => d.toISOString();

async function countReal(client: pg.ClientBase): Promise<{ people: number; cases: number }> {
  const { rows } = await client.query<{ people: number; cases: number }>(
    `SELECT (SELECT count(*) FROM people WHERE NOT is_synthetic)::int AS people,
            (SELECT count(*) FROM cases WHERE NOT is_synthetic)::int AS cases`,
  );
  return rows[0] ?? { people: 0, cases: 0 };
}

async function removeSynthetic(client: pg.ClientBase): Promise<number> {
  // Events, charges and aliases go with their case or person (ON DELETE CASCADE).
  await client.query(`DELETE FROM cases WHERE is_synthetic`);
  const { rowCount } = await client.query(`DELETE FROM people WHERE is_synthetic`);
  await client.query(`DELETE FROM incidents WHERE key LIKE 'syn-i-%' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.incident_id = incidents.id)`);
  return rowCount ?? 0;
}

async function insertChunk(client: pg.ClientBase, chunk: SyntheticChunk, ids: { court(id: string): string; facility(id: string): string }): Promise<void> {
  await insertRows(
    client,
    "people",
    [
      ["id", "text"],
      ["key", "text"],
      ["name", "text"],
      ["name_normalized", "text"],
      ["gender", "text", `"Gender"`],
      ["age_years", "int4"],
      ["age_as_of", "text", "date"],
      ["birth_year", "int4"],
      ["home_city", "text"],
      ["province", "text"],
      ["vulnerabilities", "text", `"Vulnerability"[]`],
      ["description", "text"],
      ["restricted_notes", "text"],
      ["is_synthetic", "bool"],
      ["created_at", "text", "timestamptz"],
      ["updated_at", "text", "timestamptz"],
    ],
    chunk.people.map((p) => [
      p.id,
      p.key,
      p.name,
      p.nameNormalized,
      p.gender,
      p.ageYears,
      isoDay(p.ageAsOf),
      p.birthYear,
      p.homeCity,
      p.province,
      pgArrayLiteral(p.vulnerabilities),
      p.description,
      p.restrictedNotes,
      true,
      iso(p.updatedAt),
      iso(p.updatedAt),
    ]),
  );
  await insertRows(
    client,
    "person_aliases",
    [
      ["id", "text"],
      ["person_id", "text"],
      ["name", "text"],
      ["name_normalized", "text"],
      ["script", "text", `"AliasScript"`],
    ],
    chunk.people.flatMap((p) => p.aliases.map((a) => [a.id, p.id, a.name, a.nameNormalized, a.script])),
  );
  await insertRows(
    client,
    "cases",
    [
      ["id", "text"],
      ["key", "text"],
      ["person_id", "text"],
      ["incident_id", "text"],
      ["summary", "text"],
      ["status", "text", `"CaseStatus"`],
      ["status_date", "text", "date"],
      ["status_date_precision", "text", `"DatePrecision"`],
      ["current_facility_id", "text"],
      ["arrest_date", "text", "date"],
      ["arrest_date_precision", "text", `"DatePrecision"`],
      ["arrest_city", "text"],
      ["first_instance_prison_days", "int4"],
      ["first_instance_lashes", "int4"],
      ["effective_prison_days", "int4"],
      ["effective_lashes", "int4"],
      ["first_instance_court_id", "text"],
      ["first_instance_branch", "text"],
      ["first_instance_sentence_date", "text", "date"],
      ["first_instance_sentence_date_precision", "text", `"DatePrecision"`],
      ["effective_court_id", "text"],
      ["effective_branch", "text"],
      ["effective_sentence_date", "text", "date"],
      ["effective_sentence_date_precision", "text", `"DatePrecision"`],
      ["is_synthetic", "bool"],
      ["created_at", "text", "timestamptz"],
      ["updated_at", "text", "timestamptz"],
    ],
    chunk.cases.map((c: SyntheticCase) => {
      const k = c.columns;
      return [
        c.id,
        c.key,
        c.personId,
        c.incidentId,
        c.summary,
        k.status,
        isoDay(k.statusDate),
        k.statusDatePrecision,
        k.currentFacilityId === null ? null : ids.facility(k.currentFacilityId),
        isoDay(k.arrestDate),
        k.arrestDatePrecision,
        k.arrestCity,
        k.firstInstancePrisonDays,
        k.firstInstanceLashes,
        k.effectivePrisonDays,
        k.effectiveLashes,
        k.firstInstanceCourtId === null ? null : ids.court(k.firstInstanceCourtId),
        k.firstInstanceBranch,
        isoDay(k.firstInstanceSentenceDate),
        k.firstInstanceSentenceDatePrecision,
        k.effectiveCourtId === null ? null : ids.court(k.effectiveCourtId),
        k.effectiveBranch,
        isoDay(k.effectiveSentenceDate),
        k.effectiveSentenceDatePrecision,
        true,
        iso(c.updatedAt),
        iso(c.updatedAt),
      ];
    }),
  );
  const events = chunk.cases.flatMap((c) => c.events.map((e) => ({ c, e })));
  await insertRows(
    client,
    "case_events",
    [
      ["id", "text"],
      ["case_id", "text"],
      ["position", "int4"],
      ["type", "text", `"EventType"`],
      ["date", "text", "date"],
      ["date_precision", "text", `"DatePrecision"`],
      ["description", "text"],
      ["confidence", "text", `"Confidence"`],
      ["city", "text"],
      ["place", "text"],
      ["authority", "text"],
      ["circumstance", "text", `"ArrestCircumstance"`],
      ["facility_id", "text"],
      ["conditions", "text", "text[]"],
      ["amount", "numeric"],
      ["currency", "text"],
      ["amount_rials", "numeric"],
      ["court_id", "text"],
      ["branch", "text"],
      ["prison_years", "int4"],
      ["prison_months", "int4"],
      ["prison_days", "int4"],
      ["lashes", "int4"],
      ["other_penalties", "text", "text[]"],
      ["suspended", "bool"],
      ["appeal_outcome", "text", `"AppealOutcome"`],
      ["release_type", "text", `"ReleaseType"`],
      ["treatment_kinds", "text", "text[]"],
      ["injuries", "text", "text[]"],
      ["created_at", "text", "timestamptz"],
      ["updated_at", "text", "timestamptz"],
    ],
    events.map(({ c, e }) => [
      e.id,
      c.id,
      e.position,
      e.type,
      isoDay(e.date),
      e.datePrecision,
      e.description,
      e.confidence,
      e.city ?? null,
      e.place,
      e.authority,
      e.circumstance,
      e.facilityId ? ids.facility(e.facilityId) : null,
      pgArrayLiteral(e.conditions),
      e.amount,
      e.currency,
      e.amountRials,
      e.courtId ? ids.court(e.courtId) : null,
      e.branch,
      e.prisonYears ?? null,
      e.prisonMonths ?? null,
      e.prisonDays ?? null,
      e.lashes ?? null,
      pgArrayLiteral(e.otherPenalties),
      e.suspended,
      e.appealOutcome ?? null,
      e.releaseType ?? null,
      pgArrayLiteral(e.treatmentKinds),
      pgArrayLiteral(e.injuries),
      iso(c.updatedAt),
      iso(c.updatedAt),
    ]),
  );
  await insertRows(
    client,
    "charges",
    [
      ["id", "text"],
      ["event_id", "text"],
      ["position", "int4"],
      ["text", "text"],
      ["article", "text"],
    ],
    events.flatMap(({ e }) => e.charges.map((ch, i) => [ch.id, e.id, i, ch.text, ch.article])),
  );
}

/** Generates and loads `people` synthetic people (with aliases, cases, events, charges). */
export async function loadSyntheticData(connectionString: string, options: SyntheticOptions): Promise<SyntheticCounts> {
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  const counts: SyntheticCounts = { people: 0, aliases: 0, cases: 0, events: 0, charges: 0, incidents: 0 };
  try {
    const real = await countReal(client);
    if ((real.people > 0 || real.cases > 0) && !options.force) throw new RealDataPresentError(real.people, real.cases);

    await client.query("BEGIN");
    const removed = await removeSynthetic(client);
    if (removed > 0) log(`Removed ${removed} synthetic people from an earlier run.`);

    const ref = generateReferenceData(options.seed, options.people);
    // Courts and facilities are shared records, matched by name: reuse the existing ones.
    const placeIds = async (table: "courts" | "facilities", list: typeof ref.courts): Promise<Map<string, string>> => {
      await insertRows(
        client,
        table,
        [
          ["id", "text"],
          ["name", "text"],
          ["city", "text"],
        ],
        list.map((p) => [p.id, p.name, p.city]),
        "ON CONFLICT (name) DO NOTHING",
      );
      const { rows } = await client.query<{ id: string; name: string }>(`SELECT id, name FROM ${table} WHERE name = ANY($1::text[])`, [
        list.map((p) => p.name),
      ]);
      const byName = new Map(rows.map((r) => [r.name, r.id]));
      return new Map(list.map((p) => [p.id, byName.get(p.name) ?? p.id]));
    };
    const courts = await placeIds("courts", ref.courts);
    const facilities = await placeIds("facilities", ref.facilities);
    const ids = {
      court: (id: string) => courts.get(id) ?? id,
      facility: (id: string) => facilities.get(id) ?? id,
    };
    await insertRows(
      client,
      "incidents",
      [
        ["id", "text"],
        ["key", "text"],
        ["title", "text"],
        ["date", "text", "date"],
        ["date_precision", "text", `"DatePrecision"`],
        ["country", "text"],
        ["province", "text"],
        ["city", "text"],
        ["description", "text"],
        ["reported_detained", "int4"],
        ["updated_at", "text", "timestamptz"],
      ],
      ref.incidents.map((i) => [
        i.id,
        i.key,
        i.title,
        isoDay(i.date),
        i.precision,
        "IR",
        i.province,
        i.city,
        "Synthetic incident for load testing.",
        i.reportedDetained,
        iso(i.date),
      ]),
      "ON CONFLICT (key) DO NOTHING",
    );
    counts.incidents = ref.incidents.length;

    const CHUNK = 5000;
    for (let from = 0; from < options.people; from += CHUNK) {
      const chunk = generateChunk(options.seed, from, Math.min(options.people, from + CHUNK), ref);
      await insertChunk(client, chunk, ids);
      counts.people += chunk.people.length;
      counts.aliases += chunk.people.reduce((n, p) => n + p.aliases.length, 0);
      counts.cases += chunk.cases.length;
      counts.events += chunk.cases.reduce((n, c) => n + c.events.length, 0);
      counts.charges += chunk.cases.reduce((n, c) => n + c.events.reduce((m, e) => m + e.charges.length, 0), 0);
      if (counts.people % 20_000 === 0 || counts.people === options.people) log(`  ${counts.people} / ${options.people} people`);
    }
    // The cases' cached summaries of the events just inserted (see lib/sql/case-event-summaries.ts),
    // planned on statistics of the rows now there (without them PostgreSQL takes the tables
    // for empty and may scan every event once per case).
    await client.query(`ANALYZE cases, case_events, charges`);
    await client.query(`UPDATE cases c SET ${CASE_EVENT_SUMMARIES_ASSIGNMENT} WHERE c.is_synthetic`);
    for (const statement of caseListDetailsRewrite("c.is_synthetic")) await client.query(statement);
    await client.query("COMMIT");
    // That update left a dead version of every synthetic case behind: compact the table, so
    // that scans read as many pages as the cases need.
    await client.query(`VACUUM (FULL) cases`);
    // Fresh statistics, so the planner sees 100k rows and not the empty tables it knew, and
    // a fresh visibility map, so counts can be answered from indexes alone (index-only
    // scans) right away instead of after autovacuum's next visit.
    for (const table of ["people", "person_aliases", "cases", "case_list_details", "case_events", "charges", "incidents"]) {
      await client.query(`VACUUM (ANALYZE) "${table}"`);
    }
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  return counts;
}
