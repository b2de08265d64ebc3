// Each enumeration of lib/domain/vocab.ts must be exactly the Prisma enum of that name (same
// values, same order) and have a label in the English catalog; each suggested tag too.
import { describe, expect, it } from "vitest";
import * as prisma from "@/lib/generated/prisma/enums";
import en from "@/messages/en.json";
import * as vocab from "@/lib/domain/vocab";

const PAIRS: [list: readonly string[], prismaEnum: Record<string, string>, catalog: keyof typeof en | null][] = [
  [vocab.EVENT_TYPES, prisma.EventType, "eventType"],
  [vocab.CASE_STATUSES, prisma.CaseStatus, "status"],
  [vocab.DATE_PRECISIONS, prisma.DatePrecision, null],
  [vocab.CONFIDENCES, prisma.Confidence, "confidence"],
  [vocab.RELEASE_TYPES, prisma.ReleaseType, "releaseType"],
  [vocab.APPEAL_OUTCOMES, prisma.AppealOutcome, "appealOutcome"],
  [vocab.ARREST_CIRCUMSTANCES, prisma.ArrestCircumstance, "circumstance"],
  [vocab.ROLES, prisma.Role, "role"],
  [vocab.GENDERS, prisma.Gender, "gender"],
  [vocab.ALIAS_SCRIPTS, prisma.AliasScript, "script"],
  [vocab.VULNERABILITIES, prisma.Vulnerability, "vulnerability"],
  [vocab.SOURCE_KINDS, prisma.SourceKind, "sourceKind"],
];

describe("vocabulary", () => {
  it.each(PAIRS.map(([list, e, catalog]) => [Object.keys(e).join(","), list, e, catalog] as const))(
    "%s equals the Prisma enum and has catalog labels",
    (_, list, e, catalog) => {
      expect([...list]).toEqual(Object.values(e));
      if (catalog)
        expect(
          Object.keys(en[catalog])
            .filter((k) => (list as readonly string[]).includes(k))
            .sort(),
        ).toEqual([...list].sort());
    },
  );

  it("covers every Prisma enum of the domain (a new enum is added here)", () => {
    const covered = new Set(PAIRS.map(([, e]) => e));
    const domainEnums = Object.entries(prisma)
      .filter(([, e]) => !covered.has(e as Record<string, string>))
      .map(([name]) => name);
    expect(domainEnums).toEqual([]);
  });

  it.each([
    [vocab.CONDITION_TAGS, "condition"],
    [vocab.TREATMENT_TAGS, "treatment"],
    [vocab.PENALTY_TAGS, "penalty"],
  ] as const)("suggested tags have labels in %#", (tags, catalog) => {
    for (const tag of tags) expect(Object.keys(en[catalog])).toContain(tag);
  });
});
