import "server-only";
// Audit entries are written with the same transaction client as the change they record,
// so a change without its audit row (or an audit row without its change) cannot exist.
import { Prisma } from "@/lib/generated/prisma/client";
import { deriveAuditKeys, KEYED_SCHEME, keyedEntryHash, type AuditKeys } from "@/lib/audit/chain";
import { auditKey } from "@/lib/env";

export type Tx = Prisma.TransactionClient;

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: Dates to ISO strings, Decimals and BigInts to strings. */
export function auditJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

// Serialises audit writers so the hash chain never forks. Held until the surrounding
// transaction ends, so the entry read as "previous" is always the committed last one.
const AUDIT_CHAIN_LOCK = 4_242_001;

let keys: AuditKeys | undefined;

/**
 * The chain's keys, derived once. Without AUDIT_KEY this throws, so the change being audited
 * fails with it (its transaction rolls back): nothing is changed without a verifiable entry.
 */
function chainKeys(): AuditKeys {
  keys ??= deriveAuditKeys(auditKey());
  return keys;
}

export async function writeAudit(tx: Tx, entry: AuditInput): Promise<void> {
  const k = chainKeys();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const [{ id } = { id: 0n }] = await tx.$queryRaw<{ id: bigint }[]>`SELECT nextval(pg_get_serial_sequence('audit_entries', 'id')) AS id`;
  const row = {
    id,
    at: new Date(),
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    before: auditJson(entry.before) ?? null,
    after: auditJson(entry.after) ?? null,
    prevHash: last?.hash ?? null,
  };
  await tx.auditEntry.create({
    data: {
      ...row,
      before: row.before ?? Prisma.DbNull,
      after: row.after ?? Prisma.DbNull,
      hash: keyedEntryHash(k, row),
      hashScheme: KEYED_SCHEME,
    },
  });
}
