"use client";
// New / edit person: name, aliases with their script, gender, age and its date, home city,
// province, vulnerabilities, public description, restricted notes, relations.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createPersonAction, similarPeopleAction, updatePersonAction } from "@/lib/actions/recording";
import type { DuplicateCandidate } from "@/lib/data/person-duplicates";
import type { PersonForEdit } from "@/lib/data/recording-forms";
import { GENDERS, SCRIPTS, VULNERABILITIES, guessScript } from "@/lib/validation/person";
import { Button, CheckboxGroup, SelectField, TextArea, TextField } from "@/components/forms/fields";
import { asText, numberOrNull, orNull } from "@/components/forms/form-values";
import { SaveFailure } from "@/components/forms/save-failure";
import { useSave } from "@/components/forms/use-save";

type Alias = { name: string; script: string };
type Relation = { personId: string; kind: string };

export function PersonForm({ person, people }: { person?: PersonForEdit; people: { id: string; name: string }[] }) {
  const t = useTranslations("recording");
  const tg = useTranslations("gender");
  const ts = useTranslations("script");
  const tv = useTranslations("vulnerability");
  const router = useRouter();
  const { pending, failure, errors, save, ready } = useSave<{ id: string; version: number }>();

  const [name, setName] = useState(person?.name ?? "");
  const [aliases, setAliases] = useState<Alias[]>(person?.aliases ?? []);
  const [gender, setGender] = useState<string>(person?.gender ?? "UNKNOWN");
  const [ageYears, setAgeYears] = useState(asText(person?.ageYears));
  const [ageAsOf, setAgeAsOf] = useState(person?.ageAsOf ?? "");
  const [birthYear, setBirthYear] = useState(asText(person?.birthYear));
  const [homeCity, setHomeCity] = useState(person?.homeCity ?? "");
  const [province, setProvince] = useState(person?.province ?? "");
  const [provinceCode, setProvinceCode] = useState(person?.provinceCode ?? "");
  const [vulnerabilities, setVulnerabilities] = useState<string[]>(person?.vulnerabilities ?? []);
  const [description, setDescription] = useState(person?.description ?? "");
  const [restrictedNotes, setRestrictedNotes] = useState(person?.restrictedNotes ?? "");
  const [relations, setRelations] = useState<Relation[]>(person?.relations ?? []);

  // Duplicate warning (new people only): people already recorded with a close name or
  // alias, looked up when the advocate leaves the name or an alias field. A warning, not a
  // block: two people can share a name.
  const [similar, setSimilar] = useState<DuplicateCandidate[]>([]);
  async function checkSimilar() {
    if (person || !name.trim()) return;
    const result = await similarPeopleAction({ name, aliases: aliases.map((a) => a.name).filter((n) => n.trim()) });
    setSimilar(result.ok ? result.data : []);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = {
      name,
      aliases,
      gender,
      ageYears: numberOrNull(ageYears),
      ageAsOf: orNull(ageAsOf),
      birthYear: numberOrNull(birthYear),
      homeCity: orNull(homeCity),
      province: orNull(province),
      provinceCode: orNull(provinceCode),
      vulnerabilities,
      description: orNull(description),
      restrictedNotes: orNull(restrictedNotes),
      relations,
    };
    save(
      () => (person ? updatePersonAction({ id: person.id, version: person.version, values }) : createPersonAction({ values })),
      (saved) => {
        router.push(`/people/${saved.id}`);
        router.refresh();
      },
    );
  }

  const others = people.filter((p) => p.id !== person?.id);

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5" data-testid="person-form" data-ready={ready ? "true" : undefined}>
      <SaveFailure failure={failure} />
      <div onBlur={() => void checkSimilar()}>
        <TextField
          id="person-name"
          label={t("person.name")}
          hint={t("person.nameHint")}
          value={name}
          onChange={setName}
          error={errors.name}
          required
          autoFocus
        />
      </div>
      {similar.length ? (
        <div role="status" data-testid="similar-people" className="rounded-md border border-warning-ink/30 bg-warning-bg px-4 py-3 text-sm text-warning-ink">
          <p className="font-semibold">{t("person.similarTitle")}</p>
          <ul className="mt-1 list-disc ps-5">
            {similar.map((c) => (
              <li key={c.personId}>
                <a href={c.href} target="_blank" rel="noopener noreferrer" dir="auto">
                  {c.name}
                </a>{" "}
                <span dir="auto">({t("person.similarMatch", { matched: c.matchedName, input: c.matchedInput })})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <fieldset className="space-y-3 rounded-md border border-line p-3">
        <legend className="px-1 text-sm font-semibold">{t("person.aliases")}</legend>
        {/* Leaving an alias field checks for people already recorded under that spelling. */}
        {aliases.length === 0 ? <p className="text-sm text-ink-muted">{t("person.noAliases")}</p> : null}
        {aliases.map((a, i) => (
          <div key={i} className="grid items-end gap-3 sm:grid-cols-[1fr_12rem_auto]" onBlur={() => void checkSimilar()}>
            <TextField
              id={`alias-${i}-name`}
              label={t("person.aliasN", { n: i + 1 })}
              value={a.name}
              onChange={(v) => setAliases(aliases.map((x, j) => (j === i ? { name: v, script: x.name === "" ? guessScript(v) : x.script } : x)))}
              error={errors[`aliases.${i}.name`]}
            />
            <SelectField
              id={`alias-${i}-script`}
              label={t("person.aliasScript", { n: i + 1 })}
              value={a.script}
              onChange={(v) => setAliases(aliases.map((x, j) => (j === i ? { ...x, script: v } : x)))}
              options={SCRIPTS.map((s) => ({ value: s, label: ts(s) }))}
              error={errors[`aliases.${i}.script`]}
            />
            <Button onClick={() => setAliases(aliases.filter((_, j) => j !== i))} aria-label={t("person.removeAlias", { n: i + 1 })}>
              {t("remove")}
            </Button>
          </div>
        ))}
        <Button onClick={() => setAliases([...aliases, { name: "", script: "LATIN" }])}>{t("person.addAlias")}</Button>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id="person-gender"
          label={t("person.gender")}
          value={gender}
          onChange={setGender}
          options={GENDERS.map((g) => ({ value: g, label: tg(g) }))}
          error={errors.gender}
        />
        <TextField
          id="person-birth-year"
          label={t("person.birthYear")}
          value={birthYear}
          onChange={setBirthYear}
          inputMode="numeric"
          error={errors.birthYear}
        />
        <TextField id="person-age" label={t("person.ageYears")} value={ageYears} onChange={setAgeYears} inputMode="numeric" error={errors.ageYears} />
        <TextField id="person-age-as-of" type="date" label={t("person.ageAsOf")} value={ageAsOf} onChange={setAgeAsOf} error={errors.ageAsOf} />
        <TextField id="person-home-city" label={t("person.homeCity")} value={homeCity} onChange={setHomeCity} error={errors.homeCity} />
        <TextField id="person-province" label={t("person.province")} value={province} onChange={setProvince} error={errors.province} />
        <TextField
          id="person-province-code"
          label={t("person.provinceCode")}
          hint={t("person.provinceCodeHint")}
          value={provinceCode}
          onChange={setProvinceCode}
          error={errors.provinceCode}
        />
      </div>

      <CheckboxGroup
        id="person-vulnerabilities"
        legend={t("person.vulnerabilities")}
        options={VULNERABILITIES.map((v) => ({ value: v, label: tv(v) }))}
        values={vulnerabilities}
        onChange={setVulnerabilities}
        error={errors.vulnerabilities}
      />

      <TextArea
        id="person-description"
        label={t("person.description")}
        hint={t("person.descriptionHint")}
        value={description}
        onChange={setDescription}
        error={errors.description}
      />
      <TextArea
        id="person-restricted"
        label={t("person.restrictedNotes")}
        hint={t("person.restrictedHint")}
        value={restrictedNotes}
        onChange={setRestrictedNotes}
        error={errors.restrictedNotes}
      />

      <fieldset className="space-y-3 rounded-md border border-line p-3">
        <legend className="px-1 text-sm font-semibold">{t("person.relations")}</legend>
        {errors.relations ? <p className="text-sm font-medium text-danger-ink">{errors.relations}</p> : null}
        {relations.map((r, i) => (
          <div key={i} className="grid items-end gap-3 sm:grid-cols-[1fr_12rem_auto]">
            <SelectField
              id={`relation-${i}-person`}
              label={t("person.relatedPerson", { n: i + 1 })}
              value={r.personId}
              onChange={(v) => setRelations(relations.map((x, j) => (j === i ? { ...x, personId: v } : x)))}
              options={[{ value: "", label: t("choose") }, ...others.map((p) => ({ value: p.id, label: p.name }))]}
              error={errors[`relations.${i}.personId`]}
            />
            <TextField
              id={`relation-${i}-kind`}
              label={t("person.relationKind", { n: i + 1 })}
              hint={i === 0 ? t("person.relationKindHint") : undefined}
              value={r.kind}
              onChange={(v) => setRelations(relations.map((x, j) => (j === i ? { ...x, kind: v } : x)))}
              error={errors[`relations.${i}.kind`]}
            />
            <Button onClick={() => setRelations(relations.filter((_, j) => j !== i))} aria-label={t("person.removeRelation", { n: i + 1 })}>
              {t("remove")}
            </Button>
          </div>
        ))}
        <Button onClick={() => setRelations([...relations, { personId: "", kind: "" }])}>{t("person.addRelation")}</Button>
      </fieldset>

      <div className="flex gap-3">
        <Button type="submit" variant="primary" disabled={pending || !ready} data-testid="save">
          {pending ? t("saving") : t("save")}
        </Button>
        <Button onClick={() => router.back()}>{t("cancel")}</Button>
      </div>
    </form>
  );
}
