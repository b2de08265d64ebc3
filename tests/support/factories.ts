// Test data made by each test for itself, with unique keys, straight through Prisma.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}`;

export async function createUser(role: Role, password = "correct horse battery staple"): Promise<Actor & { password: string; sessionVersion: number }> {
  const email = `${unique(role.toLowerCase())}@test.local`;
  const user = await db().user.create({
    data: { email, name: `Test ${role}`, role, passwordHash: await hashPassword(password) },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, password, sessionVersion: user.sessionVersion };
}

export const RESTRICTED_NOTE = "RESTRICTED-NOTE: family contact +98 000 000 0000";
export const CONFIDENTIAL_TITLE = "CONFIDENTIAL-SOURCE: testimony of a cellmate";

/** A person with a restricted note, a case with a sentence, a public and a confidential source. */
export async function createPersonWithCase() {
  const publicSource = await db().source.create({ data: { key: unique("src"), title: "Public NGO statement", kind: "NGO_STATEMENT" } });
  const secretSource = await db().source.create({ data: { key: unique("src"), title: CONFIDENTIAL_TITLE, kind: "TESTIMONY", confidential: true } });
  const incident = await db().incident.create({ data: { key: unique("inc"), title: "Rally in Tabriz", city: "Tabriz", reportedDetained: 40 } });
  const person = await db().person.create({
    data: {
      key: unique("p"),
      name: "Test Person",
      restrictedNotes: RESTRICTED_NOTE,
      aliases: { create: [{ name: "تست", script: "PERSO_ARABIC" }] },
      sources: { create: [{ sourceId: publicSource.id }, { sourceId: secretSource.id }] },
    },
  });
  const kase = await db().case.create({
    data: {
      key: unique("c"),
      personId: person.id,
      incidentId: incident.id,
      status: "IMPRISONED",
      events: {
        create: [
          {
            position: 0,
            type: "ARREST",
            date: new Date("2020-10-18T00:00:00Z"),
            datePrecision: "DAY",
            city: "Tabriz",
            sources: { create: [{ sourceId: publicSource.id }, { sourceId: secretSource.id }] },
          },
          {
            position: 1,
            type: "SENTENCE",
            prisonMonths: 7,
            prisonDays: 16,
            lashes: 74,
            confidence: "HIGH",
            sources: { create: [{ sourceId: secretSource.id }] },
          },
        ],
      },
    },
  });
  return { person, case: kase, incident, publicSource, secretSource };
}
