// Worst-case CSV uploads for the import benchmark, each just under the 20 MB limit, as
// multipart/form-data bodies (built once, in memory, before anything is measured).
import { MAX_FILE_BYTES } from "@/lib/import/columns";

export const BOUNDARY = "----tracker-bench-import";

export interface Upload {
  name: string;
  /** What the server should answer (the check is part of the benchmark). */
  expect: string;
  body: Buffer;
}

/** Just under the limit (the file itself; the multipart envelope has room of its own). */
const SIZE = MAX_FILE_BYTES - 1024;

function multipart(file: Buffer): Buffer {
  const open = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const close = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return Buffer.concat([open, file, close]);
}

/** `head`, then `fill` repeated up to SIZE bytes. */
function filled(head: string, fill: string): Buffer {
  const file = Buffer.alloc(SIZE, fill);
  file.write(head, 0);
  return file;
}

const HEADER = "person_key,case_key,event_key,person_name,event_type,event_date,event_description,source_keys\r\n";

/** `count` valid rows of `perCase` events per case, padded to SIZE with the event descriptions. */
function validRows(count: number, perCase: number): Buffer {
  const fixed = (i: number) => {
    const c = Math.floor(i / perCase);
    return [
      `p-bench-${perCase}-${c}`,
      `c-bench-${perCase}-${c}`,
      `e-${i}`,
      i % perCase === 0 ? `Bench Person ${c}` : "",
      "detention",
      `20${10 + (i % 12)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
    ];
  };
  const lines = Array.from({ length: count }, (_, i) => fixed(i).join(","));
  const pad = Math.floor((SIZE - HEADER.length - lines.reduce((n, l) => n + l.length + ",,src-doc-000\r\n".length, 0)) / count);
  const description = "d".repeat(Math.max(0, Math.min(pad, 9_000)));
  return Buffer.from(HEADER + lines.map((l) => `${l},${description},src-doc-000\r\n`).join(""));
}

export function worstCaseUploads(): Upload[] {
  return [
    {
      name: "10M blank lines (20 MB)",
      expect: "a dry run of the one row",
      body: multipart(filled(`${HEADER}p-bench-blank,c-bench-blank,arrest,Blank Lines,arrest,2021,,src-doc-000\r\n`, "\r\n")),
    },
    { name: "one 20 MB line", expect: "refused: row 1 longer than 1 MB", body: multipart(filled("", "a,")) },
    { name: "separator-only rows (20 MB)", expect: "refused at 50,000 empty rows", body: multipart(filled(HEADER, ",\r\n")) },
    { name: "50,000 valid rows, one case", expect: "a dry run of 50,000 new events", body: multipart(validRows(50_000, 50_000)) },
    { name: "50,000 valid rows, 10,000 people", expect: "a dry run of 50,000 new events", body: multipart(validRows(50_000, 5)) },
  ];
}
