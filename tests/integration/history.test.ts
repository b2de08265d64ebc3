// The History of a person, case or incident on a real PostgreSQL: a source that was public
// when cited and is confidential (or deleted, or gone) now never reaches a VIEWER through it;
// reads (report downloads) never count among its entries; and it pages, newest first, with
// every entry exactly once.
import { beforeAll, describe, expect, it } from "vitest";
import { type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { listAuditTrail } from "@/lib/data/audit-trail";
import { createCase } from "@/lib/data/case-mutations";
import { createEvent, moveEvent, updateEvent } from "@/lib/data/event-mutations";
import { caseHistory, incidentHistory, personHistory, type HistoryPage } from "@/lib/data/history";
import { HISTORY_CHANGE_ACTIONS } from "@/lib/data/history-actions";
import { createIncident, updateIncident } from "@/lib/data/incident-mutations";
import { createPerson, updatePerson } from "@/lib/data/person-mutations";
import { recordPersonReport } from "@/lib/data/report";
import { createSource, deleteSource, updateSource } from "@/lib/data/source-mutations";
import { ValidationError } from "@/lib/data/validation-error";
import { HISTORY_PAGE_SIZE, type HistoryCursor } from "@/lib/validation/history";
import { createUser, unique } from "../support/factories";

type Role = "ADMIN" | "EDITOR" | "VIEWER";
const actors = {} as Record<Role, Actor>;

beforeAll(async () => {
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) actors[role] = await createUser(role);
});

const person = (name: string) => ({ name, gender: "FEMALE", homeCity: "Tabriz" });

/** A public source whose every text is unique, to look for in what a reader gets. */
function sourceTexts(tag: string) {
  const u = unique(tag);
  return { title: `Title ${u}`, publisher: `Publisher ${u}`, url: `https://example.org/${u}`, via: `Via ${u}`, kind: "NEWS" as const };
}

describe("a source made confidential after it was cited", () => {
  const late = sourceTexts("late");
  const kept = sourceTexts("kept");
  const deleted = sourceTexts("deleted");
  const purged = sourceTexts("purged");
  let caseId = "";
  let incidentId = "";

  beforeAll(async () => {
    const sourceIds = {} as Record<"late" | "kept" | "deleted" | "purged", string>;
    for (const [k, s] of Object.entries({ late, kept, deleted, purged })) sourceIds[k as keyof typeof sourceIds] = (await createSource(actors.EDITOR, s)).id;
    const p = await createPerson(actors.EDITOR, person(`Cited ${unique("p")}`));
    caseId = (await createCase(actors.EDITOR, { personId: p.id })).id;
    // Cited by an event (created, then edited: both sides of the edit name the sources) ...
    const arrest = { type: "ARREST", date: "2021-03-01", datePrecision: "DAY", city: "Tabriz" };
    const e = await createEvent(actors.EDITOR, caseId, { ...arrest, sourceIds: [sourceIds.late, sourceIds.kept, sourceIds.deleted, sourceIds.purged] });
    await updateEvent(actors.EDITOR, e.id, e.version, { ...arrest, date: "2021-03-02", sourceIds: [sourceIds.late, sourceIds.kept, sourceIds.deleted] });
    // ... and by an incident.
    const i = await createIncident(actors.EDITOR, { title: `Incident ${unique("i")}`, sourceIds: [sourceIds.late, sourceIds.kept, sourceIds.deleted] });
    await updateIncident(actors.EDITOR, i.id, i.version, { title: `Renamed ${unique("i")}`, sourceIds: [sourceIds.late, sourceIds.kept, sourceIds.deleted] });
    incidentId = i.id;

    // The snapshots were written while the source was public: they say so.
    const written = await db().auditEntry.findFirstOrThrow({ where: { action: "event.create", entityId: e.id } });
    expect((written.after as { sources: unknown[] }).sources).toContainEqual({ id: sourceIds.late, title: late.title, confidential: false });

    // Later: marked confidential (through the form's mutation), one deleted, one purged
    // from the database altogether (no longer cited, its row gone: the id cannot be found).
    await updateSource(actors.EDITOR, sourceIds.late, 1, { ...late, confidential: true });
    await deleteSource(actors.EDITOR, sourceIds.deleted, 1);
    await db().source.delete({ where: { id: sourceIds.purged } });
  });

  const textsOf = (s: ReturnType<typeof sourceTexts>) => [s.title, s.publisher, s.url, s.via];

  it("is in no History a VIEWER reads: not its title, publisher, URL or via", async () => {
    const viewer = JSON.stringify([await caseHistory(actors.VIEWER, caseId), await incidentHistory(actors.VIEWER, incidentId)]);
    for (const text of [...textsOf(late), ...textsOf(deleted), ...textsOf(purged)]) expect(viewer).not.toContain(text);
    // The entries themselves stay, and a source still public stays in them.
    expect((await caseHistory(actors.VIEWER, caseId)).entries.map((e) => e.action)).toEqual(["event.update", "event.create", "case.create"]);
    expect((await incidentHistory(actors.VIEWER, incidentId)).entries.map((e) => e.action)).toEqual(["incident.update", "incident.create"]);
    expect(viewer).toContain(kept.title);
  });

  it("is still in the History an EDITOR reads", async () => {
    const caseView = JSON.stringify(await caseHistory(actors.EDITOR, caseId));
    const incidentView = JSON.stringify(await incidentHistory(actors.EDITOR, incidentId));
    expect(caseView).toContain(late.title);
    expect(incidentView).toContain(late.title);
    expect(caseView).toContain(kept.title);
  });
});

describe("History shows the record's changes, not its reads", () => {
  it("205 report downloads do not hide the person's creation", async () => {
    const p = await createPerson(actors.EDITOR, person(`Downloaded ${unique("p")}`));
    for (let n = 0; n < 205; n++) await recordPersonReport(actors.VIEWER, p.id, "public");
    const page = await personHistory(actors.VIEWER, p.id);
    expect(page.entries.map((e) => e.action)).toEqual(["person.create"]);
    expect(page).toMatchObject({ older: null, newer: null });
    // The downloads are on the ADMIN audit page, with the record's changes.
    const trail = await listAuditTrail(actors.ADMIN, { type: "person", id: p.id, page: 1, ignored: [] });
    expect(trail.total).toBe(206);
    expect(trail.rows.filter((r) => r.action === "report.person")).toHaveLength(50);
    const creation = await listAuditTrail(actors.ADMIN, { type: "person", id: p.id, action: "person.create", page: 1, ignored: [] });
    expect(creation.rows.map((r) => r.action)).toEqual(["person.create"]);
  });
});

/** Every page from `start`, following `next` (older or newer) until there is none. */
async function walk(
  read: (cursor: HistoryCursor | null) => Promise<HistoryPage>,
  start: HistoryCursor | null,
  next: "older" | "newer",
): Promise<HistoryPage[]> {
  const pages: HistoryPage[] = [];
  let cursor: HistoryCursor | null = start;
  for (;;) {
    const page = await read(cursor);
    pages.push(page);
    const to = page[next];
    if (to === null || to === "newest") return pages;
    cursor = to;
    if (pages.length > 100) throw new Error("History pages do not end");
  }
}

const ids = (pages: HistoryPage[]) => pages.flatMap((p) => p.entries.map((e) => e.id));
const descending = (list: string[]) => list.every((id, i) => i === 0 || BigInt(id) < BigInt(list[i - 1]!));

describe("History pages", () => {
  it("pages a person's 121 changes newest first, every entry exactly once, in both directions", async () => {
    const p = await createPerson(actors.EDITOR, person(`Paged ${unique("p")}`));
    for (let v = 1; v <= 120; v++) {
      await updatePerson(actors.EDITOR, p.id, v, person(`Paged ${v} ${unique("p")}`));
      if (v % 10 === 0) await recordPersonReport(actors.VIEWER, p.id, "internal"); // reads in between
    }
    const all = (
      await db().auditEntry.findMany({
        where: { entityType: "person", entityId: p.id, action: { in: [...HISTORY_CHANGE_ACTIONS.person] } },
        orderBy: { id: "desc" },
        select: { id: true },
      })
    ).map((r) => r.id.toString());
    expect(all).toHaveLength(121);
    const read = (cursor: HistoryCursor | null) => personHistory(actors.VIEWER, p.id, cursor);

    const older = await walk(read, null, "older");
    expect(older.map((pg) => pg.entries.length)).toEqual([HISTORY_PAGE_SIZE, HISTORY_PAGE_SIZE, 21]);
    expect(ids(older)).toEqual(all);
    expect(older[0]!.newer).toBeNull();
    expect(older.at(-1)!.older).toBeNull();
    expect(older.at(-1)!.entries.at(-1)!.action).toBe("person.create");

    // Back up from the oldest page: the page above it, whose "Newer" is the newest page itself.
    expect(older[2]!.newer).toEqual({ after: older[2]!.entries[0]!.id });
    const up = await walk(read, older[2]!.newer as HistoryCursor, "newer");
    expect(up.map((pg) => ids([pg]))).toEqual([ids([older[1]!])]);
    expect(up[0]!.newer).toBe("newest");
    expect(older[1]!.newer).toBe("newest");
  });

  it("keeps its place while new changes are written: nothing repeated, nothing skipped", async () => {
    const p = await createPerson(actors.EDITOR, person(`Busy ${unique("p")}`));
    let version = 1;
    for (; version <= 60; version++) await updatePerson(actors.EDITOR, p.id, version, person(`Busy ${version} ${unique("p")}`));
    const read = (cursor: HistoryCursor | null) => personHistory(actors.EDITOR, p.id, cursor);
    const first = await read(null);
    for (let n = 0; n < 3; n++, version++) await updatePerson(actors.EDITOR, p.id, version, person(`Busy ${version} ${unique("p")}`));
    const second = await read(first.older);
    const seen = [...ids([first]), ...ids([second])];
    expect(seen).toHaveLength(61);
    expect(new Set(seen).size).toBe(61);
    expect(descending(seen)).toBe(true);
    expect(second.older).toBeNull();
  });

  it("pages a case's own entries and its events' together", async () => {
    const p = await createPerson(actors.EDITOR, person(`Moved ${unique("p")}`));
    const caseId = (await createCase(actors.EDITOR, { personId: p.id })).id;
    const source = (await createSource(actors.EDITOR, sourceTexts("moved"))).id;
    const undated = { datePrecision: "UNKNOWN", sourceIds: [source] };
    const moving = await createEvent(actors.EDITOR, caseId, { type: "OTHER", ...undated });
    await createEvent(actors.EDITOR, caseId, { type: "HUNGER_STRIKE", ...undated });
    let version = moving.version;
    // Down one place and back, 26 times.
    for (let n = 0; n < 52; n++) version = (await moveEvent(actors.EDITOR, moving.id, version, n % 2 === 0 ? "later" : "earlier")).version;
    const pages = await walk((cursor) => caseHistory(actors.VIEWER, caseId, cursor), null, "older");
    expect(pages.map((pg) => pg.entries.length)).toEqual([HISTORY_PAGE_SIZE, 5]);
    const list = ids(pages);
    expect(new Set(list).size).toBe(55);
    expect(descending(list)).toBe(true);
    expect(pages.at(-1)!.entries.at(-1)!.action).toBe("case.create");
  });

  it("answers a page past the end with no entry and a way back, and refuses a cursor that names no entry", async () => {
    const p = await createPerson(actors.EDITOR, person(`Ends ${unique("p")}`));
    expect(await personHistory(actors.VIEWER, p.id, { before: "1" })).toEqual({ entries: [], older: null, newer: "newest" });
    await expect(personHistory(actors.VIEWER, p.id, { before: "x; DROP TABLE" })).rejects.toBeInstanceOf(ValidationError);
  });
});
