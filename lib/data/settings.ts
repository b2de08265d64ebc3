import "server-only";
// Installation-wide switches an ADMIN sets, stored in app_settings: whether the public
// aggregate page (/stats and /api/public/stats) is published, and whether EDITOR and ADMIN
// accounts must use two-factor sign-in. Both are off until an ADMIN turns them on; a
// missing or unreadable value counts as off.
import { z } from "zod";
import { writeAudit } from "@/lib/data/audit";
import { db } from "@/lib/db";
import { NotFoundError, requireRole, type Actor } from "@/lib/authz";

export const PUBLIC_AGGREGATES_SETTING = "publicAggregates";
const publicAggregatesValue = z.object({ enabled: z.boolean() }).strict();

async function readPublicAggregatesEnabled(): Promise<boolean> {
  const row = await db().appSetting.findUnique({ where: { key: PUBLIC_AGGREGATES_SETTING }, select: { value: true } });
  const parsed = publicAggregatesValue.safeParse(row?.value);
  return parsed.success && parsed.data.enabled;
}

export interface Settings {
  publicAggregates: boolean;
  requireTwoFactor: boolean;
}

export async function getSettings(actor: Actor | null): Promise<Settings> {
  requireRole(actor, "ADMIN");
  const [publicAggregates, requireTwoFactor] = await Promise.all([readPublicAggregatesEnabled(), twoFactorRequiredForStaff()]);
  return { publicAggregates, requireTwoFactor };
}

// Whether EDITOR and ADMIN accounts must use two-factor sign-in. While on, such an account
// without it is sent to /account/security to set it up and gets nothing else (the session
// check in lib/data/users.ts reads this on each request of such an account).
export const REQUIRE_TWO_FACTOR_SETTING = "requireTwoFactor";

/** Read by the per-request session check, before an actor exists: no authorization. */
export async function twoFactorRequiredForStaff(): Promise<boolean> {
  const row = await db().appSetting.findUnique({ where: { key: REQUIRE_TWO_FACTOR_SETTING }, select: { value: true } });
  const parsed = publicAggregatesValue.safeParse(row?.value);
  return parsed.success && parsed.data.enabled;
}

/** Turns the two-factor requirement on or off; setting and audit entry in one transaction. */
export async function setRequireTwoFactor(actor: Actor | null, enabled: boolean): Promise<{ changed: boolean }> {
  const admin = requireRole(actor, "ADMIN");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${REQUIRE_TWO_FACTOR_SETTING}))`;
    const row = await tx.appSetting.findUnique({ where: { key: REQUIRE_TWO_FACTOR_SETTING }, select: { value: true } });
    const before = publicAggregatesValue.safeParse(row?.value);
    if (before.success && before.data.enabled === enabled) return { changed: false };
    const value = { enabled };
    await tx.appSetting.upsert({
      where: { key: REQUIRE_TWO_FACTOR_SETTING },
      create: { key: REQUIRE_TWO_FACTOR_SETTING, value, updatedById: admin.id },
      update: { value, updatedById: admin.id },
    });
    await writeAudit(tx, {
      actorId: admin.id,
      action: "settings.update",
      entityType: "app_setting",
      entityId: REQUIRE_TWO_FACTOR_SETTING,
      before: row?.value ?? null,
      after: value,
    });
    return { changed: true };
  });
}

/**
 * Turns the public aggregate page on or off: the setting and its audit entry are written in
 * one transaction. Setting the value it already has changes nothing and writes no entry.
 */
export async function setPublicAggregates(actor: Actor | null, enabled: boolean): Promise<{ changed: boolean }> {
  const admin = requireRole(actor, "ADMIN");
  return db().$transaction(async (tx) => {
    // Serialises concurrent toggles, so the audit's "before" is the value actually replaced.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${PUBLIC_AGGREGATES_SETTING}))`;
    const row = await tx.appSetting.findUnique({ where: { key: PUBLIC_AGGREGATES_SETTING }, select: { value: true } });
    const before = publicAggregatesValue.safeParse(row?.value);
    if (before.success && before.data.enabled === enabled) return { changed: false };
    const value = { enabled };
    await tx.appSetting.upsert({
      where: { key: PUBLIC_AGGREGATES_SETTING },
      create: { key: PUBLIC_AGGREGATES_SETTING, value, updatedById: admin.id },
      update: { value, updatedById: admin.id },
    });
    await writeAudit(tx, {
      actorId: admin.id,
      action: "settings.update",
      entityType: "app_setting",
      entityId: PUBLIC_AGGREGATES_SETTING,
      before: row?.value ?? null,
      after: value,
    });
    return { changed: true };
  });
}

const PUBLIC_ACCESS: unique symbol = Symbol("public aggregate access");

/** Proof that the public aggregate page is switched on: the anonymous reader's "actor". */
export interface PublicAggregateAccess {
  readonly [PUBLIC_ACCESS]: true;
}

export function isPublicAggregateAccess(value: unknown): value is PublicAggregateAccess {
  return typeof value === "object" && value !== null && (value as Partial<PublicAggregateAccess>)[PUBLIC_ACCESS] === true;
}

/** Access for the public page, or NotFoundError (a 404, as if the page did not exist) while it is off. */
export async function publicAggregateAccess(): Promise<PublicAggregateAccess> {
  if (!(await readPublicAggregatesEnabled())) throw new NotFoundError("Page");
  return { [PUBLIC_ACCESS]: true };
}
