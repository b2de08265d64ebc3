// Right-to-left text for the PDF renderer (pure, no I/O).
//
// pdfkit shapes Arabic-script text through fontkit (joining forms, lam-alef ligatures) and
// lays a run out right to left when the run's script is Arabic, but it has no bidirectional
// algorithm: a line mixing "Kovsar" and "کوثر" comes out in the wrong order. So the renderer
// breaks a paragraph into lines itself, and this module turns each line into runs in visual
// order (Unicode Bidirectional Algorithm, UAX #9, through bidi-js): the renderer draws the
// runs left to right, and fontkit reverses the glyphs inside each Arabic run.
import bidiFactory from "bidi-js";

const bidi = bidiFactory();

export type Direction = "ltr" | "rtl";

/** One stretch of a line at one embedding level, in logical order, as the font engine wants it. */
export interface VisualRun {
  /** The text to hand to the font engine. */
  text: string;
  /** Right to left (odd embedding level). */
  rtl: boolean;
}

// Hebrew, Arabic, Syriac, Thaana, NKo and the presentation forms: any right-to-left character.
const RTL_SCRIPT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const COMMON_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
const RTL_SCRIPTS = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * Whether fontkit lays this text out right to left: it takes the script of the first
 * character that belongs to one (not punctuation, spaces or ASCII digits), and reverses the
 * glyphs of a right-to-left script, Persian digits included.
 */
function fontkitReverses(text: string): boolean {
  for (const ch of text) if (!COMMON_SCRIPT.test(ch)) return RTL_SCRIPTS.test(ch);
  return false;
}

/** The direction of a paragraph: that of its first strong character (rules P2/P3), else left to right. */
export function paragraphDirection(text: string): Direction {
  const { paragraphs } = bidi.getEmbeddingLevels(text, "auto");
  return (paragraphs[0]?.level ?? 0) % 2 === 1 ? "rtl" : "ltr";
}

/** Whether the text contains a right-to-left character at all (most lines do not). */
export function hasRtl(text: string): boolean {
  return RTL_SCRIPT.test(text);
}

export interface BidiParagraph {
  text: string;
  direction: Direction;
  levels: Uint8Array;
}

export function analyseParagraph(text: string, direction: Direction | "auto" = "auto"): BidiParagraph {
  const result = bidi.getEmbeddingLevels(text, direction);
  const level = result.paragraphs[0]?.level ?? (direction === "rtl" ? 1 : 0);
  return { text, direction: level % 2 === 1 ? "rtl" : "ltr", levels: result.levels };
}

function reverseMirrored(text: string): string {
  return Array.from(text)
    .reverse()
    .map((ch) => bidi.getMirroredCharacter(ch) ?? ch)
    .join("");
}

/**
 * The runs of the line [start, end) of an analysed paragraph, left to right as they appear
 * on the page (rule L2: from the highest level down to the lowest odd one, reverse every
 * sequence of runs at that level or above). Whitespace at the end of the line takes the
 * paragraph's level (rule L1).
 */
export function visualRuns(paragraph: BidiParagraph, start: number, end: number): VisualRun[] {
  const { text } = paragraph;
  const base = paragraph.direction === "rtl" ? 1 : 0;
  const levels = Array.from(paragraph.levels.subarray(start, end));
  for (let i = levels.length - 1; i >= 0 && /\s/.test(text[start + i] ?? ""); i--) levels[i] = base;

  // Maximal stretches of one level, in logical order.
  const runs: { from: number; to: number; level: number }[] = [];
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? base;
    const last = runs[runs.length - 1];
    if (last && last.level === level) last.to = i + 1;
    else runs.push({ from: i, to: i + 1, level });
  }
  if (runs.length === 0) return [];

  const highest = Math.max(...runs.map((r) => r.level));
  const lowestOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; i++) {
      if ((runs[i]?.level ?? 0) < level) continue;
      let j = i;
      while (j + 1 < runs.length && (runs[j + 1]?.level ?? 0) >= level) j++;
      const reversed = runs.slice(i, j + 1).reverse();
      runs.splice(i, reversed.length, ...reversed);
      i = j;
    }
  }

  return runs.map((r) => {
    const logical = text.slice(start + r.from, start + r.to);
    const rtl = r.level % 2 === 1;
    const reversedByFont = fontkitReverses(logical);
    if (rtl) {
      // fontkit reverses an Arabic-script run itself (and shapes it, which needs logical
      // order); a run of neutrals only (brackets, dashes) is reversed and mirrored here.
      return { text: reversedByFont ? logical : reverseMirrored(logical), rtl };
    }
    // A left-to-right run that fontkit takes as Arabic script (Persian digits: "۱۳۹۹")
    // would be reversed by it: hand it over reversed so that it comes out in reading order.
    return { text: reversedByFont ? Array.from(logical).reverse().join("") : logical, rtl };
  });
}
