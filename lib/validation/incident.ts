// An incident: the rally, raid or event around which arrests happened, with the number of
// people the sources REPORT detained (most are never named; never added to named counts).
import { z } from "zod";
import {
  NAME_MAX,
  checkPartialDate,
  confidenceField,
  dateString,
  idField,
  optionalCount,
  optionalLongText,
  optionalText,
  precisionField,
  requiredText,
} from "@/lib/validation/fields";

export const incidentSchema = z
  .strictObject({
    title: requiredText("Title", 1000),
    date: dateString("Date"),
    datePrecision: precisionField.default("UNKNOWN"),
    dateText: optionalText("Date as written"),
    country: z
      .string({ error: "Country must be text" })
      .transform((s) => s.trim().toUpperCase())
      .refine((s) => s === "" || /^[A-Z]{2}$/.test(s), { error: "Country must be a 2-letter code such as IR" })
      .nullish()
      .transform((s) => (s ? s : null)),
    province: optionalText("Province"),
    city: optionalText("City"),
    place: optionalText("Place", NAME_MAX),
    description: optionalLongText("Description"),
    reportedDetained: optionalCount("Reported number detained", 10_000_000),
    reportedDetainedNote: optionalLongText("Note on the reported number"),
    confidence: confidenceField.default("HIGH"),
    note: optionalLongText("Note"),
    /** Existing sources, by id; absent leaves an incident's sources as they are. */
    sourceIds: z.array(idField("Source"), { error: "Sources must be a list" }).max(50, { error: "At most 50 sources" }).optional(),
  })
  .superRefine((i, ctx) => {
    checkPartialDate("Date", i.date, i.datePrecision, ctx, { date: "date", precision: "datePrecision" });
    if (i.sourceIds && new Set(i.sourceIds).size !== i.sourceIds.length)
      ctx.addIssue({ code: "custom", path: ["sourceIds"], message: "Sources: a source is listed twice" });
  });

export type IncidentInput = z.input<typeof incidentSchema>;
export type IncidentData = z.output<typeof incidentSchema>;
