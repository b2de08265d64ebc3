import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStatsQuery } from "./stats-query";

const parse = (qs: string) => parseStatsQuery(new URLSearchParams(qs));

describe("GET /api/stats query", () => {
  it("accepts the shared filters, lists as repeated keys", () => {
    expect(parse("city=Tabriz&arrestFrom=2020-10-01&status=DETAINED&status=IMPRISONED&sentence=firstInstance")).toEqual({
      ok: true,
      filters: { city: "Tabriz", arrestFrom: "2020-10-01", status: ["DETAINED", "IMPRISONED"], sentence: "firstInstance" },
    });
    expect(parse("")).toEqual({ ok: true, filters: {} });
    expect(parse("city=")).toEqual({ ok: true, filters: {} });
  });

  it("names the parameter of every problem", () => {
    expect(parse("arrestFrom=2020-13-01")).toMatchObject({ ok: false, field: "arrestFrom" });
    expect(parse("gender=robot")).toMatchObject({ ok: false, field: "gender" });
    expect(parse("status=DETAINED&status=NOPE")).toMatchObject({ ok: false, field: "status" });
    expect(parse("lashesMin=-1")).toMatchObject({ ok: false, field: "lashesMin" });
    expect(parse("role=ADMIN")).toMatchObject({ ok: false, field: "role", message: "unknown filter" });
    expect(parse("city=Tabriz&city=Urmia")).toMatchObject({ ok: false, field: "city" });
    expect(parse("q=Ali")).toMatchObject({ ok: false, field: "q" });
  });

  it("never throws, whatever the query string", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom("city", "status", "arrestFrom", "__proto__", "constructor"), fc.string()), fc.string())),
        (pairs) => {
          const params = new URLSearchParams();
          for (const [k, v] of pairs) params.append(k, v);
          expect(() => parseStatsQuery(params)).not.toThrow();
        },
      ),
    );
  });
});
