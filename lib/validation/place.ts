// Courts and facilities are shared records (charts group by them). Advocates name them
// where they choose them ("Evin prison", "Second Criminal Court of Tabriz"); the data layer
// reuses the record of that exact name or creates it in the same transaction.
import { z } from "zod";
import { NAME_MAX, optionalText, requiredText } from "@/lib/validation/fields";

export const courtSchema = z.strictObject({ name: requiredText("Court", NAME_MAX), city: optionalText("Court city") });
export const facilitySchema = z.strictObject({ name: requiredText("Facility", NAME_MAX), city: optionalText("Facility city") });

export type CourtData = z.output<typeof courtSchema>;
export type FacilityData = z.output<typeof facilitySchema>;
