"use client";

// Which columns the table shows, chosen with checkboxes; the choice goes into the URL (cols=).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CASE_TABLE_COLUMNS, type CaseTableColumn } from "@/lib/validation/case-table";

/**
 * The boxes follow a click at once, while the new URL loads, and follow the URL when it
 * changes otherwise (Back, a link); the menu stays open between clicks.
 */
export function ColumnPicker({ visible, onChange }: { visible: readonly CaseTableColumn[]; onChange: (columns: CaseTableColumn[]) => void }) {
  const t = useTranslations("cases");
  const tc = useTranslations("cases.col");
  const [shown, setShown] = useState<readonly CaseTableColumn[]>(visible);
  const [fromUrl, setFromUrl] = useState(visible.join(","));
  if (fromUrl !== visible.join(",")) {
    // Adjusting state while rendering (React's pattern for state derived from props).
    setFromUrl(visible.join(","));
    setShown(visible);
  }
  const toggle = (column: CaseTableColumn, on: boolean) => {
    const next = CASE_TABLE_COLUMNS.filter((c) => (c === column ? on : shown.includes(c)));
    setShown(next);
    onChange(next);
  };
  return (
    <details className="relative" data-testid="column-picker">
      <summary className="cursor-pointer list-none rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-surface-muted">
        {t("columnsMenu")} <span aria-hidden="true">▾</span>
      </summary>
      <fieldset className="absolute end-0 z-20 mt-1 w-64 rounded-md border border-line bg-surface p-3 shadow-lg">
        <legend className="sr-only">{t("columnsLegend")}</legend>
        {CASE_TABLE_COLUMNS.map((column) => (
          <label key={column} className="flex items-center gap-2 py-0.5 text-sm">
            <input
              type="checkbox"
              checked={shown.includes(column)}
              // The person column names each row (row header): it cannot be hidden.
              disabled={column === "person"}
              onChange={(e) => toggle(column, e.currentTarget.checked)}
            />
            {tc(column)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
