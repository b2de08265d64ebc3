import { describe, expect, it } from "vitest";
import { SeedEventError, timelineEventFromSeed } from "./seed-event";

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Events shaped like those of prisma/demo/seed-cases.json (trimmed copies).
const sentence = {
  type: "SENTENCE",
  date: null,
  datePrecision: "unknown",
  description: 'Fined 800,000 rials and sentenced to 15 lashes for "disturbing public order".',
  charges: [{ text: "disturbing public order", article: null }],
  court: null,
  branch: null,
  judge: null,
  prison: null,
  lashes: 15,
  fine: { amount: 800000, currency: "IRR" },
  otherPenalties: [],
  sourceIds: ["src-doc-000"],
  confidence: "high",
  note: "Date and court not stated ('Later'); no prison term is mentioned.",
};

describe("timelineEventFromSeed", () => {
  it("maps a SENTENCE: terms, fine as text, upper-case enums, unknown date", () => {
    expect(timelineEventFromSeed(sentence, 7)).toEqual({
      type: "SENTENCE",
      position: 7,
      date: null,
      datePrecision: "UNKNOWN",
      confidence: "HIGH",
      prisonYears: null,
      prisonMonths: null,
      prisonDays: null,
      lashes: 15,
      fineAmount: "800000",
      fineCurrency: "IRR",
      appealOutcome: null,
      releaseType: null,
      city: null,
      facilityId: null,
      facilityName: null,
      deletedAt: null,
    });
  });

  it("maps an APPEAL's outcome to appealOutcome and keeps null lashes null", () => {
    const e = timelineEventFromSeed(
      {
        type: "APPEAL",
        date: null,
        datePrecision: "unknown",
        court: "West Azerbaijan Court of Appeals",
        outcome: "reduced",
        prison: { years: 1, months: 0, days: 0 },
        lashes: null,
        confidence: "medium",
      },
      4,
    );
    expect(e).toMatchObject({
      type: "APPEAL",
      appealOutcome: "REDUCED",
      prisonYears: 1,
      prisonMonths: 0,
      prisonDays: 0,
      lashes: null,
      confidence: "MEDIUM",
    });
  });

  it("maps snake_case release types ('unknown' included) and the date with its precision", () => {
    const em = timelineEventFromSeed(
      { type: "RELEASE", date: "2021-06-19", datePrecision: "day", releaseType: "electronic_monitoring", confidence: "high" },
      6,
    );
    expect(em).toMatchObject({ releaseType: "ELECTRONIC_MONITORING", date: utc("2021-06-19"), datePrecision: "DAY" });
    const unknown = timelineEventFromSeed({ type: "RELEASE", date: "2020-10", datePrecision: "month", releaseType: "unknown", confidence: "high" }, 2);
    expect(unknown).toMatchObject({ releaseType: "UNKNOWN", date: utc("2020-10-01"), datePrecision: "MONTH" });
  });

  it("maps the ARREST city and a DETENTION facility name", () => {
    expect(
      timelineEventFromSeed({ type: "ARREST", date: "2004-06", datePrecision: "month", city: "Ardabil", place: "Sarchesme Mosque", confidence: "medium" }, 0),
    ).toMatchObject({ city: "Ardabil", date: utc("2004-06-01"), datePrecision: "MONTH", confidence: "MEDIUM" });
    expect(
      timelineEventFromSeed({ type: "DETENTION", date: "2020-11-20", datePrecision: "day", facility: "Ardabil prison, section 7", confidence: "high" }, 2),
    ).toMatchObject({ facilityName: "Ardabil prison, section 7", facilityId: null });
  });

  it.each([
    [{ ...sentence, type: "sentence" }, /type/],
    [{ ...sentence, type: "ESCAPE" }, /type/],
    [{ ...sentence, confidence: "certain" }, /confidence/],
    [{ ...sentence, datePrecision: "DAY" }, /datePrecision/],
    [{ ...sentence, lashes: -1 }, /lashes/],
    [{ ...sentence, prison: { years: 1.5, months: 0, days: 0 } }, /prison/],
    [{ ...sentence, fine: { amount: "eight hundred", currency: "IRR" } }, /fine/],
    [{ ...sentence, date: "2021-02-30", datePrecision: "day" }, /Day out of range/],
    [{ ...sentence, date: "2021-02", datePrecision: "day" }, /precision MONTH, not DAY/],
    [{ ...sentence, date: null, datePrecision: "year" }, /needs a date/],
    [null, /position 3/],
  ])("rejects a malformed event (%#)", (input, message) => {
    expect(() => timelineEventFromSeed(input, 3)).toThrow(SeedEventError);
    expect(() => timelineEventFromSeed(input, 3)).toThrow(message);
  });
});
