// multipart/form-data read from a body in memory (lib/upload/multipart.ts): the same parts
// Response.formData() finds in what browsers, Playwright and curl send, the bytes untouched
// across the pieces busboy is given;
// malformed bodies refused.
import { describe, expect, it } from "vitest";
import { isMultipart, readMultipart } from "@/lib/upload/multipart";

async function encoded(form: FormData): Promise<{ body: Uint8Array; type: string }> {
  const response = new Response(form);
  return { body: new Uint8Array(await response.arrayBuffer()), type: response.headers.get("content-type") ?? "" };
}

describe("isMultipart", () => {
  it("takes multipart/form-data with a boundary, plain or quoted, and nothing else", () => {
    expect(isMultipart("multipart/form-data; boundary=----abc123")).toBe(true);
    expect(isMultipart('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe(true);
    expect(isMultipart("multipart/form-data")).toBe(false);
    expect(isMultipart("text/csv; boundary=x")).toBe(false);
  });
});

describe("readMultipart", () => {
  it("finds the file and the fields of a FormData body, byte for byte", async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,b\r\n"x\r\n--y",ش\r\n'), 0, 255]);
    const form = new FormData();
    form.set("dryRun", "1");
    form.set("file", new File([bytes], 'sheet "2024".csv', { type: "text/csv" }));
    const { body, type } = await encoded(form);
    const parts = await readMultipart(body, type);
    expect(parts?.map((p) => [p.name, p.fileName])).toEqual([
      ["dryRun", null],
      ["file", "sheet %222024%22.csv"],
    ]);
    expect(new TextDecoder().decode(parts![0]!.bytes)).toBe("1");
    expect(Array.from(parts![1]!.bytes)).toEqual(Array.from(bytes));
  });

  it("reads an empty file and a body written by hand (curl -F), quoted names and all", async () => {
    const text =
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--XyZ\r\ncontent-disposition: form-data; name=dryRun\r\n\r\ntrue\r\n--XyZ--\r\n';
    const parts = await readMultipart(new TextEncoder().encode(text), "multipart/form-data; boundary=XyZ");
    expect(parts?.map((p) => [p.name, p.fileName, p.bytes.byteLength])).toEqual([
      ["file", "", 0],
      ["dryRun", null, 4],
    ]);
  });

  it("keeps a 20 MB file whole across the pieces it is read in", async () => {
    const bytes = new Uint8Array(20 * 1024 * 1024 + 7).map((_, i) => (i * 31) % 251);
    const form = new FormData();
    form.set("file", new File([bytes], "big.csv"));
    const { body, type } = await encoded(form);
    const [file] = (await readMultipart(body, type))!;
    expect(file!.bytes.byteLength).toBe(bytes.byteLength);
    expect(Buffer.compare(Buffer.from(file!.bytes), Buffer.from(bytes))).toBe(0);
  });

  it("refuses bodies that are not multipart for that boundary", async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const x = "multipart/form-data; boundary=x";
    expect(await readMultipart(enc("person_key,case_key\n"), x)).toBeNull();
    expect(await readMultipart(enc('--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nno closing delimiter'), x)).toBeNull();
    expect(await readMultipart(enc('--x\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\n' + "1".repeat(70_000) + "\r\n--x--"), x)).toBeNull();
    expect(await readMultipart(enc("a"), "text/csv")).toBeNull();
    expect(await readMultipart(enc(`${'--x\r\nContent-Disposition: form-data; name="f"\r\n\r\nv\r\n'.repeat(101)}--x--`), x)).toBeNull();
  });
});
