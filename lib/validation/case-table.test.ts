import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CASE_COLUMNS,
  EMPTY_CASE_TABLE_PARAMS,
  caseTableHref,
  parseCaseTableApiParams,
  parseCaseTableParams,
  parseSort,
  type CaseTableParams,
} from "./case-table";

const qs = (s: string) => new URLSearchParams(s);

describe("parseSort", () => {
  it("reads keys in order, '-' meaning descending", () => {
    expect(parseSort("-arrestDate,person")).toEqual({
      ok: true,
      sort: [
        { key: "arrestDate", desc: true },
        { key: "person", desc: false },
      ],
    });
  });

  it("refuses unknown columns, repeated columns and more than three keys", () => {
    expect(parseSort("name")).toMatchObject({ ok: false, reason: expect.stringContaining('"name" is not sortable') });
    expect(parseSort("person,-person")).toMatchObject({ ok: false, reason: expect.stringContaining("twice") });
    expect(parseSort("person,city,status,updatedAt")).toMatchObject({ ok: false, reason: expect.stringContaining("at most 3") });
    // Column names are never SQL: anything outside the whitelist is refused.
    expect(parseSort("person; DROP TABLE cases").ok).toBe(false);
    expect(parseSort("(select 1)").ok).toBe(false);
  });
});

describe("parseCaseTableParams (the page: lenient)", () => {
  it("reads filters, sort, page, page size and columns", () => {
    const p = parseCaseTableParams(qs("q=Fatma&status=DETAINED&status=IMPRISONED&city=Tabriz&sort=-effectiveLashes&page=3&pageSize=50&cols=person,status"));
    expect(p).toEqual({
      filters: { q: "Fatma", status: ["DETAINED", "IMPRISONED"], city: "Tabriz" },
      sort: [{ key: "effectiveLashes", desc: true }],
      page: 3,
      pageSize: 50,
      columns: ["person", "status"],
    });
  });

  it("falls back to the defaults for invalid parts instead of failing", () => {
    const p = parseCaseTableParams(qs("status=NOPE&sort=drop&page=-1&pageSize=7&cols=person,bogus&arrestFrom=2020-02-30"));
    expect(p).toEqual({ filters: {}, sort: null, page: 1, pageSize: 25, columns: ["person"] });
  });

  it("accepts the record form Next.js gives a page", () => {
    expect(parseCaseTableParams({ status: ["RELEASED"], page: "2" })).toMatchObject({ filters: { status: ["RELEASED"] }, page: 2 });
  });
});

describe("parseCaseTableApiParams (the JSON API: strict)", () => {
  it("accepts a valid query", () => {
    const r = parseCaseTableApiParams(qs("q=Ali&status=DETAINED&page=2&pageSize=10&sort=person,-arrestDate"));
    expect(r).toEqual({
      ok: true,
      value: {
        filters: { q: "Ali", status: ["DETAINED"] },
        sort: [
          { key: "person", desc: false },
          { key: "arrestDate", desc: true },
        ],
        page: 2,
        pageSize: 10,
        columns: null,
      },
    });
  });

  it.each([
    ["status=FREE", "status"],
    ["page=0", "page"],
    ["page=abc", "page"],
    ["pageSize=1000", "pageSize"],
    ["sort=password", "sort"],
    ["role=ADMIN", "role"],
    ["city=a&city=b", "city"],
    ["arrestFrom=2020-13-01", "arrestFrom"],
    ["q=", "q"],
    [`q=${"x".repeat(201)}`, "q"],
  ])("refuses %s naming the field", (query, field) => {
    const r = parseCaseTableApiParams(qs(query));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toContain(field);
  });

  it("never throws, whatever the query string", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 8 }), (pairs) => {
        const r = parseCaseTableApiParams(new URLSearchParams(pairs));
        return r.ok || r.problems.length > 0;
      }),
    );
  });
});

describe("caseTableHref", () => {
  it("is /cases for the default view", () => {
    expect(caseTableHref(EMPTY_CASE_TABLE_PARAMS)).toBe("/cases");
    expect(caseTableHref({ ...EMPTY_CASE_TABLE_PARAMS, columns: [...DEFAULT_CASE_COLUMNS] })).toBe("/cases");
  });

  it("round-trips through the page's reader", () => {
    const params: CaseTableParams = {
      filters: { q: "فاطمه", status: ["SENTENCED", "IMPRISONED"], lashes: "true", arrestFrom: "2020-07-01" },
      sort: [
        { key: "effectivePrisonDays", desc: true },
        { key: "person", desc: false },
      ],
      page: 4,
      pageSize: 100,
      columns: ["person", "status", "charges"],
    };
    const href = caseTableHref(params);
    expect(href.startsWith("/cases?")).toBe(true);
    expect(parseCaseTableParams(new URLSearchParams(href.slice("/cases?".length)))).toEqual(params);
  });
});
