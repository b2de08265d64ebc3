// A person as advocates record them: shared by the person form, its server actions and
// the data layer (which parses again, so no caller can skip it). Strict: an unknown key
// such as `role`, `id`, `version` or `createdById` is an error, never silently dropped.
import { z } from "zod";
import { ALIAS_SCRIPTS, GENDERS, VULNERABILITIES } from "@/lib/domain/vocab";
import { checkPartialDate, dateString, idField, optionalCount, optionalLongText, optionalText, requiredName, requiredText } from "@/lib/validation/fields";

export { GENDERS, VULNERABILITIES };
export const SCRIPTS = ALIAS_SCRIPTS;

/** The script an alias is most likely written in; the form pre-selects it, the advocate may change it. */
export function guessScript(name: string): (typeof SCRIPTS)[number] {
  if (/(?=\p{L})\p{Script=Arabic}/u.test(name)) return "PERSO_ARABIC";
  if (/\p{L}/u.test(name) && !/\p{Script=Latin}/u.test(name)) return "OTHER";
  return "LATIN";
}

const alias = z.strictObject({
  name: requiredName("Alias"),
  script: z.enum(SCRIPTS, { error: "Choose the alias's script: Latin, Perso-Arabic or other" }),
});

const relation = z.strictObject({
  personId: idField("Related person"),
  kind: requiredText("Relation", 80),
});

const CURRENT_YEAR = new Date().getUTCFullYear();

export const personSchema = z
  .strictObject({
    name: requiredName("Name"),
    aliases: z.array(alias, { error: "Aliases must be a list" }).max(50, { error: "At most 50 aliases" }).default([]),
    gender: z.enum(GENDERS, { error: "Choose a gender (or unknown)" }).default("UNKNOWN"),
    ageYears: optionalCount("Age", 130),
    /** The day the age refers to (YYYY-MM-DD). */
    ageAsOf: dateString("Age as of"),
    birthYear: optionalCount("Birth year", CURRENT_YEAR),
    homeCity: optionalText("Home city"),
    province: optionalText("Province"),
    provinceCode: z
      .string({ error: "Province code must be text" })
      .transform((s) => s.trim().toUpperCase())
      .refine((s) => s === "" || /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(s), {
        error: "Province code must be an ISO 3166-2 code such as IR-03 (leave it empty unless verified)",
      })
      .nullish()
      .transform((s) => (s ? s : null)),
    vulnerabilities: z
      .array(z.enum(VULNERABILITIES, { error: "Unknown vulnerability" }))
      .max(VULNERABILITIES.length, { error: "Each vulnerability at most once" })
      .default([]),
    description: optionalLongText("Public description"),
    restrictedNotes: optionalLongText("Restricted notes"),
    relations: z.array(relation, { error: "Relations must be a list" }).max(100, { error: "At most 100 relations" }).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.ageAsOf !== null) {
      checkPartialDate("Age as of", p.ageAsOf, "DAY", ctx, { date: "ageAsOf", precision: "ageAsOf" });
      if (p.ageYears === null) ctx.addIssue({ code: "custom", path: ["ageYears"], message: "Age: enter the age that the date refers to" });
    }
    if (p.birthYear !== null && p.birthYear < 1900) ctx.addIssue({ code: "custom", path: ["birthYear"], message: "Birth year must be 1900 or later" });
    const names = new Set<string>();
    p.aliases.forEach((a, i) => {
      const key = a.name.toLocaleLowerCase();
      if (names.has(key) || key === p.name.toLocaleLowerCase())
        ctx.addIssue({ code: "custom", path: ["aliases", i, "name"], message: `Alias "${a.name}" is listed twice or equals the name` });
      names.add(key);
    });
    if (new Set(p.vulnerabilities).size !== p.vulnerabilities.length)
      ctx.addIssue({ code: "custom", path: ["vulnerabilities"], message: "Each vulnerability at most once" });
    const rels = new Set<string>();
    p.relations.forEach((r, i) => {
      const key = `${r.personId} ${r.kind}`;
      if (rels.has(key)) ctx.addIssue({ code: "custom", path: ["relations", i, "personId"], message: "This relation is listed twice" });
      rels.add(key);
    });
  });

export type PersonInput = z.input<typeof personSchema>;
export type PersonData = z.output<typeof personSchema>;
