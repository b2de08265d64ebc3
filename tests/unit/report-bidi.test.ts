// Visual order of mixed right-to-left / left-to-right lines for the PDF renderer.
import { describe, expect, it } from "vitest";
import { analyseParagraph, paragraphDirection, visualRuns } from "@/lib/report/bidi";

const runs = (text: string, direction: "auto" | "ltr" | "rtl" = "auto") => {
  const p = analyseParagraph(text, direction);
  return visualRuns(p, 0, text.length);
};

describe("paragraphDirection", () => {
  it("follows the first strong character, like dir=auto", () => {
    expect(paragraphDirection("Kovsar Nemati")).toBe("ltr");
    expect(paragraphDirection("کوثر نعمتی")).toBe("rtl");
    expect(paragraphDirection("2020: کوثر")).toBe("rtl");
    expect(paragraphDirection("123")).toBe("ltr");
  });
});

describe("visualRuns", () => {
  it("keeps a left-to-right line as one run", () => {
    expect(runs("Arrested on 18 Oct 2020")).toEqual([{ text: "Arrested on 18 Oct 2020", rtl: false }]);
  });

  it("hands a Perso-Arabic phrase to the font engine whole and in logical order (it shapes and reverses it)", () => {
    expect(runs("Also spelled: کوثر نعمتی (Perso-Arabic script)")).toEqual([
      { text: "Also spelled: ", rtl: false },
      { text: "کوثر نعمتی", rtl: true },
      { text: " (Perso-Arabic script)", rtl: false },
    ]);
  });

  it("lays the runs of a right-to-left paragraph out from the right", () => {
    // Left to right on the page: the last Persian word, the Latin word, the first words.
    expect(runs("بازداشت در Tabriz شد")).toEqual([
      { text: " شد", rtl: true },
      { text: "Tabriz", rtl: false },
      { text: "بازداشت در ", rtl: true },
    ]);
  });

  it("keeps digits inside right-to-left text in reading order", () => {
    expect(runs("تاریخ 2020 بود")).toEqual([
      { text: " بود", rtl: true },
      { text: "2020", rtl: false },
      { text: "تاریخ ", rtl: true },
    ]);
  });

  it("reverses Persian digits for the font engine, which would otherwise reverse them", () => {
    // In a left-to-right line they follow the Latin text's run and its script.
    expect(runs("Date as written: ۱۳۹۹/۰۷/۲۷")).toEqual([{ text: "Date as written: ۱۳۹۹/۰۷/۲۷", rtl: false }]);
    // Alone in a run, fontkit would take "۱۳۹۹" as Arabic script and lay it out right to
    // left: it gets the digits reversed, and so draws them in reading order.
    expect(runs("تاریخ ۱۳۹۹ بود")).toEqual([
      { text: " بود", rtl: true },
      { text: "۹۹۳۱", rtl: false },
      { text: "تاریخ ", rtl: true },
    ]);
  });

  it("reorders only the given line of a wrapped paragraph", () => {
    const text = "Kovsar کوثر نعمتی Nemati";
    const p = analyseParagraph(text);
    expect(visualRuns(p, 0, 7)).toEqual([{ text: "Kovsar ", rtl: false }]);
    // The space ending the line takes the paragraph's direction (rule L1).
    expect(visualRuns(p, 7, 18)).toEqual([
      { text: "کوثر نعمتی", rtl: true },
      { text: " ", rtl: false },
    ]);
  });
});
