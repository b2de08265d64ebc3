// Every data-layer read authorizes on the server: no session reads nothing, and a VIEWER
// never receives restricted notes or confidential sources, in any shape.
import { beforeAll, describe, expect, it } from "vitest";
import { AuthRequiredError, type Actor } from "@/lib/authz";
import { listPeople, getPerson } from "@/lib/data/people";
import { getCase } from "@/lib/data/cases";
import { getIncident, listIncidents } from "@/lib/data/incidents";
import { getStats } from "@/lib/data/stats";
import { CONFIDENTIAL_TITLE, RESTRICTED_NOTE, createPersonWithCase, createUser } from "../support/factories";

let data: Awaited<ReturnType<typeof createPersonWithCase>>;
const actors: Record<"ADMIN" | "EDITOR" | "VIEWER", Actor> = {} as never;

beforeAll(async () => {
  data = await createPersonWithCase();
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) actors[role] = await createUser(role);
});

const reads: [string, (actor: Actor | null) => Promise<unknown>][] = [
  ["listPeople", (a) => listPeople(a)],
  ["getPerson", (a) => getPerson(a, data.person.id)],
  ["getCase", (a) => getCase(a, data.case.id)],
  ["listIncidents", (a) => listIncidents(a)],
  ["getIncident", (a) => getIncident(a, data.incident.id)],
  ["getStats", (a) => getStats(a)],
];

describe.each(reads)("%s", (_name, read) => {
  it("refuses a caller without a session", async () => {
    await expect(read(null)).rejects.toBeInstanceOf(AuthRequiredError);
  });

  it.each(["ADMIN", "EDITOR", "VIEWER"] as const)("answers %s", async (role) => {
    await expect(read(actors[role])).resolves.toBeDefined();
  });

  it("never gives a VIEWER restricted notes or confidential sources", async () => {
    const body = JSON.stringify(await read(actors.VIEWER));
    expect(body).not.toContain(RESTRICTED_NOTE);
    expect(body).not.toContain(CONFIDENTIAL_TITLE);
    expect(body).not.toContain("restrictedNotes");
  });
});

describe("restricted data for editors and admins", () => {
  it.each(["ADMIN", "EDITOR"] as const)("%s sees the restricted note and the confidential sources", async (role) => {
    const person = await getPerson(actors[role], data.person.id);
    expect(person.restrictedNotes).toBe(RESTRICTED_NOTE);
    expect(person.sources.map((s) => s.title)).toContain(CONFIDENTIAL_TITLE);
    const kase = await getCase(actors[role], data.case.id);
    expect(kase.events[1]?.sources.map((s) => s.title)).toEqual([CONFIDENTIAL_TITLE]);
  });

  it("a VIEWER still sees the public sources", async () => {
    const kase = await getCase(actors.VIEWER, data.case.id);
    expect(kase.events[0]?.sources.map((s) => s.title)).toEqual(["Public NGO statement"]);
    expect(kase.events[1]?.sources).toEqual([]);
  });
});

describe("derived sentence on the case view", () => {
  it("computes first-instance and effective terms from the timeline", async () => {
    const kase = await getCase(actors.VIEWER, data.case.id);
    expect(kase.firstInstance?.prisonDays).toBe(226);
    expect(kase.effective?.lashes).toBe(74);
  });
});
