import type { ReactNode } from "react";

/**
 * The header cells of a small table: each `scope="col"`, aligned to the start (the columns in
 * `end` to the end), with `gap` after each but the last and `className` on all.
 */
export function ColumnHeaders({ labels, className = "", gap = "pe-3", end = [] }: { labels: ReactNode[]; className?: string; gap?: string; end?: number[] }) {
  return (
    <>
      {labels.map((label, i) => (
        <th
          key={i}
          scope="col"
          className={[className, i < labels.length - 1 ? gap : "", end.includes(i) ? "text-end" : "text-start"].filter(Boolean).join(" ")}
        >
          {label}
        </th>
      ))}
    </>
  );
}
