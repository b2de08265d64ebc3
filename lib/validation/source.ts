// A source (NGO statement, news article, testimony ...), picked or added inline where an
// event, person or incident cites it. Confidential sources are seen by EDITOR/ADMIN only.
import { z } from "zod";
import { SOURCE_KINDS } from "@/lib/domain/vocab";
import { NAME_MAX, PRECISIONS, checkPartialDate, dateShape, dateString, optionalText, requiredText } from "@/lib/validation/fields";

export { SOURCE_KINDS };

export const sourceSchema = z
  .strictObject({
    title: requiredText("Source title", 1000),
    publisher: optionalText("Publisher"),
    kind: z.enum(SOURCE_KINDS, { error: "Choose the kind of source" }).default("OTHER"),
    url: optionalText("URL", 2000).refine((u) => u === null || /^https?:\/\/[^\s]+$/i.test(u), { error: "URL must start with http:// or https://" }),
    /** YYYY, YYYY-MM or YYYY-MM-DD: the precision follows the way it is written. */
    date: dateString("Source date"),
    language: optionalText("Language", 35),
    confidential: z.boolean({ error: "Confidential must be yes or no" }).default(false),
    via: optionalText("Known via", NAME_MAX),
  })
  .superRefine((s, ctx) => {
    if (s.date !== null) checkPartialDate("Source date", s.date, dateShape(s.date) ?? "DAY", ctx, { date: "date", precision: "date" });
  });

export type SourceInput = z.input<typeof sourceSchema>;
export type SourceData = z.output<typeof sourceSchema>;
export { PRECISIONS };
