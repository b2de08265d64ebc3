// One event of the demo dataset (prisma/demo/seed-cases.json) as a TimelineEvent.
//
// The demo data is input from outside (domain.md): it is validated, not trusted. This
// schema checks only the fields the derivations read; the full import schema (charges,
// sources, conditions...) belongs to the importer. The JSON spells enums in lower/snake
// case ("electronic_monitoring") while the app uses the Prisma values
// ("ELECTRONIC_MONITORING"); event types are already upper case. An appeal's `outcome`
// becomes `appealOutcome`, `facility` (a name) becomes `facilityName`.

import { z } from "zod";
import { parsePartialDate } from "./dates";
import { APPEAL_OUTCOMES, CONFIDENCES, DATE_PRECISIONS, EVENT_TYPES, RELEASE_TYPES, type TimelineEvent } from "./types";

/** A seed enum: the lower-case spelling of one of `values`, turned into the Prisma value. */
function seedEnum<T extends string>(values: readonly T[]) {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v] as const));
  return z.string().transform((s, ctx): T => {
    const value = byLower.get(s);
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: `Expected one of ${[...byLower.keys()].join(", ")}, got "${s}"` });
      return z.NEVER;
    }
    return value;
  });
}

const count = z.number().int().nonnegative();

export const seedEventSchema = z.object({
  type: z.enum(EVENT_TYPES),
  date: z.string().nullable(),
  datePrecision: seedEnum(DATE_PRECISIONS),
  confidence: seedEnum(CONFIDENCES),
  prison: z.object({ years: count.nullable(), months: count.nullable(), days: count.nullable() }).nullish(),
  lashes: count.nullish(),
  fine: z.object({ amount: z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]), currency: z.string().nullable() }).nullish(),
  outcome: seedEnum(APPEAL_OUTCOMES).nullish(),
  releaseType: seedEnum(RELEASE_TYPES).nullish(),
  city: z.string().nullish(),
  facility: z.string().nullish(),
});

export type SeedEvent = z.input<typeof seedEventSchema>;

/** Raised when a seed event is malformed; says which field is wrong. */
export class SeedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedEventError";
  }
}

/**
 * Maps one seed event to a TimelineEvent at `position` (its index in the case's event list:
 * the demo data lists events in timeline order). Every field is filled, absent ones as null.
 *
 * @throws SeedEventError for a malformed event or an impossible date.
 */
export function timelineEventFromSeed(seedEvent: unknown, position: number): TimelineEvent {
  const parsed = seedEventSchema.safeParse(seedEvent);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(event)"}: ${i.message}`);
    throw new SeedEventError(`Invalid seed event at position ${position}: ${issues.join("; ")}`);
  }
  const e = parsed.data;

  let date: Date | null;
  try {
    date = parsePartialDate(e.date, e.datePrecision).date;
  } catch (error) {
    throw new SeedEventError(`Invalid seed event at position ${position}: ${(error as Error).message}`);
  }

  return {
    type: e.type,
    position,
    date,
    datePrecision: e.datePrecision,
    confidence: e.confidence,
    prisonYears: e.prison?.years ?? null,
    prisonMonths: e.prison?.months ?? null,
    prisonDays: e.prison?.days ?? null,
    lashes: e.lashes ?? null,
    // As text: money is decimal, never a float (Prisma's Decimal accepts the string).
    fineAmount: e.fine == null ? null : String(e.fine.amount),
    fineCurrency: e.fine?.currency ?? null,
    appealOutcome: e.outcome ?? null,
    releaseType: e.releaseType ?? null,
    city: e.city ?? null,
    facilityId: null,
    facilityName: e.facility ?? null,
    deletedAt: null,
  };
}
