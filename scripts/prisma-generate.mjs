// Generates the Prisma client (lib/generated/prisma) after `npm install`.
// `prisma generate` does not need Prisma's native schema engine, but the CLI tries to
// download it first; pointing it at any existing file skips that download.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync("/bin/false") ? "/bin/false" : process.execPath;
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { stdio: "inherit", env });
