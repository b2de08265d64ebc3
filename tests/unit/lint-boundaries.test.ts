// The import boundaries of eslint.config.mjs, run through ESLint itself on code written into
// each area: every deliberate violation fails with the boundary rule, and what each area may
// import passes.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
const RULE = "@typescript-eslint/no-restricted-imports";

/** The boundary messages ESLint reports for `code` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const use = (names: string) => `\nexport const used = [${names}];\n`;

describe("import boundaries", () => {
  const violations: [file: string, code: string, says: RegExp][] = [
    ["app/(dashboard)/example/page.tsx", `import { db } from "@/lib/db";${use("db")}`, /Only the data layer/],
    ["app/(dashboard)/example/page.tsx", `import { Gender } from "@/lib/generated/prisma/enums";${use("Gender")}`, /lib\/domain\/vocab/],
    ["components/example/card.tsx", `import { db } from "@/lib/db";${use("db")}`, /Only the data layer/],
    ["components/example/card.tsx", `import { getCase } from "@/lib/data/cases";${use("getCase")}`, /receive data as props/],
    [
      "components/example/card.tsx",
      `import { changePasswordAction } from "@/app/(dashboard)/account/security/actions";${use("changePasswordAction")}`,
      /Nothing imports from app/,
    ],
    ["lib/report/example.ts", `import { humaniseTag } from "@/components/ui/example";${use("humaniseTag")}`, /does not import UI code/],
    ["lib/report/example.ts", `import { db } from "@/lib/db";${use("db")}`, /Only the data layer/],
    ["lib/domain/example.ts", `import { getCase } from "@/lib/data/cases";${use("getCase")}`, /are pure/],
    ["lib/events/example.ts", `import { db } from "@/lib/db";${use("db")}`, /are pure/],
    ["lib/events/example.ts", `import { useState } from "react";${use("useState")}`, /no framework/],
    ["lib/data/example.ts", `import { Button } from "@/components/forms/fields";${use("Button")}`, /does not import UI code/],
  ];

  it.each(violations)("%s: %s is refused", async (file, code, says) => {
    const errors = await boundaryErrors(file, code);
    expect(errors.length, code).toBe(1);
    expect(errors[0]).toMatch(says);
  });

  const allowed: [file: string, code: string][] = [
    [
      "components/example/card.tsx",
      `import type { CaseView } from "@/lib/data/case-view";\nimport type { Gender } from "@/lib/generated/prisma/enums";\nexport type X = [CaseView, Gender];\n`,
    ],
    ["components/example/card.tsx", `import { GENDERS } from "@/lib/domain/vocab";${use("GENDERS")}`],
    ["app/(dashboard)/example/page.tsx", `import { getCase } from "@/lib/data/cases";${use("getCase")}`],
    [
      "lib/events/example.ts",
      `import { EVENT_TYPES } from "@/lib/domain/vocab";\nimport { optionalText } from "@/lib/validation/fields";\nimport { fieldDef } from "@/lib/events/registry";${use("EVENT_TYPES, optionalText, fieldDef")}`,
    ],
    ["lib/data/example.ts", `import { db } from "@/lib/db";${use("db")}`],
  ];

  it.each(allowed)("%s: %s is allowed", async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });

  it("holds on the whole tree (npm run lint checks every file; this checks the rule is on)", async () => {
    const config = await eslint.calculateConfigForFile("components/case/case-timeline.tsx");
    expect(config.rules?.[RULE]?.[0]).toBe(2);
  });
});
