import type { ReactNode } from "react";

/**
 * A horizontally scrollable region for a wide table on a phone. It is focusable and
 * labelled so keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-surface shadow-sm">
      {children}
    </div>
  );
}

export const tableClass = "w-full min-w-[44rem] border-collapse text-sm";
export const captionClass = "sr-only";
export const thClass = "border-b border-line bg-surface-muted px-3 py-2 text-start align-bottom font-semibold text-ink";
export const tdClass = "border-b border-line px-3 py-2 align-top";
export const numClass = "text-end tabular-nums";

/** The header cells of a list table: each `scope="col"`, the columns at the indexes in `numeric` aligned as numbers. */
export function HeaderCells({ labels, numeric = [] }: { labels: ReactNode[]; numeric?: number[] }) {
  return (
    <>
      {labels.map((label, i) => (
        <th key={i} scope="col" className={numeric.includes(i) ? `${thClass} ${numClass}` : thClass}>
          {label}
        </th>
      ))}
    </>
  );
}
