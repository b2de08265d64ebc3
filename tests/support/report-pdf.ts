// Text of a PDF as a reader's copy-and-paste gets it, through pdf.js (the legacy build runs
// in Node). Lines are rebuilt from the text items' positions; Arabic presentation forms are
// folded back to their letters (NFKC), so a shaped Perso-Arabic name compares with the
// string stored in the database.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;

/**
 * pdf.js is an ES module only. Vitest imports it as it is; Playwright compiles specs to
 * CommonJS, where that import fails: there, it is loaded with Node's own import() of its
 * absolute file URL.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs").catch(() => {
    const file = createRequire(path.join(process.cwd(), "package.json")).resolve("pdfjs-dist/legacy/build/pdf.mjs");
    const nativeImport = new Function("url", "return import(url)") as (url: string) => Promise<PdfJs>;
    return nativeImport(pathToFileURL(file).href);
  });
  return pdfjs;
}

export interface PdfText {
  pages: number;
  /** One string per page, lines separated by "\n". */
  pageTexts: string[];
  /** Every page, NFKC-normalised. */
  text: string;
}

export async function pdfText(pdf: Uint8Array | Buffer): Promise<PdfText> {
  const { getDocument } = await loadPdfJs();
  const data = new Uint8Array(pdf);
  const doc = await getDocument({ data, isEvalSupported: false, useSystemFonts: false }).promise;
  const pageTexts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const lines: string[] = [];
    let line = "";
    let lastY: number | null = null;
    for (const item of content.items) {
      if (!("str" in item)) continue;
      const y = Math.round(item.transform[5] ?? 0);
      if (lastY !== null && Math.abs(y - lastY) > 2 && line) {
        lines.push(line);
        line = "";
      }
      line += item.str;
      lastY = y;
    }
    if (line) lines.push(line);
    pageTexts.push(lines.join("\n").normalize("NFKC"));
  }
  await doc.destroy();
  return { pages: doc.numPages, pageTexts, text: pageTexts.join("\n") };
}

/** Collapses runs of spaces (pdf.js inserts them from glyph gaps) for substring checks. */
export function squash(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, " ");
}

/**
 * For each Arabic-script letter drawn on the page, the distinct glyphs it was drawn with.
 * Shaped text draws one letter with several glyphs (isolated, initial, medial, final
 * forms); unshaped text always with the same one.
 */
export async function arabicGlyphForms(pdf: Uint8Array | Buffer, pageNumber = 1): Promise<Map<string, Set<number>>> {
  const { getDocument, OPS } = await loadPdfJs();
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  const page = await doc.getPage(pageNumber);
  const ops = await page.getOperatorList();
  const forms = new Map<string, Set<number>>();
  ops.fnArray.forEach((fn, i) => {
    if (fn !== OPS.showText) return;
    const glyphs = (ops.argsArray[i] as unknown[][])[0] ?? [];
    for (const g of glyphs as ({ unicode?: string; originalCharCode?: number } | number | null)[]) {
      if (!g || typeof g !== "object" || !g.unicode || g.originalCharCode === undefined) continue;
      if (!/^[\u0620-\u064A\u067E-\u06D3]$/u.test(g.unicode)) continue;
      if (!forms.has(g.unicode)) forms.set(g.unicode, new Set());
      forms.get(g.unicode)!.add(g.originalCharCode);
    }
  });
  await doc.destroy();
  return forms;
}
