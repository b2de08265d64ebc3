"use client";

// The case table's columns: ids are the URL's column and sort keys (lib/validation/case-table.ts),
// so a column is sortable exactly when the SQL has a whitelisted ordering for it.
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { CaseTableRow } from "@/lib/data/case-table";
import { CASE_SORT_KEYS, type CaseTableColumn } from "@/lib/validation/case-table";
import { ChargesCell, CountCell, CourtCell, DaysCell, PartialDateCell, PersonCell, StatusCell, TextCell, TimestampCell } from "./cells";

type Column = ColumnDef<CaseTableRow, unknown> & { id: CaseTableColumn };

const sortable = (id: CaseTableColumn) => (CASE_SORT_KEYS as readonly string[]).includes(id);

export function useCaseColumns(): ColumnDef<CaseTableRow, unknown>[] {
  const t = useTranslations("cases.col");
  return useMemo(() => {
    const columns: Column[] = [
      { id: "person", header: t("person"), meta: { rowHeader: true, className: "min-w-[10rem]" }, cell: ({ row }) => <PersonCell row={row.original} /> },
      { id: "city", header: t("city"), cell: ({ row }) => <TextCell value={row.original.city} testId="case-city" /> },
      {
        id: "incident",
        header: t("incident"),
        meta: { className: "min-w-[9rem] max-w-[14rem]" },
        cell: ({ row }) => {
          const incident = row.original.incident;
          return <TextCell value={incident?.title ?? null} href={incident ? `/incidents/${incident.id}` : undefined} clamp />;
        },
      },
      { id: "arrestDate", header: t("arrestDate"), sortDescFirst: true, cell: ({ row }) => <PartialDateCell value={row.original.arrest} /> },
      { id: "status", header: t("status"), meta: { className: "min-w-[9.5rem]" }, cell: ({ row }) => <StatusCell status={row.original.status} /> },
      { id: "facility", header: t("facility"), cell: ({ row }) => <TextCell value={row.original.facility?.name ?? null} /> },
      { id: "court", header: t("court"), meta: { className: "min-w-[9rem]" }, cell: ({ row }) => <CourtCell court={row.original.court} /> },
      { id: "charges", header: t("charges"), meta: { className: "min-w-[12rem]" }, cell: ({ row }) => <ChargesCell charges={row.original.charges} /> },
      {
        id: "firstInstancePrisonDays",
        header: t("firstInstancePrisonDays"),
        sortDescFirst: true,
        meta: { numeric: true },
        cell: ({ row }) => <DaysCell value={row.original.firstInstance.prisonDays} />,
      },
      {
        id: "firstInstanceLashes",
        header: t("firstInstanceLashes"),
        sortDescFirst: true,
        meta: { numeric: true },
        cell: ({ row }) => <CountCell value={row.original.firstInstance.lashes} />,
      },
      {
        id: "effectivePrisonDays",
        header: t("effectivePrisonDays"),
        sortDescFirst: true,
        meta: { numeric: true },
        cell: ({ row }) => <DaysCell value={row.original.effective.prisonDays} />,
      },
      {
        id: "effectiveLashes",
        header: t("effectiveLashes"),
        sortDescFirst: true,
        meta: { numeric: true },
        cell: ({ row }) => <CountCell value={row.original.effective.lashes} />,
      },
      { id: "updatedAt", header: t("updatedAt"), sortDescFirst: true, cell: ({ row }) => <TimestampCell iso={row.original.updatedAt} /> },
    ];
    // TanStack sorts only columns with an accessor; the server does the sorting, so the
    // accessor only has to exist (it returns the row's id).
    return columns.map((c) => ({ ...c, accessorFn: (row: CaseTableRow) => row.id, enableSorting: sortable(c.id), enableHiding: c.id !== "person" }));
  }, [t]);
}
