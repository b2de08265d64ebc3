// The documented upload limits hold end to end, on the production server: a CSV up to 20 MB
// and an exchange file up to 256 MB are processed (Next.js's proxy used to cut every body at
// 10 MB, so a 13 MB file was answered 400 "could not be read"), and 1 MB past either limit
// is answered 413 naming the limit, whether the size is declared (Content-Length) or only
// known from the bytes received (chunked). The bodies are built in memory and sent with
// Node's own HTTP client (the browser's cookies), the large ones without copies.
import { expect, test, type Page } from "@playwright/test";
import { request as httpRequest } from "node:http";
import { signIn } from "./fixtures";
import { expectSecurityHeaders } from "./security-helpers";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const MB = 1024 * 1024;
const CSV_LIMIT = 20 * MB;
const EXCHANGE_LIMIT = 256 * MB;
const BOUNDARY = "----tracker-e2e-upload-limits";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * POSTs `body` to the test server: with a Content-Length, or chunked (no length declared:
 * the server can only count what arrives). Large buffers are written in 1 MB slices of the
 * same memory.
 */
function post(url: string, body: Buffer, { headers, chunked = false }: { headers: Record<string, string>; chunked?: boolean }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: { ...headers, ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(body.byteLength) }) } },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    void (async () => {
      for (let at = 0; at < body.byteLength; at += MB) {
        if (!req.write(body.subarray(at, at + MB))) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })();
  });
}

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** A multipart/form-data body holding one file of exactly `fileBytes` bytes: `head`, then blank lines. */
function csvUpload(fileBytes: number, head: string): Buffer {
  const open = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="large.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const close = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const body = Buffer.alloc(open.byteLength + fileBytes + close.byteLength, "\r\n");
  open.copy(body, 0);
  body.write(head, open.byteLength);
  close.copy(body, open.byteLength + fileBytes);
  return body;
}

/**
 * A JSON body of exactly `bytes` bytes: spaces (JSON allows any amount of them), then `json`
 * at the very end, so that a body cut short anywhere is not JSON at all.
 */
function paddedJson(json: string, bytes: number): Buffer {
  const body = Buffer.alloc(bytes, " ");
  body.write(json, bytes - Buffer.byteLength(json));
  return body;
}

/** The security headers proxy.ts sets elsewhere: the upload routes, which it does not run on, set them themselves. */
function expectHeaders(answer: Answer): void {
  expect(answer.headers["content-security-policy"]).toContain("default-src 'self'");
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  expect(answer.headers["cache-control"]).toContain("no-store");
}

const CSV_HEAD =
  "person_key,case_key,event_key,person_name,event_type,event_date,source_keys\r\np-upload-limit,c-upload-limit,arrest,Upload Limit,arrest,16/07/2020,src-doc-000\r\n";

test("CSV import: 19 MB is checked (the dry run names the problem row), 21 MB is refused 413 naming 20 MB, declared or chunked", async ({ page, baseURL }) => {
  await signIn(page, "EDITOR");
  const headers = { cookie: await cookieHeader(page), "content-type": `multipart/form-data; boundary=${BOUNDARY}` };

  const under = csvUpload(CSV_LIMIT - MB, CSV_HEAD);
  for (const chunked of [false, true]) {
    const answer = await post(`${baseURL}/api/import?dryRun=1`, under, { headers, chunked });
    expect(answer.status, answer.body.slice(0, 300)).toBe(200);
    const result = JSON.parse(answer.body) as { dryRun: boolean; rowCount: number; errors: { row: number; column: string; reason: string }[] };
    expect(result.dryRun).toBe(true);
    expect(result.rowCount).toBe(1);
    expect(result.errors).toEqual([
      { row: 2, column: "event_date", reason: expect.stringMatching(/"16\/07\/2020" is not written YYYY, YYYY-MM or YYYY-MM-DD/) },
    ]);
    expectHeaders(answer);
  }

  const over = csvUpload(CSV_LIMIT + MB, CSV_HEAD);
  for (const chunked of [false, true]) {
    const answer = await post(`${baseURL}/api/import?dryRun=1`, over, { headers, chunked });
    expect(answer.status, answer.body.slice(0, 300)).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: expect.stringMatching(/larger than 20 MB/),
      errors: [{ row: null, column: null, reason: expect.stringMatching(/larger than 20 MB/) }],
    });
    expectHeaders(answer);
  }
});

test("exchange import: 255 MB is read and checked (refused for a non-empty installation), 257 MB is refused 413 naming 256 MB", async ({ page, baseURL }) => {
  await signIn(page, "ADMIN");
  // This installation's own export: a valid file, which this server (holding the demo data) refuses as not empty.
  const exported = await page.request.get("/api/exchange/export");
  expect(exported.status()).toBe(200);
  const file = await exported.text();
  const headers = { cookie: await cookieHeader(page), "content-type": "application/json" };

  const under = await post(`${baseURL}/api/exchange/import?dryRun=1`, paddedJson(file, EXCHANGE_LIMIT - MB), { headers });
  expect(under.status, under.body.slice(0, 300)).toBe(409);
  expect(JSON.parse(under.body)).toMatchObject({ reason: "notEmpty" });
  expectHeaders(under);

  // The same size with a problem: the answer names it.
  const invalid = await post(`${baseURL}/api/exchange/import?dryRun=1`, paddedJson(JSON.stringify({ ...JSON.parse(file), version: 9 }), EXCHANGE_LIMIT - MB), {
    headers,
    chunked: true,
  });
  expect(invalid.status, invalid.body.slice(0, 300)).toBe(400);
  expect(JSON.parse(invalid.body)).toMatchObject({ reason: "invalid", problems: [{ record: "document", field: "version" }] });

  const over = paddedJson(file, EXCHANGE_LIMIT + MB);
  for (const chunked of [false, true]) {
    const answer = await post(`${baseURL}/api/exchange/import?dryRun=1`, over, { headers, chunked });
    expect(answer.status, answer.body.slice(0, 300)).toBe(413);
    expect(JSON.parse(answer.body).error).toMatch(/larger than 256 MB/);
    expectHeaders(answer);
  }
});

test("the upload routes' other answers carry the security headers too", async ({ request }) => {
  const csv = await request.post("/api/import", { multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("person_key\n") } } });
  expect(csv.status()).toBe(401);
  await expectSecurityHeaders(csv);
  const exchange = await request.post("/api/exchange/import", { data: "{}", headers: { "content-type": "application/json" } });
  expect(exchange.status()).toBe(401);
  await expectSecurityHeaders(exchange);
});
