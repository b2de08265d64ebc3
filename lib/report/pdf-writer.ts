// A small layout layer over pdfkit for the case reports: headings, paragraphs, label/value
// rows, lists and tables, with its own line breaking so that every line can be reordered
// for right-to-left text (lib/report/bidi.ts) before it is drawn. One embedded font
// (Vazirmatn, from the `vazirmatn` npm package, SIL Open Font License) covers Latin,
// Azerbaijani Latin and the Perso-Arabic script; pdfkit embeds only the glyphs used.
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { analyseParagraph, hasRtl, visualRuns, type Direction, type VisualRun } from "@/lib/report/bidi";

let fontCache: { regular: Buffer; bold: Buffer } | null = null;

/**
 * The font files, read once per process from the app's node_modules at run time. The
 * paths are literal so that the build traces exactly these two files.
 */
function fonts(): { regular: Buffer; bold: Buffer } {
  fontCache ??= {
    regular: readFileSync(path.join(process.cwd(), "node_modules/vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf")),
    bold: readFileSync(path.join(process.cwd(), "node_modules/vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf")),
  };
  return fontCache;
}

export const COLORS = {
  ink: "#111827",
  muted: "#4b5563",
  rule: "#d1d5db",
  restricted: "#991b1b",
  accent: "#1d4ed8",
  shade: "#f3f4f6",
} as const;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  /** Extra space before the paragraph, in points. */
  before?: number;
  /** Extra space after the paragraph, in points. */
  after?: number;
  /** Left indent (right indent for a right-to-left paragraph), in points. */
  indent?: number;
  /** Paragraph direction; "auto" (the default) follows the first strong character, like dir="auto". */
  direction?: Direction | "auto";
  /** An http(s) address: the paragraph becomes a link to it. */
  link?: string | null;
}

export interface TableColumn {
  header: string;
  /** Share of the text width. */
  width: number;
}

interface Line {
  start: number;
  end: number;
}

// pdfkit lays text out word by word (for its cache) and joins the words left to right,
// which puts the words of a right-to-left run in the wrong order. Any explicit feature
// list makes it lay the run out in one piece, which fontkit then reverses as a whole; the
// script's own shaping features (joining forms, ligatures) still apply.
const WHOLE_RUN = { features: [] as PDFKit.Mixins.OpenTypeFeatures[] };

/**
 * Direction of a labelled value, a list item or a table cell: a line with Latin letters in
 * it is part of the English document ("فاطمه ابراهیمی (Perso-Arabic script)" reads left to
 * right with the name as a right-to-left island); a line all in Perso-Arabic script runs
 * right to left. Free-text paragraphs follow their first strong character instead.
 */
function valueDirection(text: string): Direction | "auto" {
  return /[A-Za-z]/.test(text) ? "ltr" : "auto";
}

const PAGE = { size: "A4" as const, margin: 50, footer: 28 };
const LINE_GAP = 1.3;

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private y: number;
  private readonly left: number;
  private readonly right: number;
  private readonly top: number;
  private readonly bottom: number;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(info: { title: string; subject?: string }) {
    const { regular, bold } = fonts();
    this.doc = new PDFDocument({
      size: PAGE.size,
      margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
      bufferPages: true,
      autoFirstPage: true,
      // No standard font (Helvetica, read from pdfkit's own data files) is ever loaded: the
      // embedded one is registered below and used for every line.
      font: null as unknown as string,
      lang: "en",
      displayTitle: true,
      info: { Title: info.title, ...(info.subject ? { Subject: info.subject } : {}), Creator: "Case tracker", Producer: "Case tracker" },
    });
    this.doc.registerFont("regular", regular);
    this.doc.registerFont("bold", bold);
    this.doc.font("regular");
    this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(this.chunks)));
      this.doc.on("error", reject);
    });
    this.left = PAGE.margin;
    this.right = this.doc.page.width - PAGE.margin;
    this.top = PAGE.margin;
    this.bottom = this.doc.page.height - PAGE.margin - PAGE.footer;
    this.y = this.top;
  }

  get width(): number {
    return this.right - this.left;
  }

  /** Points left on the current page. */
  get remaining(): number {
    return this.bottom - this.y;
  }

  private setFont(style: TextStyle): void {
    this.doc.font(style.bold ? "bold" : "regular").fontSize(style.size ?? 10);
  }

  private measure(text: string): number {
    return text ? this.doc.widthOfString(text, hasRtl(text) ? WHOLE_RUN : undefined) : 0;
  }

  private lineHeight(size: number): number {
    return size * LINE_GAP;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top) this.newPage();
  }

  space(points: number): void {
    this.y = Math.min(this.y + points, this.bottom);
  }

  /** Greedy line breaking at spaces; a word wider than the line is cut between characters. */
  private breakLines(text: string, width: number): Line[] {
    const lines: Line[] = [];
    let start = -1;
    let end = 0;
    for (const match of text.matchAll(/\S+\s*/g)) {
      const wordStart = match.index;
      const wordEnd = wordStart + match[0].trimEnd().length;
      if (start < 0) start = wordStart;
      else if (this.measure(text.slice(start, wordEnd)) > width) {
        lines.push({ start, end });
        start = wordStart;
      }
      if (this.measure(text.slice(start, wordEnd)) > width) {
        // A word longer than the line (a web address): cut it between characters.
        let from = start;
        let offset = start;
        for (const ch of Array.from(text.slice(start, wordEnd))) {
          if (offset > from && this.measure(text.slice(from, offset + ch.length)) > width) {
            lines.push({ start: from, end: offset });
            from = offset;
          }
          offset += ch.length;
        }
        start = from;
      }
      end = wordEnd;
    }
    if (start >= 0 && end > start) lines.push({ start, end });
    return lines;
  }

  /**
   * Draws a paragraph at the current position and moves below it. Lines are wrapped to the
   * text width (minus the indent), reordered for bidirectional text, aligned to the start
   * of their paragraph's direction, and continue on the next page when the page is full.
   */
  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    this.setFont(style);
    this.space(style.before ?? 0);
    for (const part of text.replace(/\r\n?/g, "\n").split("\n")) {
      this.drawLines(part, { ...style, size, indent }, this.left, this.width);
    }
    this.space(style.after ?? 0);
  }

  private drawLines(text: string, style: TextStyle & { size: number; indent: number; fixed?: boolean }, x0: number, width: number): void {
    const lineHeight = this.lineHeight(style.size);
    const available = width - style.indent;
    const clean = text.replace(/\t/g, " ");
    const ensure = (h: number) => {
      if (!style.fixed) this.ensure(h);
    };
    if (!clean.trim()) {
      ensure(lineHeight);
      this.y += lineHeight;
      return;
    }
    const rtlText = hasRtl(clean);
    const analysed = rtlText ? analyseParagraph(clean, style.direction ?? "auto") : null;
    const direction: Direction = analysed?.direction ?? (style.direction === "rtl" ? "rtl" : "ltr");
    for (const line of this.breakLines(clean, available)) {
      ensure(lineHeight);
      const runs: VisualRun[] = analysed ? visualRuns(analysed, line.start, line.end) : [{ text: clean.slice(line.start, line.end).trimEnd(), rtl: false }];
      const trimmed = runs.map((r) => ({ ...r, width: this.measure(r.text) }));
      const total = trimmed.reduce((sum, r) => sum + r.width, 0);
      let x = direction === "rtl" ? x0 + width - style.indent - total : x0 + style.indent;
      this.doc.fillColor(style.color ?? COLORS.ink);
      for (const run of trimmed) {
        if (run.text) this.doc.text(run.text, x, this.y, { lineBreak: false, ...(hasRtl(run.text) ? WHOLE_RUN : {}) });
        x += run.width;
      }
      if (style.link) this.doc.link(direction === "rtl" ? x - total : x0 + style.indent, this.y, total, style.size, style.link);
      this.y += lineHeight;
    }
  }

  /** Height a paragraph would take (for keeping a heading with what follows). */
  heightOf(text: string, style: TextStyle = {}, width = this.width): number {
    this.setFont(style);
    const size = style.size ?? 10;
    const available = width - (style.indent ?? 0);
    const lines = text.split("\n").reduce((n, part) => n + Math.max(1, this.breakLines(part.replace(/\t/g, " "), available).length), 0);
    return lines * this.lineHeight(size) + (style.before ?? 0) + (style.after ?? 0);
  }

  heading(text: string, level: 1 | 2 | 3 | 4): void {
    const size = { 1: 18, 2: 14, 3: 12, 4: 10.5 }[level];
    const before = { 1: 0, 2: 14, 3: 10, 4: 6 }[level];
    // Keep a heading with at least three lines of what follows.
    this.ensure(this.heightOf(text, { size, bold: true, before }) + 3 * this.lineHeight(10));
    this.paragraph(text, { size, bold: true, before, after: level <= 2 ? 4 : 2 });
    if (level <= 2) this.rule();
  }

  rule(color: string = COLORS.rule): void {
    this.ensure(6);
    this.doc
      .moveTo(this.left, this.y + 1)
      .lineTo(this.right, this.y + 1)
      .lineWidth(0.5)
      .strokeColor(color)
      .stroke();
    this.y += 5;
  }

  /** Label/value rows: the label in a fixed column, the value wrapping beside it. */
  fields(rows: readonly { label: string; value: string }[], options: { labelWidth?: number; size?: number; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    const labelWidth = options.labelWidth ?? 130;
    const gap = 8;
    for (const row of rows) {
      const valueX = this.left + indent + labelWidth + gap;
      const valueWidth = this.right - valueX;
      this.setFont({ size });
      this.ensure(Math.min(this.heightOf(row.value, { size }, valueWidth), 3 * this.lineHeight(size)));
      const startY = this.y;
      const startPage = this.currentPage();
      this.setFont({ size, bold: true });
      this.drawLines(row.label, { size, indent: 0, bold: true, color: COLORS.muted }, this.left + indent, labelWidth);
      const afterLabel = this.y;
      const labelPage = this.currentPage();
      if (labelPage === startPage) this.y = startY;
      this.setFont({ size });
      for (const part of row.value.split("\n")) this.drawLines(part, { size, indent: 0, direction: valueDirection(part) }, valueX, valueWidth);
      if (labelPage === this.currentPage()) this.y = Math.max(this.y, afterLabel);
      this.y += 2;
    }
  }

  /** A list item: a marker ("•", "[3]") in the margin column and wrapped text. */
  item(marker: string, text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    const markerWidth = 24;
    this.setFont({ ...style, size });
    this.ensure(this.lineHeight(size));
    const startY = this.y;
    this.drawLines(marker, { size, indent: 0, color: COLORS.muted }, this.left + indent, markerWidth);
    this.y = startY;
    this.setFont({ ...style, size });
    this.drawLines(
      text,
      { ...style, size, indent: 0, direction: style.direction ?? valueDirection(text) },
      this.left + indent + markerWidth,
      this.width - indent - markerWidth,
    );
    this.y += style.after ?? 1;
  }

  /** A table with a repeated header row; cells wrap within their column. */
  table(columns: readonly TableColumn[], rows: readonly string[][], options: { size?: number } = {}): void {
    const size = options.size ?? 9;
    const padding = 3;
    const totalShare = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / totalShare) * this.width);
    const drawRow = (cells: readonly string[], header: boolean) => {
      const style = { size, bold: header };
      this.setFont(style);
      const heights = cells.map((cell, i) => this.heightOf(cell || " ", style, (widths[i] ?? 0) - 2 * padding));
      const height = Math.max(...heights) + 2 * padding;
      if (this.y + height > this.bottom) {
        this.newPage();
        if (!header)
          drawRow(
            columns.map((c) => c.header),
            true,
          );
      }
      const top = this.y;
      if (header) this.doc.rect(this.left, top, this.width, height).fillColor(COLORS.shade).fill();
      let x = this.left;
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 0;
        this.y = top + padding;
        this.setFont(style);
        for (const part of (cell || "").split("\n"))
          this.drawLines(part, { size, indent: 0, bold: header, direction: valueDirection(part) }, x + padding, w - 2 * padding);
        x += w;
      });
      this.y = top + height;
      this.doc.moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
    };
    drawRow(
      columns.map((c) => c.header),
      true,
    );
    for (const row of rows) drawRow(row, false);
    this.y += 6;
  }

  /** A bookmark in the PDF's outline (the reader's sidebar) pointing at the current page. */
  bookmark(title: string): void {
    this.doc.outline.addItem(title);
  }

  currentPage(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  /**
   * Writes a footer on every page (`text(page, pages)`), ends the document and returns its
   * bytes.
   */
  async finish(footer: (page: number, pages: number) => { left: string; right: string }): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const { left, right } = footer(i - range.start + 1, range.count);
      const y = this.doc.page.height - PAGE.margin - PAGE.footer + 12;
      this.y = y;
      this.setFont({ size: 7.5 });
      this.doc
        .moveTo(this.left, y - 4)
        .lineTo(this.right, y - 4)
        .lineWidth(0.4)
        .strokeColor(COLORS.rule)
        .stroke();
      const rightWidth = this.measure(right);
      const style = { size: 7.5, indent: 0, color: COLORS.muted, direction: "ltr" as const, fixed: true };
      this.drawLines(left, style, this.left, this.width - rightWidth - 12);
      this.y = y;
      this.setFont({ size: 7.5 });
      this.drawLines(right, style, this.right - rightWidth, rightWidth + 1);
    }
    this.doc.end();
    return this.done;
  }
}
