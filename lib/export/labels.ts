// The words of a case-table export (column headers, status and precision names, the charge
// format) from the message catalog, so the file speaks the language of the page it came
// from. Used by the route handlers (with the request's catalog) and the tests (English).
import { createTranslator } from "use-intl/core";
import { CASE_STATUSES, DATE_PRECISIONS } from "@/lib/domain/types";
import type messages from "@/messages/en.json";
import type { CaseExportLabels } from "./case-columns";

type Messages = typeof messages;

// Formatting a message costs microseconds, and an export formats a few per row for 100k
// rows: the fixed words are formatted once, and charges (a small vocabulary repeated across
// cases) are remembered, up to a bound so memory stays constant.
const CHARGE_MEMO_MAX = 5000;

export function caseExportLabels(locale: string, catalog: Messages): CaseExportLabels {
  const t = createTranslator({ locale, messages: catalog, namespace: "export" });
  const ts = createTranslator({ locale, messages: catalog, namespace: "status" });
  const statuses = new Map(CASE_STATUSES.map((s) => [s, ts(s)]));
  const precisions = new Map(DATE_PRECISIONS.map((p) => [p, t(`precision.${p}`)]));
  const charges = new Map<string, string>();
  return {
    header: (key) => t(`header.${key}`),
    status: (value) => statuses.get(value) ?? value,
    precision: (value) => precisions.get(value) ?? value,
    charge: ({ text, article }) => {
      if (!text || !article) return text ?? article ?? "";
      const memoKey = `${text}\u0000${article}`;
      let formatted = charges.get(memoKey);
      if (formatted === undefined) {
        formatted = t("chargeWithArticle", { charge: text, article });
        if (charges.size >= CHARGE_MEMO_MAX) charges.clear();
        charges.set(memoKey, formatted);
      }
      return formatted;
    },
    listSeparator: t("listSeparator"),
  };
}

export function exportSheetName(locale: string, catalog: Messages): string {
  return createTranslator({ locale, messages: catalog, namespace: "export" })("sheetName");
}
