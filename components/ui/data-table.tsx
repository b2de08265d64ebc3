"use client";

// A generic table on TanStack Table for data that is sorted and paginated on the server:
// the caller owns the sorting state (typically in the URL) and receives every change. Real
// table semantics (caption, th scope, aria-sort on the primary sort column), sort buttons
// in the headers (click: sort by this column; Shift-click or Shift+Enter: add it as a
// further key), a busy state while the next page loads. No domain knowledge here.
import { flexRender, functionalUpdate, getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type VisibilityState } from "@tanstack/react-table";
import type { ReactNode } from "react";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the generics must match TanStack's declaration
  interface ColumnMeta<TData, TValue> {
    /** Numbers: aligned to the end of the cell. */
    numeric?: boolean;
    /** The cell that names the row: rendered as <th scope="row">. */
    rowHeader?: boolean;
    /** Extra classes of the column's header and cells (widths, wrapping). */
    className?: string;
  }
}

export interface DataTableLabels {
  /** Accessible name of the scrollable region and the table caption. */
  caption: string;
  ascending: string;
  descending: string;
  /** "sort key {n}, {direction}" for a column that is not the primary sort key. */
  sortPosition: (position: number, direction: string) => string;
}

export interface DataTableProps<TData> {
  data: TData[];
  columns: ColumnDef<TData, unknown>[];
  getRowId: (row: TData) => string;
  sorting: SortingState;
  onSortingChange: (sorting: SortingState) => void;
  columnVisibility: VisibilityState;
  labels: DataTableLabels;
  /** Set while the next view loads: the table is marked busy and dimmed. */
  busy?: boolean;
  maxSortColumns?: number;
  rowTestId?: string;
  tableTestId?: string;
  /** Extra content of the caption (e.g. how the rows are ordered), read by screen readers. */
  captionDetail?: ReactNode;
}

import { thClass } from "@/components/ui/table";
const tdClass = "border-b border-line px-3 py-2 align-top";

function SortIndicator({ desc, position, count }: { desc: boolean | null; position: number; count: number }) {
  if (desc === null) {
    return (
      <span aria-hidden="true" className="text-ink-muted opacity-60">
        ↕
      </span>
    );
  }
  return (
    <span aria-hidden="true" className="inline-flex items-center gap-0.5 text-accent">
      {desc ? "↓" : "↑"}
      {count > 1 ? <span className="text-[0.65rem] leading-none">{position}</span> : null}
    </span>
  );
}

export function DataTable<TData>({
  data,
  columns,
  getRowId,
  sorting,
  onSortingChange,
  columnVisibility,
  labels,
  busy = false,
  maxSortColumns = 3,
  rowTestId,
  tableTestId,
  captionDetail,
}: DataTableProps<TData>) {
  // TanStack Table returns new functions on every render by design; the React Compiler
  // lint rule flags that, but nothing here is memoised on them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => onSortingChange(functionalUpdate(updater, sorting)),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: true,
    enableSortingRemoval: true,
    maxMultiSortColCount: maxSortColumns,
    isMultiSortEvent: (e) => (e as { shiftKey?: boolean }).shiftKey === true,
  });

  return (
    <div
      role="region"
      aria-label={labels.caption}
      aria-busy={busy}
      tabIndex={0}
      className={`overflow-x-auto rounded-lg border border-line bg-surface shadow-sm transition-opacity ${busy ? "opacity-60" : ""}`}
    >
      <table data-testid={tableTestId} className="w-full min-w-[44rem] border-collapse text-sm">
        <caption className="sr-only">
          {labels.caption}
          {captionDetail ? <>. {captionDetail}</> : null}
        </caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const column = header.column;
                const sorted = column.getIsSorted();
                const position = column.getSortIndex() + 1;
                const direction = sorted === "desc" ? labels.descending : labels.ascending;
                const numeric = column.columnDef.meta?.numeric;
                const extra = column.columnDef.meta?.className ?? "";
                const label = header.isPlaceholder ? null : flexRender(column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    // Only the primary key gets aria-sort (ARIA allows one per table); the others
                    // say their position in the button's text.
                    aria-sort={sorted && position === 1 ? (sorted === "desc" ? "descending" : "ascending") : undefined}
                    className={`${thClass} ${numeric ? "text-end" : ""} ${extra}`}
                  >
                    {column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={column.getToggleSortingHandler()}
                        className={`inline-flex items-center gap-1 rounded-sm text-start font-semibold hover:text-accent ${numeric ? "flex-row-reverse text-end" : ""}`}
                      >
                        <span>{label}</span>
                        <SortIndicator desc={sorted ? sorted === "desc" : null} position={position} count={sorting.length} />
                        {sorted && position > 1 ? <span className="sr-only">({labels.sortPosition(position, direction)})</span> : null}
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid={rowTestId} className="hover:bg-surface-muted/60">
              {row.getVisibleCells().map((cell) => {
                const meta = cell.column.columnDef.meta;
                const className = `${tdClass} ${meta?.numeric ? "text-end tabular-nums" : ""} ${meta?.className ?? ""}`;
                const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                return meta?.rowHeader ? (
                  <th key={cell.id} scope="row" className={`${className} text-start font-normal`}>
                    {content}
                  </th>
                ) : (
                  <td key={cell.id} className={className}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
