import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeName } from "./normalize-name";

describe("normalizeName: Latin script", () => {
  it("folds case and collapses whitespace", () => {
    expect(normalizeName("  Fatma   IBRAHIMZADE\t")).toBe("fatma ibrahimzade");
    expect(normalizeName("Huseyn\nMohammadiya")).toBe("huseyn mohammadiya");
  });

  it("removes diacritics, including precomposed and combining forms", () => {
    expect(normalizeName("Hüseyn Məmmədli")).toBe("huseyn mammadli");
    expect(normalizeName("Aydın Hilali")).toBe("aydin hilali");
    expect(normalizeName("Fátima")).toBe("fatima");
    expect(normalizeName("Fa\u0301tima")).toBe("fatima"); // a + combining acute
    expect(normalizeName("İbrahim")).toBe("ibrahim");
  });

  it("spells Azerbaijani letters the way English-language reports do", () => {
    expect(normalizeName("Şahruz Ağayi")).toBe("shahruz aghayi");
    expect(normalizeName("Çiçək")).toBe("chichak");
    expect(normalizeName("ŞAHRUZ")).toBe("shahruz");
    // A decomposed ş (s + combining cedilla) is the same letter.
    expect(normalizeName("s\u0327ahruz")).toBe("shahruz");
  });

  it("turns compatibility forms into plain letters (ligatures, full-width)", () => {
    expect(normalizeName("ﬁruz")).toBe("firuz");
    expect(normalizeName("Ａｌｉ")).toBe("ali");
  });
});

describe("normalizeName: Perso-Arabic script", () => {
  it("unifies Arabic yeh and alef maksura with Persian yeh, Arabic kaf with keheh", () => {
    expect(normalizeName("علي")).toBe("علی");
    expect(normalizeName("مصطفى")).toBe("مصطفی");
    expect(normalizeName("كريمي")).toBe("کریمی");
    expect(normalizeName("علي كريمي")).toBe(normalizeName("علی کریمی"));
  });

  it("writes teh marbuta and heh with yeh above as heh", () => {
    expect(normalizeName("فاطمة")).toBe("فاطمه");
    expect(normalizeName("خانۀ")).toBe("خانه");
  });

  it("writes alef with hamza or madda as bare alef, and removes vowel signs", () => {
    expect(normalizeName("أحمد")).toBe("احمد");
    expect(normalizeName("إبراهیم")).toBe("ابراهیم");
    expect(normalizeName("آزاد")).toBe("ازاد");
    expect(normalizeName("مُحَمَّد")).toBe("محمد");
  });

  it("converts Persian and Arabic-Indic digits to ASCII", () => {
    expect(normalizeName("بند ۱۲۳")).toBe("بند 123");
    expect(normalizeName("٢٠٢٠")).toBe("2020");
  });

  it("removes tatweel", () => {
    expect(normalizeName("محــمد")).toBe("محمد");
  });
});

describe("normalizeName: invisible characters", () => {
  it("removes zero-width space, non-joiner and joiner", () => {
    expect(normalizeName("ابراهیم\u200cزاده")).toBe("ابراهیمزاده");
    expect(normalizeName("Fat\u200bma")).toBe("fatma");
    expect(normalizeName("Fat\u200dma")).toBe("fatma");
  });

  it("removes direction marks, embeddings, overrides and isolates, and a byte-order mark", () => {
    expect(normalizeName("\u200fعلی\u200e")).toBe("علی");
    expect(normalizeName("\u202bعلی\u202c")).toBe("علی");
    expect(normalizeName("\u202eilA\u202c")).toBe("ila");
    expect(normalizeName("\u2067علی\u2069")).toBe("علی");
    expect(normalizeName("\ufeffAli")).toBe("ali");
    expect(normalizeName("Ali\u061c")).toBe("ali");
  });

  it("turns no-break and typographic spaces into one space", () => {
    expect(normalizeName("Fatma\u00a0\u2003Ibrahimzade")).toBe("fatma ibrahimzade");
  });

  it("leaves nothing of a name made only of invisible characters", () => {
    expect(normalizeName("\u200b\u200c\u200f \u0640")).toBe("");
  });
});

describe("normalizeName: properties", () => {
  const alphabet = fc.constantFrom(
    ..."aAzZıİəƏşŞçÇğĞüÜöÖéÉ ".split(""),
    ..."ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيىكةۀأإآؤئ".split(""),
    "\u064b",
    "\u0640",
    "\u200b",
    "\u200c",
    "\u200f",
    "\u202e",
    "\u00a0",
    "۱",
    "٢",
    "\t",
  );
  const names = fc.array(alphabet, { maxLength: 30 }).map((chars) => chars.join(""));

  it("is idempotent", () => {
    fc.assert(fc.property(names, (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
    fc.assert(fc.property(fc.string(), (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
  });

  it("never leaves invisible characters, tatweel, Arabic variants, Eastern digits or double spaces", () => {
    fc.assert(
      fc.property(names, (s) => {
        const n = normalizeName(s);
        return !/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640\u064a\u0649\u0643\u0629\u06f0-\u06f9\u0660-\u0669]|\s\s|^\s|\s$/.test(n);
      }),
    );
  });

  it("never throws on any string", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => typeof normalizeName(s) === "string"));
  });
});
