import "server-only";
// What a failed sign-in writes, bounded so that nobody can grow the database without
// signing in (lib/domain/sign-in-throttle.ts, "Failed sign-ins in the audit trail"):
//   - the owner's counters on their user row (failures and wrong codes since the last
//     successful sign-in), shown to them at the next one: an UPDATE, never a new row;
//   - an audit entry, while the hour's budget of the account and of the client network has
//     room; past it, only a count in sign_in_audit_windows, and one summary entry per
//     window: when the next failure finds the window over, when the account next signs in,
//     or when the occasional clean-up finds it over. The audit trail is append-only (hash
//     chain), so a count is never added to an entry already written.
// An unknown email has no window of its own (the network's bounds it) and no counters; the
// same statements run and match nothing, so both paths do the same work.
import { writeAudit, type Tx } from "@/lib/data/audit";
import { db } from "@/lib/db";
import { AUDIT_WINDOW_MS, auditPlacement } from "@/lib/domain/sign-in-throttle";

export type FailureReason = "locked" | "unknown_account" | "wrong_password" | "disabled" | "wrong_code" | "replayed_code" | "used_recovery_code";

/** Failures after the right password: someone who has it is guessing the second factor. */
const SECOND_FACTOR_REASONS: ReadonlySet<FailureReason> = new Set(["wrong_code", "replayed_code", "used_recovery_code"]);

export interface FailedSignIn {
  userId: string | null;
  normalizedEmail: string;
  /** The typed email as a keyed hash (auditEmailHash). */
  emailHash: string;
  ip: string | null;
  network: string | null;
  reason: FailureReason;
}

interface WindowRow {
  key: string;
  userId: string | null;
  windowStartedAt: Date;
  attempts: number;
  unaudited: number;
  over: boolean;
}

const accountWindowKey = (normalizedEmail: string) => `account:${normalizedEmail}`;
const networkWindowKey = (network: string | null) => `ip:${network ?? "-"}`;

export async function recordFailedSignIn(failure: FailedSignIn): Promise<void> {
  const { normalizedEmail: email, network } = failure;
  const accountKey = accountWindowKey(email);
  const networkKey = networkWindowKey(network);
  const wrongCode = SECOND_FACTOR_REASONS.has(failure.reason) ? 1 : 0;
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE users SET failed_sign_ins = LEAST(failed_sign_ins + 1, 1000000000), failed_codes = LEAST(failed_codes + ${wrongCode}::int, 1000000000)
      WHERE email = ${email}`;
    // Each window row is created or locked by one statement (a no-op update takes the row
    // lock and returns it as it is), in key order ("account:" before "ip:"), as every writer
    // of these rows locks them. A window removed meanwhile by the clean-up is simply created.
    const rows: WindowRow[] = [];
    for (const [key, forAccount] of [
      [accountKey, true],
      [networkKey, false],
    ] as const) {
      const [w] = forAccount
        ? await tx.$queryRaw<WindowRow[]>`
            INSERT INTO sign_in_audit_windows AS w (key, user_id) SELECT ${key}, u.id FROM users u WHERE u.email = ${email}
            ON CONFLICT (key) DO UPDATE SET key = w.key
            RETURNING w.key, w.user_id AS "userId", w.window_started_at AS "windowStartedAt", w.attempts, w.unaudited,
                      w.window_started_at <= now() - ${AUDIT_WINDOW_MS}::bigint * interval '1 millisecond' AS over`
        : await tx.$queryRaw<WindowRow[]>`
            INSERT INTO sign_in_audit_windows AS w (key) VALUES (${key})
            ON CONFLICT (key) DO UPDATE SET key = w.key
            RETURNING w.key, w.user_id AS "userId", w.window_started_at AS "windowStartedAt", w.attempts, w.unaudited,
                      w.window_started_at <= now() - ${AUDIT_WINDOW_MS}::bigint * interval '1 millisecond' AS over`;
      if (w) rows.push(w);
    }
    for (const w of rows) if (w.over) await writeSummary(tx, w, new Date(w.windowStartedAt.getTime() + AUDIT_WINDOW_MS));
    // A window that is over starts again with this failure.
    const counts = [accountKey, networkKey].map((key) => {
      const w = rows.find((r) => r.key === key);
      return { key, found: w !== undefined, restart: w?.over ?? false, attempts: (!w || w.over ? 0 : w.attempts) + 1 };
    });
    const accountWindow = counts.find((c) => c.key === accountKey && c.found) ?? null;
    const networkWindow = counts.find((c) => c.key === networkKey && c.found);
    if (!networkWindow) throw new Error("Audit window not written");
    const placement = auditPlacement(accountWindow?.attempts ?? null, networkWindow.attempts);
    // Both windows are updated, the unknown email's matching no row: the same statements either way.
    for (const c of counts) {
      const unaudited = (placement === "account" && c === accountWindow) || (placement === "network" && c === networkWindow) ? 1 : 0;
      await tx.$executeRaw`
        UPDATE sign_in_audit_windows SET
          window_started_at = CASE WHEN ${c.restart} THEN now() ELSE window_started_at END,
          attempts = ${c.attempts}::int,
          unaudited = CASE WHEN ${c.restart} THEN 0 ELSE unaudited END + ${unaudited}::int
        WHERE key = ${c.key}`;
    }
    if (placement === "entry") {
      await writeAudit(tx, {
        actorId: failure.userId,
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: failure.userId ?? undefined,
        after: { reason: failure.reason, emailHash: failure.emailHash, ip: failure.ip },
      });
    }
  });
}

/** The summary of one window's failures that got no entry of their own (none when there were none). */
async function writeSummary(tx: Tx, w: Pick<WindowRow, "key" | "userId" | "windowStartedAt" | "unaudited">, until: Date): Promise<void> {
  if (w.unaudited <= 0) return;
  const account = w.key.startsWith("account:");
  await writeAudit(tx, {
    actorId: null,
    action: "auth.sign_in_failed_summary",
    entityType: account ? "user" : undefined,
    entityId: account ? (w.userId ?? undefined) : undefined,
    after: {
      scope: account ? "account" : "network",
      ...(account ? {} : { network: w.key.slice("ip:".length) }),
      failuresNotItemised: w.unaudited,
      from: w.windowStartedAt,
      until,
    },
  });
}

export interface FailuresSinceSignIn {
  failures: number;
  wrongCodes: number;
  previousSignInAt: Date | null;
}

/**
 * At a successful sign-in, inside its transaction (after the user row is locked): the
 * failures since the previous one, which start again from zero, and the summary of the
 * account's audit window, which closes.
 */
export async function takeFailuresSinceSignIn(tx: Tx, userId: string, normalizedEmail: string): Promise<FailuresSinceSignIn> {
  const [user] = await tx.$queryRaw<{ failures: number; wrongCodes: number; previousSignInAt: Date | null }[]>`
    SELECT failed_sign_ins AS failures, failed_codes AS "wrongCodes", last_sign_in_at AS "previousSignInAt" FROM users WHERE id = ${userId} FOR UPDATE`;
  await tx.$executeRaw`UPDATE users SET failed_sign_ins = 0, failed_codes = 0 WHERE id = ${userId}`;
  const key = accountWindowKey(normalizedEmail);
  const [window] = await tx.$queryRaw<WindowRow[]>`
    SELECT key, user_id AS "userId", window_started_at AS "windowStartedAt", attempts, unaudited, false AS over
    FROM sign_in_audit_windows WHERE key = ${key} FOR UPDATE`;
  if (window) {
    await writeSummary(tx, { ...window, userId: window.userId ?? userId }, new Date());
    await tx.$executeRaw`DELETE FROM sign_in_audit_windows WHERE key = ${key}`;
  }
  return { failures: user?.failures ?? 0, wrongCodes: user?.wrongCodes ?? 0, previousSignInAt: user?.previousSignInAt ?? null };
}

/**
 * Writes the summaries of windows that are over and removes them (a few at a time; windows
 * another attempt holds are left for later). Run now and then after a failure.
 */
export async function closeFinishedWindows(limit = 100): Promise<void> {
  await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<WindowRow[]>`
      SELECT key, user_id AS "userId", window_started_at AS "windowStartedAt", attempts, unaudited, true AS over
      FROM sign_in_audit_windows
      WHERE window_started_at <= now() - ${AUDIT_WINDOW_MS}::bigint * interval '1 millisecond'
      ORDER BY key LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    for (const w of rows) await writeSummary(tx, w, new Date(w.windowStartedAt.getTime() + AUDIT_WINDOW_MS));
    if (rows.length) await tx.$executeRaw`DELETE FROM sign_in_audit_windows WHERE key = ANY(${rows.map((r) => r.key)}::text[])`;
  });
}
