import "server-only";
// The full JSON export between installations (docs/exchange-format.md): courts, facilities,
// sources, incidents, people (aliases, relations, sources), cases with their events (charges,
// sources) and derived values. Never users, password hashes, sessions, settings or audit
// entries: those belong to an installation, not to the records.
//
// Who: EDITOR and ADMIN. What they can see decides the scope: an ADMIN's export is
// "complete" (soft-deleted records included, with their deletedAt, so the receiving ADMIN can
// still restore them); an EDITOR's is "live" (no soft-deleted record, and no link to one: the
// trash is an ADMIN's). Both hold restricted notes and confidential sources, which EDITORs
// and ADMINs read: the file is as sensitive as the database.
//
// Streamed: one read-only REPEATABLE READ transaction (every table read from the same
// snapshot) counts the records, then reads each section in batches of records ordered by
// key (keyset pagination on `key COLLATE "C"`, byte order, the same on every server) and
// writes their JSON as the reader takes it, so an installation of any size exports in
// bounded memory. The output is deterministic (records by key, every list in a fixed order):
// exporting the same data twice gives the same file apart from `exportedAt`.
//
// Audited as `exchange.export` with the scope and the counts, before the first record leaves.
import { requireRole, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { storedFieldValues } from "@/lib/events/columns";
import { fieldDef } from "@/lib/events/registry";
import { BatchQueue, ExportCancelledError } from "@/lib/export/batch-queue";
import {
  EVENT_TYPED_MEMBERS,
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  type ExchangeCase,
  type ExchangeCounts,
  type ExchangeDocument,
  type ExchangeEvent,
  type ExchangeEventFields,
  type ExchangeIncident,
  type ExchangePerson,
  type ExchangeSource,
} from "@/lib/exchange/schema";

const EXPORT_TIMEOUT_MS = 10 * 60_000;
/** Records read per query (cases come with all their events). */
const BATCH = 500;

export interface ExchangeExport {
  scope: "complete" | "live";
  exportedAt: string;
  counts: ExchangeCounts;
  /** The file's JSON text, piece by piece. Read it once; stopping early ends the transaction. */
  chunks: AsyncIterable<string>;
  cancel: () => void;
}

const day = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, 10));
const moment = (d: Date | null) => (d === null ? null : d.toISOString());
/** Decimal columns as plain decimal text (never exponent notation, never a float). */
const decimal = (d: Prisma.Decimal | null) => (d === null ? null : d.toFixed());
/** Code-point order for the lists inside a record: the same on every machine, whatever its locale. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const lifecycle = (r: { createdAt: Date; updatedAt: Date; deletedAt: Date | null }) => ({
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  deletedAt: moment(r.deletedAt),
});

type SourceLink = { source: { key: string; deletedAt: Date | null } };
const SOURCE_LINK = { select: { source: { select: { key: true, deletedAt: true } } } } as const;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One section's records in key order, BATCH at a time (keyset pagination on the key's bytes). */
async function* keyed(tx: Tx, page: (after: string) => Prisma.Sql): AsyncGenerator<string[]> {
  let after = "";
  for (;;) {
    const rows = await tx.$queryRaw<{ id: string; key: string }[]>(page(after));
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    after = rows[rows.length - 1]!.key;
    if (rows.length < BATCH) return;
  }
}

/** Records fetched by id, back in the order of the ids. */
function inOrder<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}

export async function openExchangeExport(actor: Actor | null): Promise<ExchangeExport> {
  const user = requireRole(actor, "EDITOR");
  const complete = user.role === "ADMIN";
  const scope = complete ? "complete" : "live";
  const exportedAt = new Date().toISOString();
  const queue = new BatchQueue<string>(4);
  const counted = deferred<ExchangeCounts>();
  const audited = deferred<void>();

  // In a "live" export, soft-deleted records are left out, and so are links to them.
  const visible = (r: { deletedAt: Date | null }) => complete || r.deletedAt === null;
  const sourceKeys = (links: SourceLink[]) => links.filter((l) => visible(l.source)).map((l) => l.source.key).sort(byText);
  const all = Prisma.sql`${complete}`;

  const reading = db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      const [counts] = await tx.$queryRaw<ExchangeCounts[]>`
        SELECT (SELECT count(*) FROM courts)::int AS courts,
               (SELECT count(*) FROM facilities)::int AS facilities,
               (SELECT count(*) FROM sources s WHERE ${all} OR s.deleted_at IS NULL)::int AS sources,
               (SELECT count(*) FROM incidents i WHERE ${all} OR i.deleted_at IS NULL)::int AS incidents,
               (SELECT count(*) FROM people p WHERE ${all} OR p.deleted_at IS NULL)::int AS people,
               (SELECT count(*) FROM cases c JOIN people p ON p.id = c.person_id WHERE ${all} OR (c.deleted_at IS NULL AND p.deleted_at IS NULL))::int AS cases,
               (SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id JOIN people p ON p.id = c.person_id
                 WHERE ${all} OR (e.deleted_at IS NULL AND c.deleted_at IS NULL AND p.deleted_at IS NULL))::int AS events`;
      counted.resolve(counts!);
      await audited.promise;

      const push = (text: string) => queue.push(text);
      await push(`{"format":${JSON.stringify(EXCHANGE_FORMAT)},"version":${EXCHANGE_VERSION},"exportedAt":${JSON.stringify(exportedAt)},"scope":"${scope}","counts":${JSON.stringify(counts)}`);

      const courts = await tx.court.findMany({ select: { id: true, name: true, city: true, createdAt: true } });
      const facilities = await tx.facility.findMany({ select: { id: true, name: true, city: true, createdAt: true } });
      const courtName = new Map(courts.map((c) => [c.id, c.name]));
      const facilityName = new Map(facilities.map((f) => [f.id, f.name]));
      const name = (map: Map<string, string>, id: string | null) => (id === null ? null : (map.get(id) ?? null));
      const places = (rows: typeof courts) => rows.map((r) => ({ name: r.name, city: r.city, createdAt: r.createdAt.toISOString() })).sort((a, b) => byText(a.name, b.name));
      await push(`,"courts":${JSON.stringify(places(courts))},"facilities":${JSON.stringify(places(facilities))}`);

      /** Writes `,"<name>":[...]` from batches of records. */
      async function section<T>(label: string, batches: AsyncGenerator<string[]>, load: (ids: string[]) => Promise<T[]>): Promise<void> {
        await push(`,"${label}":[`);
        let first = true;
        for await (const ids of batches) {
          const records = await load(ids);
          if (records.length === 0) continue;
          await push(`${first ? "" : ","}${records.map((r) => JSON.stringify(r)).join(",")}`);
          first = false;
        }
        await push("]");
      }

      await section(
        "sources",
        keyed(tx, (after) => Prisma.sql`SELECT id, key FROM sources s WHERE (${all} OR s.deleted_at IS NULL) AND s.key COLLATE "C" > ${after} ORDER BY s.key COLLATE "C" LIMIT ${BATCH}`),
        async (ids) => inOrder(ids, await tx.source.findMany({ where: { id: { in: ids } } })).map(sourceRecord),
      );
      await section(
        "incidents",
        keyed(tx, (after) => Prisma.sql`SELECT id, key FROM incidents i WHERE (${all} OR i.deleted_at IS NULL) AND i.key COLLATE "C" > ${after} ORDER BY i.key COLLATE "C" LIMIT ${BATCH}`),
        async (ids) => inOrder(ids, await tx.incident.findMany({ where: { id: { in: ids } }, include: { sources: SOURCE_LINK } })).map((i) => incidentRecord(i, sourceKeys(i.sources))),
      );
      await section(
        "people",
        keyed(tx, (after) => Prisma.sql`SELECT id, key FROM people p WHERE (${all} OR p.deleted_at IS NULL) AND p.key COLLATE "C" > ${after} ORDER BY p.key COLLATE "C" LIMIT ${BATCH}`),
        async (ids) => {
          const rows = await tx.person.findMany({
            where: { id: { in: ids } },
            include: {
              aliases: { select: { name: true, script: true } },
              relations: { select: { kind: true, relatedPerson: { select: { key: true, deletedAt: true } } } },
              sources: SOURCE_LINK,
            },
          });
          return inOrder(ids, rows).map(
            (p): ExchangePerson => ({
              key: p.key,
              name: p.name,
              gender: p.gender,
              ageYears: p.ageYears,
              ageAsOf: day(p.ageAsOf),
              birthYear: p.birthYear,
              homeCity: p.homeCity,
              province: p.province,
              provinceCode: p.provinceCode,
              vulnerabilities: [...p.vulnerabilities],
              description: p.description,
              restrictedNotes: p.restrictedNotes,
              isSynthetic: p.isSynthetic,
              aliases: p.aliases.map((a) => ({ name: a.name, script: a.script })).sort((a, b) => byText(a.name, b.name)),
              relations: p.relations
                .filter((r) => visible(r.relatedPerson))
                .map((r) => ({ personKey: r.relatedPerson.key, kind: r.kind }))
                .sort((a, b) => byText(a.personKey, b.personKey) || byText(a.kind, b.kind)),
              sourceKeys: sourceKeys(p.sources),
              ...lifecycle(p),
            }),
          );
        },
      );
      await section(
        "cases",
        keyed(
          tx,
          (after) => Prisma.sql`SELECT c.id, c.key FROM cases c JOIN people p ON p.id = c.person_id
            WHERE (${all} OR (c.deleted_at IS NULL AND p.deleted_at IS NULL)) AND c.key COLLATE "C" > ${after}
            ORDER BY c.key COLLATE "C" LIMIT ${BATCH}`,
        ),
        async (ids) => {
          const rows = await tx.case.findMany({
            where: { id: { in: ids } },
            include: {
              person: { select: { key: true } },
              incident: { select: { key: true, deletedAt: true } },
              events: { where: complete ? {} : { deletedAt: null }, include: { charges: { select: { position: true, text: true, article: true } }, sources: SOURCE_LINK } },
            },
          });
          return inOrder(ids, rows).map((c): ExchangeCase => {
            const used = new Set<string>();
            const events = [...c.events]
              .sort((a, b) => a.position - b.position || byText(a.key ?? "", b.key ?? "") || byText(a.id, b.id))
              .map((e) => {
                // Events recorded in the app have no key: a deterministic one, unique in the case.
                const base = e.key ?? `${c.key}#${e.position}`;
                let key = base;
                for (let n = 2; used.has(key); n++) key = `${base}.${n}`;
                used.add(key);
                return eventRecord(e, key, name(facilityName, e.facilityId), name(courtName, e.courtId), sourceKeys(e.sources));
              });
            return {
              key: c.key,
              personKey: c.person.key,
              incidentKey: c.incident && visible(c.incident) ? c.incident.key : null,
              summary: c.summary,
              isSynthetic: c.isSynthetic,
              ...lifecycle(c),
              derived: {
                status: c.status,
                statusDate: day(c.statusDate),
                statusDatePrecision: c.statusDatePrecision,
                currentFacility: name(facilityName, c.currentFacilityId),
                arrestDate: day(c.arrestDate),
                arrestDatePrecision: c.arrestDatePrecision,
                arrestCity: c.arrestCity,
                firstInstancePrisonDays: c.firstInstancePrisonDays,
                firstInstanceLashes: c.firstInstanceLashes,
                effectivePrisonDays: c.effectivePrisonDays,
                effectiveLashes: c.effectiveLashes,
                firstInstanceCourt: name(courtName, c.firstInstanceCourtId),
                firstInstanceBranch: c.firstInstanceBranch,
                firstInstanceSentenceDate: day(c.firstInstanceSentenceDate),
                firstInstanceSentenceDatePrecision: c.firstInstanceSentenceDatePrecision,
                effectiveCourt: name(courtName, c.effectiveCourtId),
                effectiveBranch: c.effectiveBranch,
                effectiveSentenceDate: day(c.effectiveSentenceDate),
                effectiveSentenceDatePrecision: c.effectiveSentenceDatePrecision,
              },
              events,
            };
          });
        },
      );
      await push("}\n");
      queue.end();
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: EXPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
  reading.catch((error: unknown) => {
    counted.reject(error);
    if (!(error instanceof ExportCancelledError)) queue.fail(error);
  });

  const counts = await counted.promise;
  try {
    await db().$transaction((tx) => writeAudit(tx, { actorId: user.id, action: "exchange.export", entityType: "exchange", after: { scope, counts } }));
  } catch (error) {
    queue.cancel();
    audited.reject(new ExportCancelledError());
    throw error;
  }
  audited.resolve();
  return { scope, exportedAt, counts, chunks: queue, cancel: () => queue.cancel() };
}

/** The whole file as an object (for the tests and small installations; the HTTP route streams). */
export async function exportExchange(actor: Actor | null): Promise<ExchangeDocument> {
  const exported = await openExchangeExport(actor);
  let text = "";
  for await (const chunk of exported.chunks) text += chunk;
  return JSON.parse(text) as ExchangeDocument;
}

function sourceRecord(s: Prisma.SourceGetPayload<object>): ExchangeSource {
  return {
    key: s.key,
    title: s.title,
    publisher: s.publisher,
    kind: s.kind,
    url: s.url,
    date: day(s.date),
    datePrecision: s.datePrecision,
    language: s.language,
    confidential: s.confidential,
    via: s.via,
    ...lifecycle(s),
  };
}

function incidentRecord(i: Prisma.IncidentGetPayload<object>, sourceKeys: string[]): ExchangeIncident {
  return {
    key: i.key,
    title: i.title,
    date: day(i.date),
    datePrecision: i.datePrecision,
    dateText: i.dateText,
    country: i.country,
    province: i.province,
    provinceCode: i.provinceCode,
    city: i.city,
    place: i.place,
    description: i.description,
    reportedDetained: i.reportedDetained,
    reportedDetainedNote: i.reportedDetainedNote,
    confidence: i.confidence,
    note: i.note,
    sourceKeys,
    ...lifecycle(i),
  };
}

type EventRow = Prisma.CaseEventGetPayload<{ include: { charges: { select: { position: true; text: true; article: true } } } }>;

/**
 * An event's typed members (EVENT_TYPED_MEMBERS), by the kind of their field: the stored
 * values as the registry reads them (storedFieldValues: names for court and facility, money
 * as decimal text, lists), the rials column as whole-number text, a partial date as its day
 * and precision, charges with their positions in a fixed order.
 */
function typedMembers(e: EventRow, facility: string | null, court: string | null): Record<string, unknown> {
  const row = e as unknown as Record<string, unknown>;
  const values = storedFieldValues({ ...row, charges: [], court: court === null ? null : { name: court }, facility: facility === null ? null : { name: facility } });
  const out: Record<string, unknown> = {};
  for (const m of EVENT_TYPED_MEMBERS) {
    const kind = fieldDef(m.field).kind;
    if (m.part === "rials") out[m.name] = decimal((row[m.name] ?? null) as Prisma.Decimal | null);
    else if (m.part === "precision") out[m.name] = row[m.name];
    else if (kind === "partialDate") out[m.name] = day((row[m.name] ?? null) as Date | null);
    else if (kind === "charges") {
      out[m.name] = e.charges
        .map((ch) => ({ position: ch.position, text: ch.text, article: ch.article }))
        .sort((a, b) => a.position - b.position || byText(a.text ?? "", b.text ?? "") || byText(a.article ?? "", b.article ?? ""));
    } else {
      const v = values[m.field];
      out[m.name] = Array.isArray(v) ? [...(v as unknown[])] : v;
    }
  }
  return out;
}

function eventRecord(e: EventRow, key: string, facility: string | null, court: string | null, sourceKeys: string[]): ExchangeEvent {
  return {
    key,
    position: e.position,
    type: e.type,
    date: day(e.date),
    datePrecision: e.datePrecision,
    dateText: e.dateText,
    description: e.description,
    confidence: e.confidence,
    note: e.note,
    ...(typedMembers(e, facility, court) as ExchangeEventFields),
    sourceKeys,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    deletedAt: moment(e.deletedAt),
  };
}
