// The envelopes server actions receive: the record's id and the version the form loaded,
// with the entity's own strict schema as `values`. Shared by lib/actions/recording.ts and
// the tests, so a test drives exactly what a browser can send.
import { z } from "zod";
import { caseSchema } from "@/lib/validation/case";
import { eventSchema } from "@/lib/validation/event";
import { idField } from "@/lib/validation/fields";
import { incidentSchema } from "@/lib/validation/incident";
import { personSchema } from "@/lib/validation/person";
import { sourceSchema } from "@/lib/validation/source";
import { versionSchema } from "@/lib/validation/version";

const update = <S extends z.ZodType>(values: S) => z.strictObject({ id: idField("Record"), version: versionSchema, values });

export const createPersonInput = z.strictObject({ values: personSchema });
export const updatePersonInput = update(personSchema);
export const createCaseInput = z.strictObject({ values: caseSchema });
export const updateCaseInput = update(caseSchema);
export const createIncidentInput = z.strictObject({ values: incidentSchema });
export const updateIncidentInput = update(incidentSchema);
export const createSourceInput = z.strictObject({ values: sourceSchema });
export const updateSourceInput = update(sourceSchema);
export const createEventInput = z.strictObject({ caseId: idField("Case"), values: eventSchema });
export const updateEventInput = update(eventSchema);
export const deleteInput = z.strictObject({ id: idField("Record"), version: versionSchema });
export const moveEventInput = z.strictObject({
  id: idField("Event"),
  version: versionSchema,
  direction: z.enum(["earlier", "later"], { error: "Direction: choose earlier or later" }),
});
export const restoreInput = z.strictObject({
  kind: z.enum(["person", "case", "incident", "event", "source"], { error: "Unknown kind of record" }),
  id: idField("Record"),
});
