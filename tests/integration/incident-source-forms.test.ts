// The reads behind the incident and source forms and the sources list: a VIEWER never
// receives a confidential source (filtered in the query), an anonymous caller is refused,
// edit forms are EDITOR/ADMIN only, and an incident's sources are saved with its audit entry.
import { beforeAll, describe, expect, it } from "vitest";
import { AuthRequiredError, ForbiddenError, NotFoundError, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/data/conflict";
import { incidentHistory } from "@/lib/data/history";
import { createIncident, deleteIncident, updateIncident } from "@/lib/data/incident-mutations";
import { getIncident } from "@/lib/data/incidents";
import { incidentForEdit, sourceForEdit } from "@/lib/data/incident-source-forms";
import { createSource, deleteSource } from "@/lib/data/source-mutations";
import { listSources } from "@/lib/data/sources";
import { createUser, unique } from "../support/factories";

type Role = "ADMIN" | "EDITOR" | "VIEWER";
const actors = {} as Record<Role, Actor>;
let publicId: string;
let secretId: string;
let secretTitle: string;
let publicTitle: string;

beforeAll(async () => {
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) actors[role] = await createUser(role);
  publicTitle = `Public statement ${unique("s")}`;
  secretTitle = `Confidential testimony ${unique("s")}`;
  publicId = (await createSource(actors.EDITOR, { title: publicTitle, kind: "NGO_STATEMENT", url: "https://example.org/a", date: "2020-07" })).id;
  secretId = (await createSource(actors.EDITOR, { title: secretTitle, kind: "TESTIMONY", confidential: true })).id;
});

describe("listSources", () => {
  it("gives a VIEWER no confidential source, and the public ones", async () => {
    const rows = await listSources(actors.VIEWER);
    expect(rows.some((s) => s.id === publicId)).toBe(true);
    expect(rows.some((s) => s.id === secretId || s.title === secretTitle)).toBe(false);
    expect(rows.every((s) => !s.confidential)).toBe(true);
  });

  it("gives an EDITOR and an ADMIN the confidential source too", async () => {
    for (const role of ["EDITOR", "ADMIN"] as const) {
      const rows = await listSources(actors[role]);
      expect(rows.find((s) => s.id === secretId)?.confidential).toBe(true);
    }
  });

  it("refuses an anonymous caller", async () => {
    await expect(listSources(null)).rejects.toBeInstanceOf(AuthRequiredError);
  });

  it("leaves out soft-deleted sources", async () => {
    const gone = await createSource(actors.EDITOR, { title: `Deleted ${unique("s")}` });
    await deleteSource(actors.EDITOR, gone.id, 1);
    expect((await listSources(actors.ADMIN)).some((s) => s.id === gone.id)).toBe(false);
  });
});

describe("edit-form reads", () => {
  it("refuse a VIEWER and an anonymous caller", async () => {
    const i = await createIncident(actors.EDITOR, { title: `Rally ${unique("i")}` });
    await expect(incidentForEdit(actors.VIEWER, i.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(incidentForEdit(null, i.id)).rejects.toBeInstanceOf(AuthRequiredError);
    await expect(sourceForEdit(actors.VIEWER, secretId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(sourceForEdit(null, publicId)).rejects.toBeInstanceOf(AuthRequiredError);
  });

  it("give an EDITOR the values as the form writes them, with the version", async () => {
    const i = await createIncident(actors.EDITOR, {
      title: `Raid ${unique("i")}`,
      date: "2020-07",
      datePrecision: "MONTH",
      reportedDetained: 40,
      sourceIds: [publicId],
    });
    const form = await incidentForEdit(actors.EDITOR, i.id);
    expect(form).toMatchObject({ date: "2020-07", datePrecision: "MONTH", reportedDetained: 40, version: 1, sourceIds: [publicId] });
    const s = await sourceForEdit(actors.EDITOR, publicId);
    expect(s).toMatchObject({ title: publicTitle, date: "2020-07", url: "https://example.org/a", version: 1 });
  });

  it("answer NotFound for a deleted incident", async () => {
    const i = await createIncident(actors.EDITOR, { title: `Gone ${unique("i")}` });
    await deleteIncident(actors.EDITOR, i.id, 1);
    await expect(incidentForEdit(actors.EDITOR, i.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("incident sources", () => {
  it("are saved with the incident, kept when the input leaves them out, and refused when unknown", async () => {
    const i = await createIncident(actors.EDITOR, { title: `Rally ${unique("i")}`, sourceIds: [publicId, secretId] });
    expect((await getIncident(actors.EDITOR, i.id)).sources.map((s) => s.id).sort()).toEqual([publicId, secretId].sort());
    // A VIEWER's incident page gets the public source only.
    expect((await getIncident(actors.VIEWER, i.id)).sources.map((s) => s.id)).toEqual([publicId]);

    await updateIncident(actors.EDITOR, i.id, 1, { title: "Renamed rally" });
    expect((await getIncident(actors.EDITOR, i.id)).sources).toHaveLength(2);

    await updateIncident(actors.EDITOR, i.id, 2, { title: "Renamed rally", sourceIds: [publicId] });
    expect((await getIncident(actors.EDITOR, i.id)).sources.map((s) => s.id)).toEqual([publicId]);

    const audits = await db().auditEntry.count({ where: { entityType: "incident", entityId: i.id } });
    await expect(updateIncident(actors.EDITOR, i.id, 3, { title: "X", sourceIds: ["nosuchsource"] })).rejects.toThrow(/no longer exists/);
    expect(await db().auditEntry.count({ where: { entityType: "incident", entityId: i.id } })).toBe(audits);
    expect((await db().incident.findUniqueOrThrow({ where: { id: i.id } })).version).toBe(3);
  });

  it("a stale version is a conflict and changes nothing", async () => {
    const i = await createIncident(actors.EDITOR, { title: `Stale ${unique("i")}`, reportedDetained: 10 });
    await updateIncident(actors.EDITOR, i.id, 1, { title: "First save", reportedDetained: 12 });
    await expect(updateIncident(actors.ADMIN, i.id, 1, { title: "Second save", reportedDetained: 99 })).rejects.toBeInstanceOf(ConflictError);
    expect(await db().incident.findUniqueOrThrow({ where: { id: i.id } })).toMatchObject({ title: "First save", reportedDetained: 12, version: 2 });
  });
});

describe("incidentHistory", () => {
  it("lists each change by its author and hides confidential sources from a VIEWER", async () => {
    const i = await createIncident(actors.EDITOR, { title: `History ${unique("i")}`, reportedDetained: 5 });
    await updateIncident(actors.EDITOR, i.id, 1, { title: "History renamed", reportedDetained: 7, sourceIds: [secretId] });
    const editorView = (await incidentHistory(actors.EDITOR, i.id)).entries;
    expect(editorView.map((e) => e.action)).toEqual(["incident.update", "incident.create"]);
    expect(editorView[0]!.actor).toBe(actors.EDITOR.name);
    expect(editorView[0]!.changes.map((c) => c.field)).toEqual(expect.arrayContaining(["title", "reportedDetained", "sources"]));
    expect(JSON.stringify(editorView)).toContain(secretTitle);
    const viewerView = (await incidentHistory(actors.VIEWER, i.id)).entries;
    expect(viewerView).toHaveLength(2);
    expect(JSON.stringify(viewerView)).not.toContain(secretTitle);
    await expect(incidentHistory(null, i.id)).rejects.toBeInstanceOf(AuthRequiredError);
  });
});
