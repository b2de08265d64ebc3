// A process that used the embedded PostgreSQL must keep its own exit code: the package's
// exit hook would otherwise exit 0 and hide every failing test run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("keeps a failing exit code after starting and stopping the embedded database", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "exit-code-"));
  try {
    const script = path.join(dir, "probe.ts");
    writeFileSync(
      script,
      `import { startEmbeddedDb } from ${JSON.stringify(path.resolve("scripts/lib/embedded-db.ts"))};
       (async () => {
         const db = await startEmbeddedDb({ rootDir: ${JSON.stringify(path.join(dir, "pg"))}, database: "x", quiet: true });
         await db.stop();
         process.exitCode = 3;
       })();`,
    );
    const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
    const result = spawnSync(process.execPath, [tsx, script], { encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
