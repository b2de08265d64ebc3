// npm start — runs the tracker.
//
// Without DATABASE_URL: starts an embedded PostgreSQL (data in .data/, reused on the next
// start), migrates it, loads the demo data and demo accounts on first start, builds the
// app when its sources changed, and serves it on PORT (default 3000).
// With DATABASE_URL (production): migrates that database and serves it; nothing embedded,
// no demo accounts (load them on request with `npm run db:seed -- --demo`).
//
// Ctrl-C stops the app and then the database cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedDb, type EmbeddedDb } from "./lib/embedded-db";
import { migrate } from "./lib/migrate";
import { DEFAULT_HEAP_MB, heapFlag, serverHeapMb } from "./lib/server-heap";
import { sourceHash } from "./lib/source-hash";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    "data-dir": { type: "string" },
  },
});

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number, got "${process.env.PORT}"`);
let heapMb = DEFAULT_HEAP_MB;
try {
  heapMb = serverHeapMb();
} catch (error) {
  fail((error as Error).message);
}
const demoPassword = process.env.DEMO_PASSWORD ?? "tracker-demo-2026";
const started = Date.now();

let embedded: EmbeddedDb | undefined;
let app: ChildProcess | undefined;
let stopping = false;

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(commandArgs[0] ?? command)} exited with code ${code}`))));
  });
}

function tsx(script: string, scriptArgs: string[], env: NodeJS.ProcessEnv) {
  const cli = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  return run(process.execPath, [cli, "--conditions=react-server", script, ...scriptArgs], env);
}

function nextBin(...nextArgs: string[]): string[] {
  return [path.join(root, "node_modules", "next", "dist", "bin", "next"), ...nextArgs];
}

async function countUsers(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM users")).rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

function readOrCreateAuthSecret(dir: string): string {
  const file = path.join(dir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The key for two-factor secrets at rest, generated once per data directory like the auth secret. */
function readOrCreateTotpKey(dir: string): string {
  const file = path.join(dir, "totp-key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const key = randomBytes(32).toString("base64url");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** The audit trail's key (AUDIT_KEY), generated once per data directory like the others. */
function readOrCreateAuditKey(dir: string): string {
  const file = path.join(dir, "audit-key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const key = randomBytes(32).toString("base64url");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");

/** One build at a time per build directory (two starts at once would corrupt it). */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = `${distDir}.build-lock`;
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 600_000) throw new Error(`Another build holds ${lock}; remove it if no build is running`);
      if (waited === 0) console.log("Waiting for another build of the app to finish ...");
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  await withBuildLock(async () => {
    const stamp = path.join(distDir, "source-hash");
    const hash = sourceHash(root);
    if (existsSync(path.join(distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
    console.log("Building the app (first start or changed sources; this takes a minute) ...");
    await run(process.execPath, nextBin("build"), { ...env, NODE_ENV: "production" });
    writeFileSync(stamp, hash);
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app?.exitCode !== null && app?.exitCode !== undefined) throw new Error("The app exited during start-up");
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The app did not answer ${url} within ${timeoutMs / 1000} s`);
}

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise(() => {}) as Promise<never>;
  stopping = true;
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app?.once("exit", r));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (app.exitCode === null) app.kill("SIGKILL");
  }
  if (embedded) {
    await embedded.stop().catch(() => {});
    console.log("Embedded PostgreSQL stopped.");
  }
  process.exit(code);
}

async function main() {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  let databaseUrl = process.env.DATABASE_URL;
  let authSecret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  let totpKey = process.env.TOTP_ENCRYPTION_KEY;
  let auditKey = process.env.AUDIT_KEY || undefined;
  let checkpointDir = process.env.AUDIT_CHECKPOINT_DIR || undefined;
  const demo = !databaseUrl;

  if (demo) {
    const dataDir = path.resolve(args["data-dir"] ?? process.env.TRACKER_DATA_DIR ?? path.join(root, ".data"));
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    authSecret ??= readOrCreateAuthSecret(dataDir);
    totpKey ??= readOrCreateTotpKey(dataDir);
    auditKey ??= readOrCreateAuditKey(dataDir);
    checkpointDir ??= path.join(dataDir, "audit-checkpoints");
    embedded = await startEmbeddedDb({ rootDir: path.join(dataDir, "postgres"), database: "tracker" });
    databaseUrl = embedded.url;
    // For tools on this machine (tests' fixtures, psql): how to reach the running database.
    writeFileSync(path.join(dataDir, "runtime.json"), JSON.stringify({ databaseUrl, port: embedded.port }), { mode: 0o600 });
    console.log(`Embedded PostgreSQL listening on 127.0.0.1:${embedded.port} (data in ${path.relative(root, dataDir) || dataDir})`);
  } else if (!authSecret || authSecret.length < 32) {
    fail("Set AUTH_SECRET (or NEXTAUTH_SECRET) to a random string of at least 32 characters, e.g. `openssl rand -base64 32`.");
  } else if (!totpKey) {
    fail("Set TOTP_ENCRYPTION_KEY (it encrypts two-factor secrets; keep it with your backups, apart from the database), e.g. `openssl rand -base64 32`.");
  } else if (!auditKey) {
    fail(
      "Set AUDIT_KEY (it keys the audit trail's hash chain and signs its checkpoints; keep it apart from the database and its backups), e.g. `openssl rand -base64 32`.",
    );
  }
  checkpointDir = path.resolve(checkpointDir ?? path.join(process.env.TRACKER_DATA_DIR || ".data", "audit-checkpoints"));
  mkdirSync(checkpointDir, { recursive: true, mode: 0o700 });

  const applied = await migrate(databaseUrl!, { log: (line) => console.log(line) });
  if (!applied.length) console.log("Database schema is up to date.");

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    TOTP_ENCRYPTION_KEY: totpKey,
    AUDIT_KEY: auditKey,
    AUDIT_CHECKPOINT_DIR: checkpointDir,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    DEMO_PASSWORD: demoPassword,
  };

  if (demo && (await countUsers(databaseUrl!)) === 0) {
    console.log("First start: loading the demo data and demo accounts ...");
    await tsx(path.join(root, "scripts", "seed.ts"), ["--demo"], env);
  }

  if (!args["no-build"]) await buildIfNeeded(env);

  const host = process.env.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0");
  // scripts/serve.mjs serves the build as `next start` would, and sets the client address
  // from the connection unless TRUST_PROXY trusts reverse proxies (see the file).
  app = spawn(process.execPath, [heapFlag(heapMb), path.join(root, "scripts", "serve.mjs"), "-p", String(port), "-H", host], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...env, NODE_ENV: "production" },
  });
  app.on("exit", (code) => {
    if (!stopping) {
      console.error(`The app stopped (exit code ${code}).`);
      void shutdown(code ?? 1);
    }
  });

  await waitForHealth(`http://127.0.0.1:${port}/api/health`, 120_000);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n  Case tracker ready at http://localhost:${port}  (started in ${seconds} s)`);
  if (demo) {
    console.log("\n  Demo accounts (password: " + (process.env.DEMO_PASSWORD ? "$DEMO_PASSWORD" : demoPassword) + "):");
    console.log("    admin@demo.local   ADMIN   manages accounts, reads the audit trail");
    console.log("    editor@demo.local  EDITOR  records cases");
    console.log("    viewer@demo.local  VIEWER  reads records and charts");
    console.log("\n  Ctrl-C stops the app and the embedded database.\n");
  }
}

main().catch(async (err: Error) => {
  console.error(`\n✖ ${err.message}\n`);
  await shutdown(1);
});
