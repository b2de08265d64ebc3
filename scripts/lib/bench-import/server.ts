// The real app for the import benchmark: `npm start`'s own script (scripts/start.ts) on a
// fresh data directory (embedded PostgreSQL with the demo data), a production build, a free
// port; and a signed-in session, obtained the way the sign-in page obtains one.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface RunningApp {
  url: string;
  log: string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(url: string, app: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`The app exited during start-up (code ${app.exitCode})`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The app did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
}

/** Starts the app (building it first into `distDir` when its sources changed). */
export async function startApp(root: string, distDir: string): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tracker-bench-import-"));
  const port = await freePort();
  const log = path.join(dataDir, "server.log");
  const out = createWriteStream(log);
  const app = spawn(
    process.execPath,
    [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "scripts", "start.ts"), "--data-dir", dataDir],
    {
      cwd: root,
      env: { ...process.env, PORT: String(port), NEXT_DIST_DIR: distDir, DATABASE_URL: "", AUTH_SECRET: "bench-import-secret-bench-import-secret-0123" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  app.stdout!.pipe(out);
  app.stderr!.pipe(out);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (app.exitCode === null) {
      const exited = new Promise((r) => app.once("exit", r));
      app.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (app.exitCode === null) app.kill("SIGKILL");
    }
    out.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // A first build takes several minutes on a busy 2-core machine.
    await waitForHealth(url, app, 900_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, log, stop };
}

/** Signs in with email and password through next-auth's credentials endpoint: the Cookie header of the session. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`Sign-in as ${email} failed (${res.status})`);
  return cookie();
}
