import "server-only";
// Account management: what an ADMIN does to users (invite, change role, disable, enable,
// reset the password or the two-factor sign-in, revoke sessions, see and clear the sign-in
// throttle), accepting an invitation or reset link, and a user changing their own password.
//
// Every mutation runs in ONE transaction that
//   - takes the user-admin lock, then re-reads the acting ADMIN (a concurrent change may
//     have demoted or disabled them) and the target user;
//   - refuses to leave the installation without an active ADMIN: the count of active
//     ADMINs is read under the same lock, so two concurrent demotions cannot both pass;
//   - revokes the target's sessions (session version + user_sessions rows), so their old
//     cookie is refused on the next request;
//   - writes exactly one audit entry, never with a hash, token, password or secret in it.
//
// Secrets handed out (the link's token, a temporary password) are returned once to the
// ADMIN who asked; only the token's SHA-256 and the password's argon2id hash are stored.
import { createHash, randomBytes, randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, requireActor, requireRole, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { ValidationError } from "@/lib/data/validation-error";
import { hashPassword } from "@/lib/auth/password";
import { confirmOwnPassword } from "@/lib/data/users";
import { deleteThrottleRowsFor, throttleRowsFor, type ThrottleRow } from "@/lib/data/auth-throttle";
import { normalizeEmail } from "@/lib/domain/sign-in-throttle";
import type { Role } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { passwordMessage, passwordProblem } from "@/lib/validation/password";
import {
  acceptInviteInput,
  changeOwnPasswordInput,
  changeRoleInput,
  inviteUserInput,
  resetPasswordInput,
  userIdInput,
  type CredentialMethod,
} from "@/lib/validation/users";

/** How long an invitation or reset link works. */
export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

// Serialises every account change, so "is this the last active ADMIN?" is answered on the
// committed state and stays true until the change commits.
const USER_ADMIN_LOCK = 4_242_101;

// ---------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------

/** SHA-256 of a link token, as stored in users.invite_token_hash. */
export function inviteTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function newInviteToken(): { token: string; hash: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: inviteTokenHash(token), expiresAt: new Date(Date.now() + INVITE_LIFETIME_MS) };
}

// No 0/o, 1/l/i: a temporary password is read aloud or copied by hand.
const TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A temporary password: four groups of four (about 79 bits), which itself passes the policy. */
export function newTemporaryPassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join(""));
    const password = groups.join("-");
    if (!passwordProblem(password)) return password;
  }
}

/**
 * A valid argon2id hash of 32 random bytes nobody knows: the account has no usable password
 * until its link is used, and signing in to it takes as long as to any other account.
 */
function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString("base64url"));
}

// ---------------------------------------------------------------------------------------
// Shared steps
// ---------------------------------------------------------------------------------------

/** Every session of the user stops working: old cookies are refused on their next request. */
async function revokeAllSessions(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

const targetSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  mustChangePassword: true,
  totpEnabledAt: true,
} as const;

type Target = Prisma.UserGetPayload<{ select: typeof targetSelect }>;

/**
 * Starts an ADMIN's account change: the lock, then the acting ADMIN as the database has
 * them now (refused if demoted or disabled meanwhile), then the target user.
 */
async function lockAndLoad(tx: Tx, admin: Actor, userId: string): Promise<Target> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USER_ADMIN_LOCK})`;
  const me = await tx.user.findUnique({ where: { id: admin.id }, select: { role: true, disabledAt: true } });
  if (!me || me.role !== "ADMIN" || me.disabledAt) throw new ForbiddenError();
  const target = await tx.user.findUnique({ where: { id: userId }, select: targetSelect });
  if (!target) throw new NotFoundError("User");
  return target;
}

/** Refuses a change that would leave no active ADMIN (read under the lock). */
async function keepAnActiveAdmin(tx: Tx, target: Target, field: string, message: string): Promise<void> {
  if (target.role !== "ADMIN" || target.disabledAt) return;
  const activeAdmins = await tx.user.count({ where: { role: "ADMIN", disabledAt: null } });
  if (activeAdmins <= 1) throw new ValidationError({ [field]: message });
}

function refuseSelf(admin: Actor, target: Target, message: string): void {
  if (admin.id === target.id) throw new ValidationError({ _form: message });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** A one-time link's token or a temporary password, handed to the ADMIN once. */
export type IssuedCredential =
  | { method: "link"; token: string; expiresAt: Date }
  | { method: "temporaryPassword"; temporaryPassword: string };

interface PreparedCredential {
  issued: IssuedCredential;
  columns: {
    passwordHash: string;
    mustChangePassword: boolean;
    inviteTokenHash: string | null;
    inviteExpiresAt: Date | null;
  };
  /** What the audit may record about it: the method and the expiry, nothing secret. */
  audit: { method: CredentialMethod; linkExpiresAt?: Date };
}

/** Hashes outside the transaction (argon2 takes a while; the lock should not wait for it). */
async function prepareCredential(method: CredentialMethod): Promise<PreparedCredential> {
  if (method === "link") {
    const link = newInviteToken();
    return {
      issued: { method, token: link.token, expiresAt: link.expiresAt },
      columns: { passwordHash: await unusablePasswordHash(), mustChangePassword: false, inviteTokenHash: link.hash, inviteExpiresAt: link.expiresAt },
      audit: { method, linkExpiresAt: link.expiresAt },
    };
  }
  const temporaryPassword = newTemporaryPassword();
  return {
    issued: { method, temporaryPassword },
    columns: { passwordHash: await hashPassword(temporaryPassword), mustChangePassword: true, inviteTokenHash: null, inviteExpiresAt: null },
    audit: { method },
  };
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

export type UserStatus = "active" | "disabled" | "linkPending" | "linkExpired" | "mustChangePassword";

/** An account's sign-in throttle as an ADMIN sees it (lib/domain/sign-in-throttle.ts). */
export interface SignInThrottleState {
  /** Failures counted over every network (the account-wide ceiling), and its pause, if any. */
  accountFailures: number;
  accountLockedUntil: Date | null;
  /** Wrong two-factor codes after the right password, and the pause they caused, if any. */
  codeFailures: number;
  codeLockedUntil: Date | null;
  /**
   * Per client network (address null: attempts without a known address), and "session":
   * wrong passwords re-typed in a signed-in session (which pause only that).
   */
  networks: { kind: "network" | "session"; address: string | null; failures: number; lockedUntil: Date | null }[];
}

/** The state from an account's counters; null when it has none. Past pauses are left out. */
function throttleState(allRows: ThrottleRow[], now = Date.now()): SignInThrottleState | null {
  const live = (d: Date | null) => (d && d.getTime() > now ? d : null);
  const rows = allRows.filter((r) => r.failures > 0 || live(r.lockedUntil));
  if (!rows.length) return null;
  const state: SignInThrottleState = { accountFailures: 0, accountLockedUntil: null, codeFailures: 0, codeLockedUntil: null, networks: [] };
  for (const r of rows) {
    if (r.key.startsWith("account:")) {
      state.accountFailures = r.failures;
      state.accountLockedUntil = live(r.lockedUntil);
    } else if (r.key.startsWith("code:")) {
      state.codeFailures = r.failures;
      state.codeLockedUntil = live(r.lockedUntil);
    } else if (r.key.startsWith("pair:")) {
      state.networks.push({ kind: "network", address: r.address, failures: r.failures, lockedUntil: live(r.lockedUntil) });
    } else if (r.key.startsWith("confirm:")) {
      state.networks.push({ kind: "session", address: null, failures: r.failures, lockedUntil: live(r.lockedUntil) });
    }
  }
  state.networks.sort((a, b) => b.failures - a.failures);
  return state;
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  twoFactor: boolean;
  lastSignInAt: Date | null;
  linkExpiresAt: Date | null;
  createdAt: Date;
  /** The sign-in throttle's counters about this account; null when there are none. */
  signInThrottle: SignInThrottleState | null;
  /** Failed sign-ins since the account's last successful one (the owner is told at the next). */
  failedSignIns: number;
}

/** Every account, for the ADMIN's user list. No hash, token or secret leaves this function. */
export async function listUsers(actor: Actor | null): Promise<UserRow[]> {
  requireRole(actor, "ADMIN");
  const rows = await db().user.findMany({
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      disabledAt: true,
      mustChangePassword: true,
      totpEnabledAt: true,
      lastSignInAt: true,
      inviteExpiresAt: true,
      createdAt: true,
      failedSignIns: true,
    },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
  const throttle = new Map<string, ThrottleRow[]>();
  for (const r of await throttleRowsFor(rows.map((u) => normalizeEmail(u.email)))) {
    throttle.set(r.account ?? "", [...(throttle.get(r.account ?? "") ?? []), r]);
  }
  const now = Date.now();
  return rows.map((u) => {
    const linkOpen = u.inviteExpiresAt !== null && u.inviteExpiresAt.getTime() > now;
    const status: UserStatus = u.disabledAt
      ? "disabled"
      : linkOpen
        ? "linkPending"
        : u.inviteExpiresAt !== null
          ? "linkExpired"
          : u.mustChangePassword
            ? "mustChangePassword"
            : "active";
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      status,
      twoFactor: u.totpEnabledAt !== null,
      lastSignInAt: u.lastSignInAt,
      linkExpiresAt: u.inviteExpiresAt,
      createdAt: u.createdAt,
      signInThrottle: throttleState(throttle.get(normalizeEmail(u.email)) ?? [], now),
      failedSignIns: u.failedSignIns,
    };
  });
}

// ---------------------------------------------------------------------------------------
// ADMIN operations
// ---------------------------------------------------------------------------------------

export interface InvitedUser {
  userId: string;
  email: string;
  credential: IssuedCredential;
}

/** Creates the account with no usable password, and a one-time link or a temporary password. */
export async function inviteUser(actor: Actor | null, input: unknown): Promise<InvitedUser> {
  const admin = requireRole(actor, "ADMIN");
  const data = inviteUserInput.parse(input);
  const credential = await prepareCredential(data.method);
  try {
    return await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USER_ADMIN_LOCK})`;
      const me = await tx.user.findUnique({ where: { id: admin.id }, select: { role: true, disabledAt: true } });
      if (!me || me.role !== "ADMIN" || me.disabledAt) throw new ForbiddenError();
      const taken = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
      if (taken) throw new ValidationError({ email: "Email: an account with this address already exists" });
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, ...credential.columns },
        select: { id: true, email: true },
      });
      await writeAudit(tx, {
        actorId: admin.id,
        action: "user.invite",
        entityType: "user",
        entityId: user.id,
        after: { email: data.email, name: data.name, role: data.role, ...credential.audit },
      });
      return { userId: user.id, email: user.email, credential: credential.issued };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ email: "Email: an account with this address already exists" });
    throw error;
  }
}

export async function changeUserRole(actor: Actor | null, input: unknown): Promise<{ changed: boolean }> {
  const admin = requireRole(actor, "ADMIN");
  const data = changeRoleInput.parse(input);
  return db().$transaction(async (tx) => {
    const target = await lockAndLoad(tx, admin, data.userId);
    if (target.role === data.role) return { changed: false };
    if (data.role !== "ADMIN") {
      await keepAnActiveAdmin(tx, target, "role", "Role: this is the last active administrator; make someone else an administrator first");
    }
    await tx.user.update({ where: { id: target.id }, data: { role: data.role } });
    await revokeAllSessions(tx, target.id);
    await writeAudit(tx, {
      actorId: admin.id,
      action: "user.role_change",
      entityType: "user",
      entityId: target.id,
      before: { role: target.role },
      after: { role: data.role },
    });
    return { changed: true };
  });
}

export async function disableUser(actor: Actor | null, input: unknown): Promise<void> {
  const admin = requireRole(actor, "ADMIN");
  const data = userIdInput.parse(input);
  await db().$transaction(async (tx) => {
    const target = await lockAndLoad(tx, admin, data.userId);
    refuseSelf(admin, target, "You cannot disable your own account; another administrator can");
    if (target.disabledAt) throw new ValidationError({ _form: "This account is already disabled" });
    await keepAnActiveAdmin(tx, target, "_form", "This is the last active administrator; it cannot be disabled");
    const disabledAt = new Date();
    // A pending link dies with the account: re-enabling it needs a new one.
    await tx.user.update({ where: { id: target.id }, data: { disabledAt, inviteTokenHash: null, inviteExpiresAt: null } });
    await revokeAllSessions(tx, target.id);
    await writeAudit(tx, {
      actorId: admin.id,
      action: "user.disable",
      entityType: "user",
      entityId: target.id,
      before: { disabledAt: null },
      after: { disabledAt },
    });
  });
}

export async function enableUser(actor: Actor | null, input: unknown): Promise<void> {
  const admin = requireRole(actor, "ADMIN");
  const data = userIdInput.parse(input);
  await db().$transaction(async (tx) => {
    const target = await lockAndLoad(tx, admin, data.userId);
    if (!target.disabledAt) throw new ValidationError({ _form: "This account is not disabled" });
    await tx.user.update({ where: { id: target.id }, data: { disabledAt: null } });
    await revokeAllSessions(tx, target.id);
    await writeAudit(tx, {
      actorId: admin.id,
      action: "user.enable",
      entityType: "user",
      entityId: target.id,
      before: { disabledAt: target.disabledAt },
      after: { disabledAt: null },
    });
  });
}

/**
 * Replaces the password at once (the old one stops working) with a one-time link or a
 * temporary password that must be changed at the next sign-in.
 */
export async function resetUserPassword(actor: Actor | null, input: unknown): Promise<IssuedCredential> {
  const admin = requireRole(actor, "ADMIN");
  const data = resetPasswordInput.parse(input);
  const credential = await prepareCredential(data.method);
  return db().$transaction(async (tx) => {
    const target = await lockAndLoad(tx, admin, data.userId);
    refuseSelf(admin, target, "Change your own password from Account › Password, not from here");
    if (target.disabledAt) throw new ValidationError({ _form: "This account is disabled; enable it before resetting its password" });
    await tx.user.update({ where: { id: target.id }, data: credential.columns });
    await revokeAllSessions(tx, target.id);
    await writeAudit(tx, {
      actorId: admin.id,
      action: "user.password_reset",
      entityType: "user",
      entityId: target.id,
      after: credential.audit,
    });
    return credential.issued;
  });
}

/** Removes the user's two-factor sign-in (secret, last step, recovery codes): they enrol again. */
export async function resetUserTwoFactor(actor: Actor | null, input: unknown): Promise<void> {
  const admin = requireRole(actor, "ADMIN");
  const data = userIdInput.parse(input);
  await db().$transaction(async (tx) => {
    const target = await lockAndLoad(tx, admin, data.userId);
    refuseSelf(admin, target, "Manage your own two-factor sign-in from Account › Security, not from here");
    await tx.user.update({ where: { id: target.id }, data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null } });
    const codes = await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
    await revokeAllSessions(tx, target.id);
    await writeAudit(tx, {
      actorId: admin.id,
      action: "user.totp_reset",
      entityType: "user",
      entityId: target.id,
      before: { twoFactor: target.totpEnabledAt !== null, recoveryCodes: codes.count },
      after: { twoFactor: false, recoveryCodes: 0 },
    });
  });
}

/** Signs the user out everywhere (a lost phone, a seized laptop), without changing anything else. */
export async function revokeUserSessions(actor: Actor | null, input: unknown): Promise<void> {
  const admin = requireRole(actor, "ADMIN");
  const data = userIdInput.parse(input);
  await db().$transaction(async (tx) => {
    const target = await lockAndLoad(tx, admin, data.userId);
    await revokeAllSessions(tx, target.id);
    await writeAudit(tx, { actorId: admin.id, action: "user.sessions_revoke", entityType: "user", entityId: target.id });
  });
}

/**
 * Clears every sign-in throttle counter about the account (its networks, its account-wide
 * ceiling, its second factor and password re-confirmation), e.g. for an advocate locked out
 * by someone else's guesses. Counters of a network itself (over every account) are left:
 * they are about other accounts too. The audit entry keeps what was cleared.
 */
export async function clearSignInThrottle(actor: Actor | null, input: unknown): Promise<{ cleared: number }> {
  const admin = requireRole(actor, "ADMIN");
  const data = userIdInput.parse(input);
  return db().$transaction(async (tx) => {
    const target = await lockAndLoad(tx, admin, data.userId);
    const email = normalizeEmail(target.email);
    const before = throttleState(await throttleRowsFor([email], tx));
    if (!before) throw new ValidationError({ _form: "This account has no failed sign-ins to clear" });
    const cleared = await deleteThrottleRowsFor(tx, email);
    await writeAudit(tx, { actorId: admin.id, action: "user.throttle_cleared", entityType: "user", entityId: target.id, before, after: { countersCleared: cleared } });
    return { cleared };
  });
}

// ---------------------------------------------------------------------------------------
// Links and a user's own password
// ---------------------------------------------------------------------------------------

export class InvalidLinkError extends NotFoundError {
  constructor() {
    super("Link");
    this.message = "This link does not work any more: it was used already, it expired, or a newer one replaced it. Ask your administrator for a new one.";
  }
}

export interface LinkInfo {
  email: string;
  name: string;
  expiresAt: Date;
  /** True for a first invitation, false for a password reset. */
  firstPassword: boolean;
}

/** What the link page shows before the password is set; null when the link does not work. */
export async function describeLink(token: string): Promise<LinkInfo | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const user = await db().user.findUnique({
    where: { inviteTokenHash: inviteTokenHash(token) },
    select: { email: true, name: true, disabledAt: true, inviteExpiresAt: true, passwordChangedAt: true, lastSignInAt: true },
  });
  if (!user || user.disabledAt || !user.inviteExpiresAt || user.inviteExpiresAt.getTime() <= Date.now()) return null;
  return { email: user.email, name: user.name, expiresAt: user.inviteExpiresAt, firstPassword: !user.passwordChangedAt && !user.lastSignInAt };
}

/**
 * Sets the password through a one-time link. The link has no session behind it: the token
 * is the credential. It works once (the update is conditional on the token's hash, which
 * it clears), before it expires, and never for a disabled account.
 */
export async function acceptLink(input: unknown): Promise<{ email: string }> {
  const data = acceptInviteInput.parse(input);
  const hash = inviteTokenHash(data.token);
  const user = await db().user.findUnique({
    where: { inviteTokenHash: hash },
    select: { id: true, email: true, name: true, disabledAt: true, inviteExpiresAt: true },
  });
  if (!user || user.disabledAt || !user.inviteExpiresAt || user.inviteExpiresAt.getTime() <= Date.now()) throw new InvalidLinkError();
  const problem = passwordProblem(data.newPassword, { email: user.email, name: user.name });
  if (problem) throw new ValidationError({ newPassword: passwordMessage(problem, "Password") });
  const passwordHash = await hashPassword(data.newPassword);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USER_ADMIN_LOCK})`;
    const now = new Date();
    const used = await tx.user.updateMany({
      where: { id: user.id, inviteTokenHash: hash, inviteExpiresAt: { gt: now }, disabledAt: null },
      data: { passwordHash, inviteTokenHash: null, inviteExpiresAt: null, mustChangePassword: false, passwordChangedAt: now },
    });
    if (used.count !== 1) throw new InvalidLinkError();
    await revokeAllSessions(tx, user.id);
    await writeAudit(tx, { actorId: user.id, action: "user.password_set", entityType: "user", entityId: user.id, after: { via: "link", passwordChangedAt: now } });
    return { email: user.email };
  });
}

/**
 * A signed-in user changes their own password (the current one is required, also when it
 * is a temporary one; wrong ones count towards the account's sign-in throttle). Every session of theirs is revoked, the current one included: they
 * sign in again with the new password.
 */
export async function changeOwnPassword(actor: Actor | null, input: unknown): Promise<void> {
  const me = requireActor(actor);
  const data = changeOwnPasswordInput.parse(input);
  const row = await db().user.findUnique({ where: { id: me.id }, select: { passwordHash: true, email: true, name: true, disabledAt: true } });
  if (!row || row.disabledAt) throw new ForbiddenError();
  // Counted by the account's sign-in throttle and audited when wrong, so a left-open
  // session cannot be used to guess the password.
  if (!(await confirmOwnPassword(me, data.currentPassword))) {
    throw new ValidationError({ currentPassword: "Current password is not correct (or too many attempts: wait a few minutes)" });
  }
  const problem = passwordProblem(data.newPassword, { email: row.email, name: row.name });
  if (problem) throw new ValidationError({ newPassword: passwordMessage(problem, "New password") });
  const passwordHash = await hashPassword(data.newPassword);
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USER_ADMIN_LOCK})`;
    const now = new Date();
    // Conditional on the hash just verified: a reset by an ADMIN in between wins.
    const changed = await tx.user.updateMany({
      where: { id: me.id, passwordHash: row.passwordHash, disabledAt: null },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now, inviteTokenHash: null, inviteExpiresAt: null },
    });
    if (changed.count !== 1) throw new ValidationError({ currentPassword: "Your password was changed meanwhile; sign in again" });
    await revokeAllSessions(tx, me.id);
    await writeAudit(tx, { actorId: me.id, action: "user.password_change", entityType: "user", entityId: me.id, after: { passwordChangedAt: now } });
  });
}
