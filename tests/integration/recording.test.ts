// Recording people, cases, incidents, events and sources through the data layer and the
// action wrapper: roles on the server, strict input, one audit entry per change in the
// same transaction, no lost updates, soft delete and restore, derived columns after events.
import { beforeAll, describe, expect, it } from "vitest";
import { type Actor } from "@/lib/authz";
import { runAction } from "@/lib/actions/action";
import { db } from "@/lib/db";
import { createCase, deleteCase, restoreCase, updateCase } from "@/lib/data/case-mutations";
import { getCase } from "@/lib/data/cases";
import { ConflictError } from "@/lib/data/conflict";
import { listDeletedRecords } from "@/lib/data/deleted-records";
import { createEvent, deleteEvent, moveEvent, restoreEvent, updateEvent } from "@/lib/data/event-mutations";
import { caseHistory, personHistory } from "@/lib/data/history";
import { createIncident, deleteIncident, restoreIncident, updateIncident } from "@/lib/data/incident-mutations";
import { listIncidents } from "@/lib/data/incidents";
import { getPerson, listPeople } from "@/lib/data/people";
import { createPerson, deletePerson, restorePerson, updatePerson } from "@/lib/data/person-mutations";
import { createSource, deleteSource, restoreSource, updateSource } from "@/lib/data/source-mutations";
import { getStats } from "@/lib/data/stats";
import { updatePersonInput } from "@/lib/validation/recording-actions";
import { createUser, unique } from "../support/factories";

type Role = "ADMIN" | "EDITOR" | "VIEWER";
const actors = {} as Record<Role, Actor>;
let sourceId: string;

beforeAll(async () => {
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) actors[role] = await createUser(role);
  sourceId = (await db().source.create({ data: { key: unique("src"), title: "News item", kind: "NEWS" } })).id;
});

const auditCount = () => db().auditEntry.count();
const person = (name = "Fatima Ibrahimzadeh") => ({
  name,
  aliases: [{ name: "فاطمه ابراهیم زاده", script: "PERSO_ARABIC" }],
  gender: "FEMALE",
  homeCity: "Tabriz",
});
const arrest = (date = "2020-07-16") => ({ type: "ARREST", date, datePrecision: "DAY", city: "Tabriz", sourceIds: [sourceId] });

async function newCase(actor: Actor = actors.EDITOR) {
  const p = await createPerson(actor, person(`Person ${unique("x")}`));
  const c = await createCase(actor, { personId: p.id });
  return { personId: p.id, caseId: c.id };
}

/** A fresh record for each mutation, and a way to read its row back unchanged. */
interface Mutation {
  name: string;
  minimum: "EDITOR" | "ADMIN";
  setup: () => Promise<{ run: (a: Actor | null) => Promise<unknown>; read: () => Promise<unknown> }>;
}

const mutations: Mutation[] = [
  {
    name: "createPerson",
    minimum: "EDITOR",
    setup: async () => ({ run: (a) => createPerson(a, person("Role Test")), read: () => db().person.count({ where: { name: "Role Test" } }) }),
  },
  {
    name: "updatePerson",
    minimum: "EDITOR",
    setup: async () => {
      const p = await createPerson(actors.EDITOR, person(`U ${unique("p")}`));
      return { run: (a) => updatePerson(a, p.id, 1, person("Renamed")), read: () => db().person.findUnique({ where: { id: p.id } }) };
    },
  },
  {
    name: "deletePerson",
    minimum: "EDITOR",
    setup: async () => {
      const p = await createPerson(actors.EDITOR, person(`D ${unique("p")}`));
      return { run: (a) => deletePerson(a, p.id, 1), read: () => db().person.findUnique({ where: { id: p.id } }) };
    },
  },
  {
    name: "restorePerson",
    minimum: "ADMIN",
    setup: async () => {
      const p = await createPerson(actors.EDITOR, person(`R ${unique("p")}`));
      await deletePerson(actors.EDITOR, p.id, 1);
      return { run: (a) => restorePerson(a, p.id), read: () => db().person.findUnique({ where: { id: p.id } }) };
    },
  },
  {
    name: "createCase",
    minimum: "EDITOR",
    setup: async () => {
      const p = await createPerson(actors.EDITOR, person(`C ${unique("p")}`));
      return { run: (a) => createCase(a, { personId: p.id }), read: () => db().case.count({ where: { personId: p.id } }) };
    },
  },
  {
    name: "updateCase",
    minimum: "EDITOR",
    setup: async () => {
      const c = await newCase();
      return {
        run: (a) => updateCase(a, c.caseId, 1, { personId: c.personId, summary: "changed" }),
        read: () => db().case.findUnique({ where: { id: c.caseId } }),
      };
    },
  },
  {
    name: "deleteCase",
    minimum: "EDITOR",
    setup: async () => {
      const c = await newCase();
      return { run: (a) => deleteCase(a, c.caseId, 1), read: () => db().case.findUnique({ where: { id: c.caseId } }) };
    },
  },
  {
    name: "restoreCase",
    minimum: "ADMIN",
    setup: async () => {
      const c = await newCase();
      await deleteCase(actors.EDITOR, c.caseId, 1);
      return { run: (a) => restoreCase(a, c.caseId), read: () => db().case.findUnique({ where: { id: c.caseId } }) };
    },
  },
  {
    name: "createEvent",
    minimum: "EDITOR",
    setup: async () => {
      const c = await newCase();
      return { run: (a) => createEvent(a, c.caseId, arrest()), read: () => db().caseEvent.count({ where: { caseId: c.caseId } }) };
    },
  },
  {
    name: "updateEvent",
    minimum: "EDITOR",
    setup: async () => {
      const c = await newCase();
      const e = await createEvent(actors.EDITOR, c.caseId, arrest());
      return { run: (a) => updateEvent(a, e.id, 1, arrest("2020-07-17")), read: () => db().caseEvent.findUnique({ where: { id: e.id } }) };
    },
  },
  {
    name: "deleteEvent",
    minimum: "EDITOR",
    setup: async () => {
      const c = await newCase();
      const e = await createEvent(actors.EDITOR, c.caseId, arrest());
      return { run: (a) => deleteEvent(a, e.id, 1), read: () => db().caseEvent.findUnique({ where: { id: e.id } }) };
    },
  },
  {
    name: "restoreEvent",
    minimum: "ADMIN",
    setup: async () => {
      const c = await newCase();
      const e = await createEvent(actors.EDITOR, c.caseId, arrest());
      await deleteEvent(actors.EDITOR, e.id, 1);
      return { run: (a) => restoreEvent(a, e.id), read: () => db().caseEvent.findUnique({ where: { id: e.id } }) };
    },
  },
  {
    name: "createIncident",
    minimum: "EDITOR",
    setup: async () => ({ run: (a) => createIncident(a, { title: "Role incident" }), read: () => db().incident.count({ where: { title: "Role incident" } }) }),
  },
  {
    name: "updateIncident",
    minimum: "EDITOR",
    setup: async () => {
      const i = await createIncident(actors.EDITOR, { title: `I ${unique("i")}` });
      return {
        run: (a) => updateIncident(a, i.id, 1, { title: "Renamed incident", reportedDetained: 40 }),
        read: () => db().incident.findUnique({ where: { id: i.id } }),
      };
    },
  },
  {
    name: "deleteIncident",
    minimum: "EDITOR",
    setup: async () => {
      const i = await createIncident(actors.EDITOR, { title: `I ${unique("i")}` });
      return { run: (a) => deleteIncident(a, i.id, 1), read: () => db().incident.findUnique({ where: { id: i.id } }) };
    },
  },
  {
    name: "restoreIncident",
    minimum: "ADMIN",
    setup: async () => {
      const i = await createIncident(actors.EDITOR, { title: `I ${unique("i")}` });
      await deleteIncident(actors.EDITOR, i.id, 1);
      return { run: (a) => restoreIncident(a, i.id), read: () => db().incident.findUnique({ where: { id: i.id } }) };
    },
  },
  {
    name: "createSource",
    minimum: "EDITOR",
    setup: async () => ({ run: (a) => createSource(a, { title: "Role source" }), read: () => db().source.count({ where: { title: "Role source" } }) }),
  },
  {
    name: "updateSource",
    minimum: "EDITOR",
    setup: async () => {
      const s = await createSource(actors.EDITOR, { title: `S ${unique("s")}` });
      return { run: (a) => updateSource(a, s.id, 1, { title: "Renamed source", kind: "NEWS" }), read: () => db().source.findUnique({ where: { id: s.id } }) };
    },
  },
  {
    name: "deleteSource",
    minimum: "EDITOR",
    setup: async () => {
      const s = await createSource(actors.EDITOR, { title: `S ${unique("s")}` });
      return { run: (a) => deleteSource(a, s.id, 1), read: () => db().source.findUnique({ where: { id: s.id } }) };
    },
  },
  {
    name: "restoreSource",
    minimum: "ADMIN",
    setup: async () => {
      const s = await createSource(actors.EDITOR, { title: `S ${unique("s")}` });
      await deleteSource(actors.EDITOR, s.id, 1);
      return { run: (a) => restoreSource(a, s.id), read: () => db().source.findUnique({ where: { id: s.id } }) };
    },
  },
];

const RANK = { VIEWER: 1, EDITOR: 2, ADMIN: 3 } as const;

describe.each(mutations)("$name: role on the server", ({ setup, minimum }) => {
  it("refuses an anonymous caller and leaves the row and the audit trail unchanged", async () => {
    const { run, read } = await setup();
    const [row, audits] = [await read(), await auditCount()];
    await expect(run(null)).rejects.toMatchObject({ status: 401 });
    expect(await read()).toEqual(row);
    expect(await auditCount()).toBe(audits);
  });

  it.each(["VIEWER", "EDITOR", "ADMIN"] as const)("%s", async (role) => {
    const { run, read } = await setup();
    const [row, audits] = [await read(), await auditCount()];
    if (RANK[role] < RANK[minimum]) {
      await expect(run(actors[role])).rejects.toMatchObject({ status: 403 });
      expect(await read()).toEqual(row);
      expect(await auditCount()).toBe(audits);
    } else {
      await run(actors[role]);
      expect(await read()).not.toEqual(row);
      // Exactly one audit entry per mutation, written by this actor.
      expect(await auditCount()).toBe(audits + 1);
      const last = await db().auditEntry.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect(last.actorId).toBe(actors[role].id);
    }
  });
});

describe("unknown keys are rejected, nothing changes", () => {
  it.each([
    ["role", "ADMIN"],
    ["id", "x"],
    ["version", 7],
    ["createdById", "u1"],
    ["status", "RELEASED"],
    ["__proto__", { polluted: true }],
  ])("an update carrying %s", async (key, value) => {
    const p = await createPerson(actors.EDITOR, person(`K ${unique("p")}`));
    const row = await db().person.findUnique({ where: { id: p.id } });
    const audits = await auditCount();
    const values = JSON.parse(JSON.stringify({ ...person("Changed"), [key]: value })) as object;
    if (key === "__proto__") Object.defineProperty(values, "__proto__", { value, enumerable: true });
    const result = await runAction(actors.EDITOR, updatePersonInput, { id: p.id, version: 1, values }, (a, d) => updatePerson(a, d.id, d.version, d.values));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe("validation");
    // The data layer refuses it too when called directly.
    await expect(updatePerson(actors.EDITOR, p.id, 1, values)).rejects.toThrow();
    expect(await db().person.findUnique({ where: { id: p.id } })).toEqual(row);
    expect(await auditCount()).toBe(audits);
  });

  it("the action wrapper answers an anonymous caller before looking at the input", async () => {
    const result = await runAction(null, updatePersonInput, { nonsense: true }, async () => "never");
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: "auth" }) });
  });

  it("the action wrapper maps a VIEWER's attempt to forbidden, with no detail", async () => {
    const p = await createPerson(actors.EDITOR, person(`V ${unique("p")}`));
    const result = await runAction(actors.VIEWER, updatePersonInput, { id: p.id, version: 1, values: person("x") }, (a, d) =>
      updatePerson(a, d.id, d.version, d.values),
    );
    expect(result).toEqual({ ok: false, error: { kind: "forbidden", message: expect.any(String) } });
  });

  it("field errors name the field, without the envelope", async () => {
    const result = await runAction(actors.EDITOR, updatePersonInput, { id: "abc", version: 1, values: { ...person(""), ageYears: -1 } }, async () => "never");
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.kind === "validation") {
      expect(result.error.fieldErrors.name).toMatch(/Name is required/);
      expect(result.error.fieldErrors.ageYears).toMatch(/Age must not be negative/);
    } else throw new Error("expected a validation failure");
  });

  it("an unexpected error becomes a generic message", async () => {
    const result = await runAction(actors.EDITOR, updatePersonInput, { id: "abc", version: 1, values: person("x") }, async () => {
      throw new Error('relation "people" SELECT * secret stack');
    });
    expect(result).toEqual({ ok: false, error: { kind: "unexpected", message: expect.not.stringContaining("SELECT") } });
  });
});

describe("no lost updates", () => {
  it("two saves of the same version: exactly one wins, the other learns who changed what", async () => {
    const p = await createPerson(actors.EDITOR, person(`Conc ${unique("p")}`));
    const audits = await auditCount();
    const results = await Promise.allSettled([
      updatePerson(actors.EDITOR, p.id, 1, { ...person("First save"), homeCity: "Ardabil" }),
      updatePerson(actors.ADMIN, p.id, 1, { ...person("Second save"), homeCity: "Urmia" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const conflict = lost[0]!.reason as ConflictError;
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.info.changedBy).toMatch(/^Test (EDITOR|ADMIN)$/);
    expect(conflict.info.changedAt).not.toBeNull();
    expect(conflict.info.changedFields).toEqual(expect.arrayContaining(["homeCity", "name"]));
    const row = await db().person.findUniqueOrThrow({ where: { id: p.id } });
    // ... and what the winner's save left there, to compare with their own input.
    expect(conflict.info.theirValues).toEqual(
      expect.arrayContaining([
        { field: "name", value: row.name },
        { field: "homeCity", value: row.homeCity },
      ]),
    );
    expect(row.version).toBe(2);
    expect(["First save", "Second save"]).toContain(row.name);
    expect(await auditCount()).toBe(audits + 1);
  });

  it("a stale event save and a stale delete are refused and overwrite nothing", async () => {
    const c = await newCase();
    const e = await createEvent(actors.EDITOR, c.caseId, arrest());
    await updateEvent(actors.EDITOR, e.id, 1, { ...arrest(), city: "Ardabil" });
    const stale = await updateEvent(actors.ADMIN, e.id, 1, { ...arrest(), city: "Urmia" }).catch((err: unknown) => err);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).info.theirValues).toEqual([{ field: "city", value: "Ardabil" }]);
    await expect(deleteEvent(actors.ADMIN, e.id, 1)).rejects.toBeInstanceOf(ConflictError);
    const row = await db().caseEvent.findUniqueOrThrow({ where: { id: e.id } });
    expect(row.city).toBe("Ardabil");
    expect(row.deletedAt).toBeNull();
  });
});

describe("audit trail", () => {
  it("a failing save rolls back and leaves no audit entry", async () => {
    const c = await newCase();
    const audits = await auditCount();
    const events = await db().caseEvent.count();
    // A source id that does not exist fails inside the transaction, after the position shift.
    await expect(createEvent(actors.EDITOR, c.caseId, { ...arrest(), sourceIds: ["does-not-exist"] })).rejects.toThrow();
    expect(await auditCount()).toBe(audits);
    expect(await db().caseEvent.count()).toBe(events);
  });

  it("counts one entry per mutation over a whole recording session", async () => {
    const audits = await auditCount();
    const c = await newCase(); // 2
    const e = await createEvent(actors.EDITOR, c.caseId, arrest()); // 3
    await updateEvent(actors.EDITOR, e.id, 1, arrest("2020-07-18")); // 4
    await deleteEvent(actors.EDITOR, e.id, 2); // 5
    await restoreEvent(actors.ADMIN, e.id); // 6
    expect(await auditCount()).toBe(audits + 6);
    const history = (await caseHistory(actors.VIEWER, c.caseId)).entries;
    expect(history.map((h) => h.action)).toEqual(["event.restore", "event.delete", "event.update", "event.create", "case.create"]);
    const update = history.find((h) => h.action === "event.update")!;
    expect(update.changes).toContainEqual({ field: "date", before: "2020-07-16", after: "2020-07-18" });
    expect(update.actor).toBe("Test EDITOR");
  });

  it("a VIEWER's person history never shows restricted notes", async () => {
    const p = await createPerson(actors.EDITOR, { ...person(`H ${unique("p")}`), restrictedNotes: "SECRET family contact" });
    expect(JSON.stringify(await personHistory(actors.VIEWER, p.id))).not.toContain("SECRET");
    expect(JSON.stringify(await personHistory(actors.EDITOR, p.id))).toContain("SECRET");
  });
});

describe("soft delete", () => {
  it("a deleted person, case and incident disappear from every list and from the stats, and come back on restore", async () => {
    const inc = await createIncident(actors.EDITOR, { title: `Soft ${unique("i")}` });
    const p = await createPerson(actors.EDITOR, person(`Soft ${unique("p")}`));
    const c = await createCase(actors.EDITOR, { personId: p.id, incidentId: inc.id });
    await createEvent(actors.EDITOR, c.id, arrest());
    const before = await getStats(actors.VIEWER);

    await deleteCase(actors.EDITOR, c.id, 1);
    await deletePerson(actors.EDITOR, p.id, 1);
    await deleteIncident(actors.EDITOR, inc.id, 1);

    const after = await getStats(actors.VIEWER);
    expect(after.people).toBe(before.people - 1);
    expect(after.cases).toBe(before.cases - 1);
    expect(after.incidents).toBe(before.incidents - 1);
    expect(after.byStatus.DETAINED).toBe(before.byStatus.DETAINED - 1);
    const people = await listPeople(actors.VIEWER, { pageSize: 100 });
    expect(people.rows.map((r) => r.id)).not.toContain(p.id);
    expect((await listIncidents(actors.VIEWER)).map((i) => i.id)).not.toContain(inc.id);
    await expect(getPerson(actors.VIEWER, p.id)).rejects.toMatchObject({ status: 404 });
    await expect(getCase(actors.VIEWER, c.id)).rejects.toMatchObject({ status: 404 });

    const deleted = await listDeletedRecords(actors.ADMIN);
    expect(deleted.filter((d) => [p.id, c.id, inc.id].includes(d.id)).map((d) => [d.kind, d.deletedBy])).toEqual(
      expect.arrayContaining([
        ["person", "Test EDITOR"],
        ["case", "Test EDITOR"],
        ["incident", "Test EDITOR"],
      ]),
    );
    await expect(listDeletedRecords(actors.EDITOR)).rejects.toMatchObject({ status: 403 });

    await restorePerson(actors.ADMIN, p.id);
    await restoreCase(actors.ADMIN, c.id);
    await restoreIncident(actors.ADMIN, inc.id);
    expect(await getStats(actors.VIEWER)).toEqual(before);
  });

  it("a deleted event no longer drives the case's status", async () => {
    const c = await newCase();
    await createEvent(actors.EDITOR, c.caseId, arrest());
    const release = await createEvent(actors.EDITOR, c.caseId, {
      type: "RELEASE",
      date: "2020-08",
      datePrecision: "MONTH",
      releaseType: "FULL",
      sourceIds: [sourceId],
    });
    expect((await getCase(actors.VIEWER, c.caseId)).status).toBe("RELEASED");
    await deleteEvent(actors.EDITOR, release.id, 1);
    const kase = await getCase(actors.VIEWER, c.caseId);
    expect(kase.status).toBe("DETAINED");
    expect(kase.events).toHaveLength(1);
  });
});

describe("quick updates keep the derived columns right", () => {
  it("arrest → detention → bail in tomans → sentence → appeal → release with a tag", async () => {
    const c = await newCase();
    const status = async () => {
      const row = await db().case.findUniqueOrThrow({ where: { id: c.caseId }, include: { currentFacility: true } });
      return {
        status: row.status,
        facility: row.currentFacility?.name ?? null,
        first: row.firstInstancePrisonDays,
        effective: row.effectivePrisonDays,
        lashes: row.effectiveLashes,
      };
    };
    await createEvent(actors.EDITOR, c.caseId, arrest("2020-07-16"));
    expect(await status()).toMatchObject({ status: "DETAINED", facility: null });

    const facility = `Facility ${unique("f")}`;
    await createEvent(actors.EDITOR, c.caseId, {
      type: "DETENTION",
      date: "2020-07-17",
      datePrecision: "DAY",
      facility,
      conditions: ["solitary_confinement"],
      sourceIds: [sourceId],
    });
    expect(await status()).toMatchObject({ status: "DETAINED", facility });

    const bail = await createEvent(actors.EDITOR, c.caseId, {
      type: "BAIL",
      date: "2020-08",
      datePrecision: "MONTH",
      amount: "50,000,000",
      currency: "irt",
      sourceIds: [sourceId],
    });
    expect(await status()).toMatchObject({ status: "RELEASED_ON_BAIL", facility: null });
    const bailRow = await db().caseEvent.findUniqueOrThrow({ where: { id: bail.id } });
    expect(bailRow.amount?.toString()).toBe("50000000");
    expect(bailRow.currency).toBe("IRT");
    expect(bailRow.amountRials?.toString()).toBe("500000000");

    const court = `Court ${unique("c")}`;
    const sentence = await createEvent(actors.EDITOR, c.caseId, {
      type: "SENTENCE",
      date: "2021-01-10",
      datePrecision: "DAY",
      court,
      branch: "Branch 112",
      prisonYears: 2,
      lashes: 60,
      charges: [{ text: "propaganda against the state", article: "Article 500" }, { text: "disturbing public order" }],
      sourceIds: [sourceId],
    });
    expect(await status()).toMatchObject({ status: "SENTENCED", first: 730, effective: 730, lashes: 60 });
    expect(await db().charge.count({ where: { eventId: sentence.id } })).toBe(2);

    await createEvent(actors.EDITOR, c.caseId, {
      type: "APPEAL",
      date: "2021-03",
      datePrecision: "MONTH",
      appealOutcome: "REDUCED",
      prisonYears: 1,
      lashes: 60,
      sourceIds: [sourceId],
    });
    expect(await status()).toMatchObject({ status: "SENTENCED", first: 730, effective: 365 });

    await createEvent(actors.EDITOR, c.caseId, {
      type: "RELEASE",
      date: "2021-06-19",
      datePrecision: "DAY",
      releaseType: "ELECTRONIC_MONITORING",
      sourceIds: [sourceId],
    });
    expect(await status()).toMatchObject({ status: "CONDITIONALLY_RELEASED" });

    // An event with an earlier date lands before the later ones, not at the end.
    await createEvent(actors.EDITOR, c.caseId, {
      type: "ILL_TREATMENT",
      date: "2020-07-18",
      datePrecision: "DAY",
      treatmentKinds: ["beating"],
      injuries: ["broken nose"],
      sourceIds: [sourceId],
    });
    const kase = await getCase(actors.EDITOR, c.caseId);
    expect(kase.events.map((e) => e.type)).toEqual(["ARREST", "DETENTION", "ILL_TREATMENT", "BAIL", "SENTENCE", "APPEAL", "RELEASE"]);
    expect(kase.events.map((e) => e.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(kase.status).toBe("CONDITIONALLY_RELEASED");
  });

  it("a corrected date moves the event to its place in the timeline, and the status follows", async () => {
    const c = await newCase();
    const timeline = async () => (await getCase(actors.EDITOR, c.caseId)).events.map((e) => [e.type, e.position]);
    await createEvent(actors.EDITOR, c.caseId, arrest("2020-07-16"));
    const bail = await createEvent(actors.EDITOR, c.caseId, { type: "BAIL", date: "2020-08-01", datePrecision: "DAY", sourceIds: [sourceId] });
    const rearrest = await createEvent(actors.EDITOR, c.caseId, {
      type: "ARREST",
      date: "2020-09-05",
      datePrecision: "DAY",
      city: "Ardabil",
      sourceIds: [sourceId],
    });
    const undated = await createEvent(actors.EDITOR, c.caseId, { type: "HUNGER_STRIKE", datePrecision: "UNKNOWN", sourceIds: [sourceId] });
    expect(await timeline()).toEqual([
      ["ARREST", 0],
      ["BAIL", 1],
      ["ARREST", 2],
      ["HUNGER_STRIKE", 3],
    ]);
    expect((await db().case.findUniqueOrThrow({ where: { id: c.caseId } })).status).toBe("DETAINED");

    // The bail was in fact granted after the second arrest: the person is out on bail. Later
    // than every dated event, it goes last, as a new event would (placementPosition).
    await updateEvent(actors.EDITOR, bail.id, bail.version, { type: "BAIL", date: "2020-10", datePrecision: "MONTH", sourceIds: [sourceId] });
    expect(await timeline()).toEqual([
      ["ARREST", 0],
      ["ARREST", 1],
      ["HUNGER_STRIKE", 2],
      ["BAIL", 3],
    ]);
    expect((await db().case.findUniqueOrThrow({ where: { id: c.caseId } })).status).toBe("RELEASED_ON_BAIL");

    // Moved earlier than everything; other edits leave the position alone.
    await updateEvent(actors.EDITOR, rearrest.id, rearrest.version, {
      type: "ARREST",
      date: "2019",
      datePrecision: "YEAR",
      city: "Ardabil",
      sourceIds: [sourceId],
    });
    expect(await timeline()).toEqual([
      ["ARREST", 0],
      ["ARREST", 1],
      ["HUNGER_STRIKE", 2],
      ["BAIL", 3],
    ]);
    expect((await getCase(actors.EDITOR, c.caseId)).events[0]!.id).toBe(rearrest.id);
    await updateEvent(actors.EDITOR, undated.id, undated.version, {
      type: "HUNGER_STRIKE",
      datePrecision: "UNKNOWN",
      description: "Refused food for 12 days",
      sourceIds: [sourceId],
    });
    expect(await timeline()).toEqual([
      ["ARREST", 0],
      ["ARREST", 1],
      ["HUNGER_STRIKE", 2],
      ["BAIL", 3],
    ]);

    // A stale edit moves nothing.
    await expect(
      updateEvent(actors.EDITOR, bail.id, bail.version, { type: "BAIL", date: "2020-06-01", datePrecision: "DAY", sourceIds: [sourceId] }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await timeline()).toEqual([
      ["ARREST", 0],
      ["ARREST", 1],
      ["HUNGER_STRIKE", 2],
      ["BAIL", 3],
    ]);
  });

  it("an advocate moves an undated event where it belongs, and the status follows", async () => {
    const c = await newCase();
    const order = async () => (await getCase(actors.EDITOR, c.caseId)).events.map((e) => e.type);
    const caseStatus = async () => (await db().case.findUniqueOrThrow({ where: { id: c.caseId } })).status;
    await createEvent(actors.EDITOR, c.caseId, arrest("2020-07-16"));
    await createEvent(actors.EDITOR, c.caseId, { type: "RELEASE", date: "2020-09-01", datePrecision: "DAY", releaseType: "FULL", sourceIds: [sourceId] });
    // Learnt later, without a date: a detention in Tabriz prison, before the release.
    const detention = await createEvent(actors.EDITOR, c.caseId, {
      type: "DETENTION",
      datePrecision: "UNKNOWN",
      facility: "Tabriz Central Prison",
      sourceIds: [sourceId],
    });
    expect(await order()).toEqual(["ARREST", "RELEASE", "DETENTION"]);
    expect(await caseStatus()).toBe("DETAINED");

    const audits = await auditCount();
    const moved = await moveEvent(actors.EDITOR, detention.id, detention.version, "earlier");
    expect(moved.version).toBe(detention.version + 1);
    expect(await order()).toEqual(["ARREST", "DETENTION", "RELEASE"]);
    expect(await caseStatus()).toBe("RELEASED");
    expect(await auditCount()).toBe(audits + 1);
    const entry = await db().auditEntry.findFirstOrThrow({ where: { entityId: detention.id }, orderBy: { id: "desc" } });
    expect(entry.action).toBe("event.move");

    // At an end there is nowhere to go: a clear refusal, nothing changes. A stale version is a conflict.
    const first = (await getCase(actors.EDITOR, c.caseId)).events[0]!;
    await expect(moveEvent(actors.EDITOR, first.id, first.version, "earlier")).rejects.toMatchObject({
      fields: { direction: "Order: this event is already the first" },
    });
    await expect(moveEvent(actors.EDITOR, detention.id, detention.version, "later")).rejects.toBeInstanceOf(ConflictError);
    expect(await order()).toEqual(["ARREST", "DETENTION", "RELEASE"]);
    expect(await auditCount()).toBe(audits + 1);
    await expect(moveEvent(actors.VIEWER, detention.id, moved.version, "later")).rejects.toThrow();
    expect(await order()).toEqual(["ARREST", "DETENTION", "RELEASE"]);

    // A soft-deleted event in between is stepped over (and keeps its position for a restore).
    const release = (await getCase(actors.EDITOR, c.caseId)).events[2]!;
    const hunger = await createEvent(actors.EDITOR, c.caseId, { type: "HUNGER_STRIKE", datePrecision: "UNKNOWN", sourceIds: [sourceId] });
    await deleteEvent(actors.EDITOR, release.id, release.version);
    await moveEvent(actors.EDITOR, hunger.id, hunger.version, "earlier");
    expect(await order()).toEqual(["ARREST", "HUNGER_STRIKE", "DETENTION"]);
  });

  it("moves an event of a timeline imported with two events at one position", async () => {
    const c = await newCase();
    const a = await createEvent(actors.EDITOR, c.caseId, arrest("2020-07-16"));
    const b = await createEvent(actors.EDITOR, c.caseId, { type: "BAIL", date: "2020-08-01", datePrecision: "DAY", sourceIds: [sourceId] });
    await db().caseEvent.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { position: 4 } });
    await moveEvent(actors.EDITOR, b.id, b.version, "earlier");
    const events = (await getCase(actors.EDITOR, c.caseId)).events;
    expect(events.map((e) => e.type)).toEqual(["BAIL", "ARREST"]);
    expect(new Set(events.map((e) => e.position)).size).toBe(2);
  });

  it("a new source added inline with an event is created in the same transaction", async () => {
    const c = await newCase();
    const audits = await auditCount();
    const e = await createEvent(actors.EDITOR, c.caseId, {
      ...arrest(),
      sourceIds: [],
      newSources: [{ title: "Testimony of a cellmate", kind: "TESTIMONY", confidential: true }],
    });
    expect(await auditCount()).toBe(audits + 1);
    const links = await db().eventSource.findMany({ where: { eventId: e.id }, include: { source: true } });
    expect(links.map((l) => [l.source.title, l.source.confidential])).toEqual([["Testimony of a cellmate", true]]);
    // and a VIEWER does not see it, in the case nor in its history
    const viewerCase = JSON.stringify(await getCase(actors.VIEWER, c.caseId));
    expect(viewerCase).not.toContain("Testimony of a cellmate");
    expect(JSON.stringify(await caseHistory(actors.VIEWER, c.caseId))).not.toContain("Testimony of a cellmate");
  });
});
