import "server-only";
// The three accounts a fresh demo install signs in with, one per role. Created only when
// missing: an existing account (its password, role or name possibly changed since) is never
// touched, so re-running the seed cannot undo what an administrator did.
import { writeAudit } from "@/lib/data/audit";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";

export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.local", name: "Demo Admin", role: "ADMIN" },
  { email: "editor@demo.local", name: "Demo Editor", role: "EDITOR" },
  { email: "viewer@demo.local", name: "Demo Viewer", role: "VIEWER" },
];

export interface DemoAccountsResult {
  created: string[];
  skipped: string[];
}

export async function ensureDemoAccounts(password: string): Promise<DemoAccountsResult> {
  if (password.length < 12) throw new Error("The demo password must be at least 12 characters long");
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const existing = new Set((await db().user.findMany({ where: { email: { in: emails } }, select: { email: true } })).map((u) => u.email));
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.email));
  if (missing.length === 0) return { created: [], skipped: emails };

  // argon2id is deliberately slow: hash before the transaction so it holds no locks meanwhile.
  // One hash per account, so the accounts do not share a salt.
  const hashes = await Promise.all(missing.map(() => hashPassword(password)));

  const created = await db().$transaction(async (tx) => {
    const done: string[] = [];
    for (const [i, account] of missing.entries()) {
      // Checked again inside the transaction: another seed may have created it meanwhile.
      if (await tx.user.findUnique({ where: { email: account.email }, select: { id: true } })) continue;
      const user = await tx.user.create({
        data: { ...account, passwordHash: hashes[i] as string },
        select: { id: true, email: true, name: true, role: true },
      });
      await writeAudit(tx, { actorId: null, action: "user.create", entityType: "user", entityId: user.id, after: user });
      done.push(user.email);
    }
    return done;
  });
  return { created, skipped: emails.filter((e) => !created.includes(e)) };
}
