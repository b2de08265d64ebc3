// How the ADMIN audit page shows an entry's before/after snapshots: secrets removed, then
// flattened into "field: before → after" lines. Pure (no I/O), unit-tested, and applied on
// the server (lib/data/audit-trail.ts) before anything reaches the page.
//
// THE REDACTION RULE. The audit page is ADMIN-only, and an ADMIN may read restricted notes
// and confidential sources, so those are shown (and flagged as restricted). What is never
// shown, to anyone, is credential material, should any ever be written into a snapshot:
//   1. a value under a key whose name contains one of the words in SECRET_WORDS (password,
//      secret, token, hash, salt, otp, cookie, ...) or names a private/api/encryption/signing
//      key, unless the value is a number, a boolean or null (a count, a flag, a step) or the
//      key is a timestamp (its last word is "at": passwordChangedAt, totpEnabledAt);
//   2. any string that looks like a password hash in crypt format ($argon2id$..., $2b$...,
//      $scrypt$..., $pbkdf2...$), an otpauth:// URI (a TOTP secret) or a JSON Web Token,
//      whatever its key.
// A redacted value is replaced by REDACTED; the stored entry (and its hash) is untouched.

export const REDACTED = "[redacted]";

const SECRET_WORDS = new Set([
  "password",
  "passwords",
  "passwd",
  "passphrase",
  "pwd",
  "secret",
  "secrets",
  "token",
  "tokens",
  "salt",
  "otp",
  "totp",
  "hotp",
  "cookie",
  "cookies",
  "authorization",
  "credential",
  "credentials",
  "hash",
  "hashes",
]);
const KEY_QUALIFIERS = new Set(["private", "api", "encryption", "signing", "secret"]);

const SECRET_VALUE = [
  /^\$(argon2(id|i|d)?|2[abxy]?|scrypt|pbkdf2[-\w]*|[156]|sha(256|512)-crypt|y|gy|7)\$/i,
  /^otpauth:\/\//i,
  /^eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*$/,
];

/** "inviteTokenHash" → ["invite", "token", "hash"]; "totp_secret_enc" → ["totp", "secret", "enc"]. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_\-.]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Rule 1: does this key name credential material (for a value that is not a plain fact)? */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  if (words.length === 0 || words[words.length - 1] === "at") return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  return words.some((w, i) => (w === "key" || w === "keys") && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!)) || words.includes("apikey");
}

/** Rule 2: does this string look like a password hash, a TOTP URI or a token, whatever its key? */
export function isSecretValue(value: string): boolean {
  return SECRET_VALUE.some((re) => re.test(value.trim()));
}

/** A copy of a snapshot with credential material replaced by REDACTED (the rule above). */
export function redactSecrets(value: unknown): unknown {
  if (typeof value === "string") return isSecretValue(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const fact = v === null || typeof v === "number" || typeof v === "boolean";
      out[k] = isSecretKey(k) && !fact ? REDACTED : redactSecrets(v);
    }
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Readable differences
// ---------------------------------------------------------------------------------------

export interface AuditChange {
  /** Dotted path into the snapshot ("name", "filters.city"). */
  field: string;
  before: string | null;
  after: string | null;
  /** A restricted note or a list holding a confidential source: shown to ADMINs, flagged. */
  restricted: boolean;
}

/** Nested objects are flattened this deep; deeper values are shown as compact JSON. */
const MAX_DEPTH = 3;
/** Longer values are cut (the full value stays in the database and in backups). */
export const MAX_VALUE_LENGTH = 600;

function clip(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

function inline(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(inline).join("; ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${k}: ${inline(v)}`).join(", ")}}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const hasConfidential = (v: unknown): boolean => Array.isArray(v) && v.some((item) => isRecord(item) && item.confidential === true);

interface Flat {
  value: string | null;
  restricted: boolean;
}

function flatten(value: unknown, path: string, depth: number, out: Map<string, Flat>): void {
  if (isRecord(value) && depth < MAX_DEPTH && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, depth + 1, out);
    return;
  }
  const restricted = path.split(".").includes("restrictedNotes") || hasConfidential(value);
  if (value === null || value === undefined || value === "") out.set(path, { value: null, restricted });
  else if (Array.isArray(value)) out.set(path, { value: value.length ? clip(value.map(inline).join("; ")) : null, restricted });
  else out.set(path, { value: clip(inline(value)), restricted });
}

/** A snapshot as field → display value; a non-object snapshot becomes the single field "value". */
export function flattenSnapshot(snapshot: unknown): Map<string, Flat> {
  const out = new Map<string, Flat>();
  if (snapshot === null || snapshot === undefined) return out;
  flatten(isRecord(snapshot) ? snapshot : { value: snapshot }, "", 0, out);
  return out;
}

/**
 * Every field whose display value differs between before and after, in the snapshots'
 * order. An entry with only "after" (a creation, a sign-in) lists every field it holds.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = flattenSnapshot(before);
  const a = flattenSnapshot(after);
  const changes: AuditChange[] = [];
  for (const field of new Set([...b.keys(), ...a.keys()])) {
    const from = b.get(field);
    const to = a.get(field);
    if ((from?.value ?? null) === (to?.value ?? null)) continue;
    changes.push({ field, before: from?.value ?? null, after: to?.value ?? null, restricted: !!(from?.restricted || to?.restricted) });
  }
  return changes;
}

// ---------------------------------------------------------------------------------------
// Links to the audited record
// ---------------------------------------------------------------------------------------

/** Entity types the trail can link to, and the page that shows each (events: their case). */
export function recordHref(entityType: string | null, entityId: string | null, eventCaseId?: string | null): string | null {
  if (!entityType || !entityId) return null;
  const id = encodeURIComponent(entityId);
  switch (entityType) {
    case "person":
      return `/people/${id}`;
    case "case":
      return `/cases/${id}`;
    case "incident":
      return `/incidents/${id}`;
    case "source":
      return `/sources/${id}`;
    case "event":
      return eventCaseId ? `/cases/${encodeURIComponent(eventCaseId)}` : null;
    default:
      return null;
  }
}
