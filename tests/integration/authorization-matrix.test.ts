// The authorization matrix: every server action and every route handler, called as
// {anonymous, VIEWER, EDITOR, ADMIN}, with the outcome each role must get, in one table.
// A refusal must leave the record it aimed at exactly as it was.
//
// The calls go through the real exported functions (the "use server" modules and the
// route.ts handlers) down to PostgreSQL. Only the session lookup is replaced: it reads the
// next-auth cookie of a live request, which does not exist here; tests/integration/
// sessions.test.ts and the end-to-end specs cover it. A completeness check fails when an
// action or a handler exists that the table does not list.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { createCase, deleteCase } from "@/lib/data/case-mutations";
import { createEvent } from "@/lib/data/event-mutations";
import { createIncident } from "@/lib/data/incident-mutations";
import { createPerson } from "@/lib/data/person-mutations";
import { createSource } from "@/lib/data/source-mutations";
import { setPublicAggregates } from "@/lib/data/settings";
import { createUser, unique } from "../support/factories";

const session = vi.hoisted(() => {
  // Read when the first secret is encrypted (lib/env.ts), so it is set before any import runs.
  process.env.TOTP_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString("base64");
  return { actor: null as Actor | null };
});
const signals = vi.hoisted(() => {
  class RedirectSignal extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  return { RedirectSignal };
});

vi.mock("@/lib/auth/session", () => ({
  getActor: async () => session.actor,
  getSessionState: async () =>
    session.actor ? { actor: session.actor, sessionId: "matrix-session", needsTwoFactorEnrolment: false, mustChangePassword: false } : null,
  passwordChangePending: async () => false,
  pathWithoutActor: async () => "/login",
}));
// next-intl's server functions read the request's locale, which Next provides; the app has one.
vi.mock("next-intl/server", async () => {
  const messages = (await import("@/messages/en.json")).default;
  const { createTranslator } = await import("use-intl/core");
  return {
    getLocale: async () => "en",
    getMessages: async () => messages,
    getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages, namespace: namespace as never }),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_noStore: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new signals.RedirectSignal(url);
  },
  notFound: () => {
    throw new signals.RedirectSignal("/404");
  },
}));

type Role = "VIEWER" | "EDITOR" | "ADMIN";
type Caller = Role | "anonymous";
const CALLERS: readonly Caller[] = ["anonymous", "VIEWER", "EDITOR", "ADMIN"];
const actors = {} as Record<Role, Actor & { password: string }>;
let sourceId: string;

beforeAll(async () => {
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) actors[role] = await createUser(role);
  sourceId = (await createSource(actors.EDITOR, { title: `Matrix source ${unique("s")}`, kind: "NEWS" })).id;
});

/** What a call came back with: allowed (it did its work), refused (401/403 or their action results), or something else. */
type Outcome = "allowed" | "refused" | `unexpected: ${string}`;

async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  try {
    value = await call();
  } catch (error) {
    if (error instanceof signals.RedirectSignal) {
      const result = new URL(error.url, "http://x").searchParams.get("result");
      if (result === "saved" || result === "unchanged") return "allowed";
      if (result === "forbidden" || result === "failed" || error.url.startsWith("/login")) return "refused";
      return `unexpected: redirect ${error.url}`;
    }
    return `unexpected: threw ${String(error)}`;
  }
  if (value instanceof Response) {
    if (value.status === 401 || value.status === 403) return "refused";
    if (value.status >= 200 && value.status < 300) {
      await value.arrayBuffer(); // a streamed body runs to its end (exports write their audit entry)
      return "allowed";
    }
    return `unexpected: HTTP ${value.status} ${await value.text()}`;
  }
  if (value && typeof value === "object" && "ok" in value) {
    const result = value as { ok: boolean; error?: { kind: string; message: string } };
    if (result.ok) return "allowed";
    if (result.error?.kind === "auth" || result.error?.kind === "forbidden") return "refused";
    return `unexpected: ${result.error?.kind} ${result.error?.message}`;
  }
  return "allowed";
}

interface Entry {
  /** "<file>#<export>", as the completeness check finds them. */
  name: string;
  /** The callers allowed; every other caller is refused. */
  allowed: readonly Caller[];
  /**
   * What an allowed caller gets, when it is not plain success: e.g. a wrong TOTP code is a
   * validation error, but only once the caller got past authorization.
   */
  whenAllowed?: RegExp;
  /** A fresh target for each call: the call, and a read of the row it aims at. */
  setup: (caller: Caller) => Promise<{ call: () => Promise<unknown>; read?: () => Promise<unknown> }>;
}

const EDITORS: readonly Caller[] = ["EDITOR", "ADMIN"];
const SIGNED_IN: readonly Caller[] = ["VIEWER", "EDITOR", "ADMIN"];
const ADMINS: readonly Caller[] = ["ADMIN"];
const EVERYONE: readonly Caller[] = CALLERS;

const personValues = (name = `Matrix ${unique("p")}`) => ({ name, aliases: [], gender: "FEMALE", homeCity: "Tabriz" });
const arrest = () => ({ type: "ARREST", date: "2020-07-16", datePrecision: "DAY", city: "Tabriz", sourceIds: [sourceId] });
const get = (url: string) => new Request(`http://localhost${url}`);
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

async function newPerson() {
  return createPerson(actors.EDITOR, personValues());
}
async function newCase() {
  const p = await newPerson();
  const c = await createCase(actors.EDITOR, { personId: p.id });
  return { personId: p.id, caseId: c.id };
}
const readPerson = (id: string) => () => db().person.findUnique({ where: { id } });
const readCase = (id: string) => () => db().case.findUnique({ where: { id } });
const readUser = (id: string) => () =>
  db().user.findUnique({
    where: { id },
    select: { role: true, disabledAt: true, passwordHash: true, sessionVersion: true, totpEnabledAt: true, inviteTokenHash: true },
  });

const recording = () => import("@/lib/actions/recording");
const users = () => import("@/lib/actions/users");

const entries: Entry[] = [
  // Recording (lib/actions/recording.ts)
  {
    name: "lib/actions/recording.ts#createPersonAction",
    allowed: EDITORS,
    setup: async () => {
      const name = `Matrix ${unique("new")}`;
      return { call: async () => (await recording()).createPersonAction({ values: personValues(name) }), read: () => db().person.count({ where: { name } }) };
    },
  },
  {
    name: "lib/actions/recording.ts#updatePersonAction",
    allowed: EDITORS,
    setup: async () => {
      const p = await newPerson();
      return { call: async () => (await recording()).updatePersonAction({ id: p.id, version: 1, values: personValues("Renamed") }), read: readPerson(p.id) };
    },
  },
  {
    name: "lib/actions/recording.ts#deletePersonAction",
    allowed: EDITORS,
    setup: async () => {
      const p = await newPerson();
      return { call: async () => (await recording()).deletePersonAction({ id: p.id, version: 1 }), read: readPerson(p.id) };
    },
  },
  {
    name: "lib/actions/recording.ts#createCaseAction",
    allowed: EDITORS,
    setup: async () => {
      const p = await newPerson();
      return {
        call: async () => (await recording()).createCaseAction({ values: { personId: p.id } }),
        read: () => db().case.count({ where: { personId: p.id } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#updateCaseAction",
    allowed: EDITORS,
    setup: async () => {
      const c = await newCase();
      return {
        call: async () => (await recording()).updateCaseAction({ id: c.caseId, version: 1, values: { personId: c.personId, summary: "changed" } }),
        read: readCase(c.caseId),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#deleteCaseAction",
    allowed: EDITORS,
    setup: async () => {
      const c = await newCase();
      return { call: async () => (await recording()).deleteCaseAction({ id: c.caseId, version: 1 }), read: readCase(c.caseId) };
    },
  },
  {
    name: "lib/actions/recording.ts#createIncidentAction",
    allowed: EDITORS,
    setup: async () => {
      const title = `Matrix incident ${unique("i")}`;
      return { call: async () => (await recording()).createIncidentAction({ values: { title } }), read: () => db().incident.count({ where: { title } }) };
    },
  },
  {
    name: "lib/actions/recording.ts#updateIncidentAction",
    allowed: EDITORS,
    setup: async () => {
      const i = await createIncident(actors.EDITOR, { title: `Matrix incident ${unique("i")}` });
      return {
        call: async () => (await recording()).updateIncidentAction({ id: i.id, version: 1, values: { title: "Renamed incident" } }),
        read: () => db().incident.findUnique({ where: { id: i.id } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#deleteIncidentAction",
    allowed: EDITORS,
    setup: async () => {
      const i = await createIncident(actors.EDITOR, { title: `Matrix incident ${unique("i")}` });
      return {
        call: async () => (await recording()).deleteIncidentAction({ id: i.id, version: 1 }),
        read: () => db().incident.findUnique({ where: { id: i.id } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#createEventAction",
    allowed: EDITORS,
    setup: async () => {
      const c = await newCase();
      return {
        call: async () => (await recording()).createEventAction({ caseId: c.caseId, values: arrest() }),
        read: () => db().caseEvent.count({ where: { caseId: c.caseId } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#updateEventAction",
    allowed: EDITORS,
    setup: async () => {
      const c = await newCase();
      const e = await createEvent(actors.EDITOR, c.caseId, arrest());
      return {
        call: async () => (await recording()).updateEventAction({ id: e.id, version: e.version, values: { ...arrest(), date: "2020-07-17" } }),
        read: () => db().caseEvent.findUnique({ where: { id: e.id } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#deleteEventAction",
    allowed: EDITORS,
    setup: async () => {
      const c = await newCase();
      const e = await createEvent(actors.EDITOR, c.caseId, arrest());
      return {
        call: async () => (await recording()).deleteEventAction({ id: e.id, version: e.version }),
        read: () => db().caseEvent.findUnique({ where: { id: e.id } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#moveEventAction",
    allowed: EDITORS,
    setup: async () => {
      const c = await newCase();
      await createEvent(actors.EDITOR, c.caseId, arrest());
      const e = await createEvent(actors.EDITOR, c.caseId, { ...arrest(), date: "2020-07-20" });
      return {
        call: async () => (await recording()).moveEventAction({ id: e.id, version: e.version, direction: "earlier" }),
        read: () => db().caseEvent.findMany({ where: { caseId: c.caseId }, orderBy: { id: "asc" } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#createSourceAction",
    allowed: EDITORS,
    setup: async () => {
      const title = `Matrix source ${unique("s")}`;
      return {
        call: async () => (await recording()).createSourceAction({ values: { title, kind: "NEWS" } }),
        read: () => db().source.count({ where: { title } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#updateSourceAction",
    allowed: EDITORS,
    setup: async () => {
      const s = await createSource(actors.EDITOR, { title: `Matrix source ${unique("s")}`, kind: "NEWS" });
      return {
        call: async () => (await recording()).updateSourceAction({ id: s.id, version: 1, values: { title: "Renamed source", kind: "NEWS" } }),
        read: () => db().source.findUnique({ where: { id: s.id } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#deleteSourceAction",
    allowed: EDITORS,
    setup: async () => {
      const s = await createSource(actors.EDITOR, { title: `Matrix source ${unique("s")}`, kind: "NEWS" });
      return {
        call: async () => (await recording()).deleteSourceAction({ id: s.id, version: 1 }),
        read: () => db().source.findUnique({ where: { id: s.id } }),
      };
    },
  },
  {
    name: "lib/actions/recording.ts#restoreRecordAction",
    allowed: ADMINS,
    setup: async () => {
      const c = await newCase();
      await deleteCase(actors.EDITOR, c.caseId, 1);
      return { call: async () => (await recording()).restoreRecordAction({ kind: "case", id: c.caseId }), read: readCase(c.caseId) };
    },
  },
  {
    name: "lib/actions/recording.ts#similarPeopleAction",
    // Only the person form asks, and only those who record people use it.
    allowed: EDITORS,
    setup: async () => ({ call: async () => (await recording()).similarPeopleAction({ name: "Fatima Ibrahimzade", aliases: [] }) }),
  },

  // Account management (lib/actions/users.ts)
  {
    name: "lib/actions/users.ts#inviteUserAction",
    allowed: ADMINS,
    setup: async () => {
      const email = `${unique("invitee")}@example.org`;
      return {
        call: async () => (await users()).inviteUserAction({ name: "Invited Advocate", email, role: "VIEWER", method: "link" }),
        read: () => db().user.count({ where: { email } }),
      };
    },
  },
  {
    name: "lib/actions/users.ts#changeUserRoleAction",
    allowed: ADMINS,
    setup: async () => {
      const u = await createUser("VIEWER");
      return { call: async () => (await users()).changeUserRoleAction({ userId: u.id, role: "EDITOR" }), read: readUser(u.id) };
    },
  },
  {
    name: "lib/actions/users.ts#disableUserAction",
    allowed: ADMINS,
    setup: async () => {
      const u = await createUser("VIEWER");
      return { call: async () => (await users()).disableUserAction({ userId: u.id }), read: readUser(u.id) };
    },
  },
  {
    name: "lib/actions/users.ts#enableUserAction",
    allowed: ADMINS,
    setup: async () => {
      const u = await createUser("VIEWER");
      await db().user.update({ where: { id: u.id }, data: { disabledAt: new Date() } });
      return { call: async () => (await users()).enableUserAction({ userId: u.id }), read: readUser(u.id) };
    },
  },
  {
    name: "lib/actions/users.ts#resetUserPasswordAction",
    allowed: ADMINS,
    setup: async () => {
      const u = await createUser("VIEWER");
      return { call: async () => (await users()).resetUserPasswordAction({ userId: u.id, method: "temporaryPassword" }), read: readUser(u.id) };
    },
  },
  {
    name: "lib/actions/users.ts#resetUserTwoFactorAction",
    allowed: ADMINS,
    setup: async () => {
      const u = await createUser("EDITOR");
      await db().user.update({ where: { id: u.id }, data: { totpEnabledAt: new Date(), totpSecretEnc: "x" } });
      return { call: async () => (await users()).resetUserTwoFactorAction({ userId: u.id }), read: readUser(u.id) };
    },
  },
  {
    name: "lib/actions/users.ts#revokeUserSessionsAction",
    allowed: ADMINS,
    setup: async () => {
      const u = await createUser("VIEWER");
      return { call: async () => (await users()).revokeUserSessionsAction({ userId: u.id }), read: readUser(u.id) };
    },
  },
  {
    name: "lib/actions/users.ts#clearSignInThrottleAction",
    allowed: ADMINS,
    setup: async () => {
      const u = await createUser("VIEWER");
      await db().signInThrottle.create({
        data: { key: `pair:203.0.113.5|${u.email}`, failures: 5, lockedUntil: new Date(Date.now() + 60_000), account: u.email, address: "203.0.113.5" },
      });
      return {
        call: async () => (await users()).clearSignInThrottleAction({ userId: u.id }),
        read: () => db().signInThrottle.findMany({ where: { account: u.email } }),
      };
    },
  },
  {
    name: "lib/actions/users.ts#changeOwnPasswordAction",
    allowed: SIGNED_IN,
    setup: async (caller) => {
      // Each call acts on the caller's own account: a fresh one, so the shared actors keep theirs.
      const own = caller === "anonymous" ? null : await createUser(caller);
      session.actor = own;
      return {
        call: async () =>
          (await users()).changeOwnPasswordAction({
            currentPassword: own?.password ?? "irrelevant",
            newPassword: "a brand new long passphrase 2026",
            confirmPassword: "a brand new long passphrase 2026",
          }),
      };
    },
  },
  {
    name: "lib/actions/users.ts#acceptLinkAction",
    // The link's token is the credential: no session is needed, and a session adds nothing.
    allowed: [],
    setup: async () => ({
      call: async () =>
        (await users()).acceptLinkAction({
          token: "x".repeat(43),
          newPassword: "a brand new long passphrase 2026",
          confirmPassword: "a brand new long passphrase 2026",
        }),
    }),
  },

  // The signed-in user's own sign-in security (lib/actions/security.ts)
  ...(
    [
      ["startTotpEnrolmentAction", () => ({}), undefined],
      ["confirmTotpEnrolmentAction", () => ({ code: "000000" }), /^unexpected: validation /],
      // Two-factor sign-in is not on for a fresh account: there is nothing to turn off.
      ["disableTotpAction", () => ({ password: "correct horse battery staple" }), /^unexpected: validation /],
      ["regenerateRecoveryCodesAction", () => ({ password: "not the password" }), /^unexpected: validation /],
      ["revokeSessionAction", () => ({ sessionId: "no-such-session" }), undefined],
      ["signOutEverywhereAction", () => ({}), undefined],
      ["dismissSignInNoticeAction", () => ({}), undefined],
    ] as const
  ).map(([name, input, whenAllowed]): Entry => ({
    name: `lib/actions/security.ts#${name}`,
    allowed: SIGNED_IN,
    whenAllowed,
    setup: async (caller) => {
      // Each acts on the caller's own account: a fresh one, so the shared actors keep theirs.
      session.actor = caller === "anonymous" ? null : await createUser(caller);
      const own = session.actor;
      const actions = (await import("@/lib/actions/security")) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
      return {
        call: () => (actions[name] as (input: unknown) => Promise<unknown>)(input()),
        read: own ? readUser(own.id) : undefined,
      };
    },
  })),

  // Settings (app/(dashboard)/admin/settings/actions.ts)
  {
    name: "app/(dashboard)/admin/settings/actions.ts#savePublicAggregatesSetting",
    allowed: ADMINS,
    setup: async () => {
      await setPublicAggregates(actors.ADMIN, false);
      const form = new FormData();
      form.set("publicAggregates", "on");
      return {
        call: async () => (await import("@/app/(dashboard)/admin/settings/actions")).savePublicAggregatesSetting(form),
        read: () => db().appSetting.findUnique({ where: { key: "publicAggregates" }, select: { value: true } }),
      };
    },
  },

  {
    name: "app/(dashboard)/admin/settings/actions.ts#saveRequireTwoFactorSetting",
    allowed: ADMINS,
    setup: async () => {
      const form = new FormData();
      form.set("requireTwoFactor", "on");
      return {
        call: async () => {
          try {
            return await (await import("@/app/(dashboard)/admin/settings/actions")).saveRequireTwoFactorSetting(form);
          } finally {
            // Switched on, it would send the shared EDITOR and ADMIN to set up two-factor sign-in.
            await db().appSetting.deleteMany({ where: { key: { not: "publicAggregates" } } });
          }
        },
      };
    },
  },

  // Route handlers
  {
    name: "app/api/health/route.ts#GET",
    allowed: EVERYONE,
    setup: async () => ({ call: async () => (await import("@/app/api/health/route")).GET() }),
  },
  {
    name: "app/api/cases/route.ts#GET",
    allowed: SIGNED_IN,
    setup: async () => ({ call: async () => (await import("@/app/api/cases/route")).GET(get("/api/cases?city=Tabriz"), {}) }),
  },
  {
    name: "app/api/stats/route.ts#GET",
    allowed: SIGNED_IN,
    setup: async () => ({ call: async () => (await import("@/app/api/stats/route")).GET(get("/api/stats"), {}) }),
  },
  {
    name: "app/api/public/stats/route.ts#GET",
    // Public by design once an ADMIN publishes the page (it answers 404 until then).
    allowed: EVERYONE,
    setup: async () => {
      await setPublicAggregates(actors.ADMIN, true);
      return { call: async () => (await import("@/app/api/public/stats/route")).GET() };
    },
  },
  {
    name: "app/api/export/cases.csv/route.ts#GET",
    allowed: EDITORS,
    setup: async () => ({ call: async () => (await import("@/app/api/export/cases.csv/route")).GET(get("/api/export/cases.csv?city=Tabriz")) }),
  },
  {
    name: "app/api/export/cases.xlsx/route.ts#GET",
    allowed: EDITORS,
    setup: async () => ({ call: async () => (await import("@/app/api/export/cases.xlsx/route")).GET(get("/api/export/cases.xlsx?city=Tabriz")) }),
  },
  {
    name: "app/api/import/template.csv/route.ts#GET",
    allowed: SIGNED_IN,
    setup: async () => ({ call: async () => (await import("@/app/api/import/template.csv/route")).GET() }),
  },
  {
    name: "app/api/people/[id]/report.pdf/route.ts#GET",
    // The internal profile: EDITOR and ADMIN (a VIEWER may have the public one, tested below).
    allowed: EDITORS,
    setup: async () => {
      const p = await newPerson();
      return {
        call: async () =>
          (await import("@/app/api/people/[id]/report.pdf/route")).GET(get(`/api/people/${p.id}/report.pdf?profile=internal`), params({ id: p.id })),
      };
    },
  },
  {
    name: "app/api/import/route.ts#POST",
    allowed: EDITORS,
    setup: async () => {
      const { templateCsv } = await import("@/lib/import/columns");
      const before = () => db().person.count();
      return {
        call: async () => {
          const form = new FormData();
          form.set("file", new File([templateCsv()], "cases.csv", { type: "text/csv" }));
          form.set("dryRun", "1");
          return (await import("@/app/api/import/route")).POST(new Request("http://localhost/api/import?dryRun=1", { method: "POST", body: form }));
        },
        read: before,
      };
    },
  },
  {
    name: "app/api/exchange/export/route.ts#GET",
    allowed: EDITORS,
    setup: async () => ({ call: async () => (await import("@/app/api/exchange/export/route")).GET() }),
  },
  {
    name: "app/api/exchange/import/route.ts#POST",
    // An ADMIN gets past authorization to the file's checks (this one is incomplete).
    allowed: ADMINS,
    whenAllowed: /^unexpected: HTTP (400|409) /,
    setup: async () => ({
      call: async () =>
        (await import("@/app/api/exchange/import/route")).POST(
          new Request("http://localhost/api/exchange/import", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ format: "detainee-case-tracker", version: 1 }),
          }),
        ),
      read: () => db().person.count(),
    }),
  },
  {
    name: "app/api/dossier/route.ts#POST",
    allowed: SIGNED_IN,
    // The previous caller's dossier may still be rendering: "busy" also means authorized.
    whenAllowed: /^(allowed|unexpected: HTTP 429 .*"reason":"busy")/,
    setup: async () => ({
      call: async () =>
        (await import("@/app/api/dossier/route")).POST(
          new Request("http://localhost/api/dossier?city=Tabriz&profile=public", {
            method: "POST",
            headers: { origin: "http://localhost", host: "localhost" },
          }),
        ),
    }),
  },
  {
    name: "app/api/dossier/[jobId]/route.ts#GET",
    // Signed-in callers get past authorization; a job that is not theirs is not found.
    allowed: SIGNED_IN,
    whenAllowed: /^unexpected: HTTP 404 /,
    setup: async () => ({ call: async () => (await import("@/app/api/dossier/[jobId]/route")).GET(get("/api/dossier/unknown"), params({ jobId: "unknown" })) }),
  },
  {
    name: "app/api/dossier/[jobId]/file/route.ts#GET",
    allowed: SIGNED_IN,
    whenAllowed: /^unexpected: HTTP 404 /,
    setup: async () => ({
      call: async () => (await import("@/app/api/dossier/[jobId]/file/route")).GET(get("/api/dossier/unknown/file"), params({ jobId: "unknown" })),
    }),
  },
];

describe("a VIEWER's case report", () => {
  it("is given in the public profile only", async () => {
    session.actor = actors.VIEWER;
    const p = await newPerson();
    const { GET } = await import("@/app/api/people/[id]/report.pdf/route");
    const pub = await GET(get(`/api/people/${p.id}/report.pdf?profile=public`), params({ id: p.id }));
    expect(pub.status).toBe(200);
    expect(pub.headers.get("content-type")).toMatch(/application\/pdf/);
    expect((await GET(get(`/api/people/${p.id}/report.pdf?profile=internal`), params({ id: p.id }))).status).toBe(403);
  });
});

describe("authorization matrix", () => {
  describe.each(entries)("$name", (entry) => {
    it.each(CALLERS)("%s", async (caller) => {
      session.actor = caller === "anonymous" ? null : actors[caller];
      const { call, read } = await entry.setup(caller);
      const before = read ? await read() : undefined;
      const outcome = await outcomeOf(call);
      const expected = entry.allowed.includes(caller) ? "allowed" : "refused";
      if (entry.name.endsWith("#acceptLinkAction")) {
        // Neither allowed nor refused by role: an unknown token is refused for everyone alike.
        expect(outcome).toMatch(/^unexpected: notFound This link does not work/);
        return;
      }
      if (expected === "allowed" && entry.whenAllowed) expect(outcome).toMatch(entry.whenAllowed);
      else expect(outcome).toBe(expected);
      if (expected === "refused" && read) expect(await read()).toEqual(before);
    });
  });
});

describe("the matrix lists every server action and route handler", () => {
  const root = path.resolve(__dirname, "../..");

  function files(dir: string, match: (file: string) => boolean): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : files(full, match);
      return match(full) ? [full] : [];
    });
  }

  it("has one row per exported action and handler", () => {
    const found: string[] = [];
    for (const file of [...files(path.join(root, "app"), (f) => /\.(ts|tsx)$/.test(f)), ...files(path.join(root, "lib"), (f) => /\.(ts|tsx)$/.test(f))]) {
      const text = readFileSync(file, "utf8");
      const relative = path.relative(root, file).split(path.sep).join("/");
      const isRoute = /\/route\.ts$/.test(relative);
      const isActions = /^\s*["']use server["']/.test(text);
      if (!isRoute && !isActions) continue;
      if (relative.startsWith("app/api/auth/")) continue; // next-auth's own routes: covered by the sign-in tests
      for (const m of text.matchAll(/^export\s+(?:async\s+)?function\s+(\w+)/gm)) found.push(`${relative}#${m[1]}`);
    }
    expect(found.sort()).toEqual(entries.map((e) => e.name).sort());
  });
});
