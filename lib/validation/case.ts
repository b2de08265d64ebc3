// A case: one detention or prosecution episode of one person. Its status, facility, arrest
// and sentence columns are derived from the timeline and are not part of this schema:
// sending `status` is an unknown key, rejected like any other.
import { z } from "zod";
import { idField, optionalLongText } from "@/lib/validation/fields";

export const caseSchema = z.strictObject({
  personId: idField("Person"),
  incidentId: idField("Incident")
    .or(z.literal(""))
    .nullish()
    .transform((s) => (s ? s : null)),
  summary: optionalLongText("Summary"),
});

export type CaseInput = z.input<typeof caseSchema>;
export type CaseData = z.output<typeof caseSchema>;
