"use client";
// Add / edit a timeline event. The type decides which fields appear (an arrest asks for
// city, place, authority, circumstance; a sentence for court, terms, lashes, fine, charges
// ...), so each quick update from the case page is a short form. The date is entered at
// the precision known: a day, a month, a year, or unknown.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createEventAction, updateEventAction } from "@/lib/actions/recording";
import type { EventForEdit, RecordingChoices } from "@/lib/data/recording-forms";
import { APPEAL_OUTCOMES, ARREST_CIRCUMSTANCES, EVENT_TYPES, RELEASE_TYPES, type EventTypeName } from "@/lib/validation/event";
import { CONDITION_TAGS, CONFIDENCES, DATE_PRECISIONS, PENALTY_TAGS, SUGGESTED_CURRENCIES, TREATMENT_TAGS } from "@/lib/domain/vocab";
import { SOURCE_KINDS } from "@/lib/validation/source";
import { Button, CheckboxGroup, FieldError, SelectField, TextArea, TextField } from "./fields";
import { asText, numberOrNull, orNull } from "./form-values";
import { SaveFailure } from "./save-failure";
import { SourceChecklist } from "./source-checklist";
import { useSave } from "./use-save";

const CONDITIONS = CONDITION_TAGS;
const TREATMENTS = TREATMENT_TAGS;
const PENALTIES = PENALTY_TAGS;
const CURRENCIES = SUGGESTED_CURRENCIES;
const PRECISION_OPTIONS = DATE_PRECISIONS;
const CONFIDENCE_OPTIONS = CONFIDENCES;

type Charge = { text: string; article: string };

const splitList = (s: string) => s.split(/[\n;]/).map((x) => x.trim()).filter(Boolean);

export function EventForm({ caseId, event, initialType, choices }: { caseId: string; event?: EventForEdit; initialType?: EventTypeName; choices: RecordingChoices }) {
  const t = useTranslations("recording");
  const tType = useTranslations("eventType");
  const tConf = useTranslations("confidence");
  const tCirc = useTranslations("circumstance");
  const tRel = useTranslations("releaseType");
  const tOut = useTranslations("appealOutcome");
  const tCond = useTranslations("condition");
  const tTreat = useTranslations("treatment");
  const tPen = useTranslations("penalty");
  const tKind = useTranslations("sourceKind");
  const router = useRouter();
  const { pending, failure, errors, save, ready } = useSave<{ id: string; version: number }>();

  const [type, setType] = useState<EventTypeName>(event?.type ?? initialType ?? "ARREST");
  const [precision, setPrecision] = useState<string>(event?.datePrecision ?? "DAY");
  const [date, setDate] = useState(event?.date ?? "");
  const [v, setV] = useState<Record<string, string>>({
    dateText: event?.dateText ?? "",
    description: event?.description ?? "",
    confidence: event?.confidence ?? "HIGH",
    note: event?.note ?? "",
    city: event?.city ?? "",
    place: event?.place ?? "",
    authority: event?.authority ?? "",
    circumstance: event?.circumstance ?? "",
    facility: event?.facility ?? "",
    amount: event?.amount ?? "",
    currency: event?.currency ?? "IRT",
    court: event?.court ?? "",
    branch: event?.branch ?? "",
    judge: event?.judge ?? "",
    prisonYears: asText(event?.prisonYears),
    prisonMonths: asText(event?.prisonMonths),
    prisonDays: asText(event?.prisonDays),
    lashes: asText(event?.lashes),
    fineAmount: event?.fineAmount ?? "",
    fineCurrency: event?.fineCurrency ?? "IRR",
    suspended: event?.suspended === null || event?.suspended === undefined ? "" : event.suspended ? "yes" : "no",
    appealOutcome: event?.appealOutcome ?? "REDUCED",
    releaseType: event?.releaseType ?? "FULL",
    injuries: (event?.injuries ?? []).join("; "),
  });
  const set = (key: string) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const [conditions, setConditions] = useState<string[]>(event?.conditions ?? []);
  const [treatmentKinds, setTreatmentKinds] = useState<string[]>(event?.treatmentKinds ?? []);
  const [otherPenalties, setOtherPenalties] = useState<string[]>(event?.otherPenalties ?? []);
  const [charges, setCharges] = useState<Charge[]>((event?.charges ?? []).map((c) => ({ text: c.text ?? "", article: c.article ?? "" })));
  const [sourceIds, setSourceIds] = useState<string[]>(event?.sourceIds ?? []);
  const [newSource, setNewSource] = useState<Record<string, string>>({ title: "", publisher: "", kind: "NEWS", url: "", date: "", language: "", confidential: "" });
  const setNew = (key: string) => (value: string) => setNewSource((old) => ({ ...old, [key]: value }));

  function payload() {
    const common = {
      type,
      date: precision === "UNKNOWN" ? null : orNull(date),
      datePrecision: precision,
      dateText: orNull(v.dateText!),
      description: orNull(v.description!),
      confidence: v.confidence,
      note: orNull(v.note!),
      sourceIds,
      newSources: newSource.title!.trim()
        ? [
            {
              title: newSource.title,
              publisher: orNull(newSource.publisher!),
              kind: newSource.kind,
              url: orNull(newSource.url!),
              date: orNull(newSource.date!),
              language: orNull(newSource.language!),
              confidential: newSource.confidential === "yes",
            },
          ]
        : [],
    };
    const courtFields = { court: orNull(v.court!), branch: orNull(v.branch!), judge: orNull(v.judge!) };
    const terms = { prisonYears: numberOrNull(v.prisonYears!), prisonMonths: numberOrNull(v.prisonMonths!), prisonDays: numberOrNull(v.prisonDays!), lashes: numberOrNull(v.lashes!) };
    const chargeList = charges.filter((c) => c.text.trim() || c.article.trim()).map((c) => ({ text: orNull(c.text), article: orNull(c.article) }));
    switch (type) {
      case "ARREST":
        return { ...common, city: orNull(v.city!), place: orNull(v.place!), authority: orNull(v.authority!), circumstance: orNull(v.circumstance!) };
      case "DETENTION":
      case "TRANSFER":
        return { ...common, facility: orNull(v.facility!), conditions };
      case "BAIL":
      case "TEMPORARY_RELEASE":
        return { ...common, amount: orNull(v.amount!), currency: orNull(v.amount!) ? v.currency : null };
      case "CHARGE":
        return { ...common, charges: chargeList };
      case "TRIAL":
        return { ...common, ...courtFields };
      case "SENTENCE":
        return {
          ...common,
          ...courtFields,
          ...terms,
          charges: chargeList,
          fineAmount: orNull(v.fineAmount!),
          fineCurrency: orNull(v.fineAmount!) ? v.fineCurrency : null,
          otherPenalties,
          suspended: v.suspended === "" ? null : v.suspended === "yes",
        };
      case "APPEAL":
        return { ...common, ...courtFields, ...terms, appealOutcome: v.appealOutcome };
      case "RELEASE":
        return { ...common, releaseType: v.releaseType };
      case "ILL_TREATMENT":
        return { ...common, treatmentKinds, injuries: splitList(v.injuries!) };
      default:
        return common;
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const values = payload();
    save(
      () => (event ? updateEventAction({ id: event.id, version: event.version, values }) : createEventAction({ caseId, values })),
      () => {
        router.push(`/cases/${caseId}`);
        router.refresh();
      },
    );
  }

  const hasCourt = type === "TRIAL" || type === "SENTENCE" || type === "APPEAL";
  const hasTerms = type === "SENTENCE" || type === "APPEAL";
  const hasCharges = type === "CHARGE" || type === "SENTENCE";

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5" data-testid="event-form" data-ready={ready ? "true" : undefined}>
      <SaveFailure failure={failure} />
      <SelectField id="event-type" label={t("event.type")} value={type} onChange={(x) => setType(x as EventTypeName)} options={EVENT_TYPES.map((x) => ({ value: x, label: tType(x) }))} error={errors.type} />

      <fieldset className="grid gap-4 rounded-md border border-line p-3 sm:grid-cols-3">
        <legend className="px-1 text-sm font-semibold">{t("event.when")}</legend>
        <SelectField
          id="event-precision"
          label={t("event.precision")}
          value={precision}
          onChange={(p) => {
            setPrecision(p);
            setDate("");
          }}
          options={PRECISION_OPTIONS.map((p) => ({ value: p, label: t(`precision.${p}`) }))}
          error={errors.datePrecision}
        />
        {precision !== "UNKNOWN" ? (
          <TextField
            id="event-date"
            type={precision === "DAY" ? "date" : precision === "MONTH" ? "month" : "text"}
            inputMode={precision === "YEAR" ? "numeric" : undefined}
            placeholder={precision === "YEAR" ? "2020" : undefined}
            label={t("event.date")}
            value={date}
            onChange={setDate}
            error={errors.date}
          />
        ) : null}
        <TextField id="event-date-text" label={t("event.dateText")} hint={t("event.dateTextHint")} value={v.dateText!} onChange={set("dateText")} error={errors.dateText} />
      </fieldset>

      {type === "ARREST" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="event-city" label={t("event.city")} value={v.city!} onChange={set("city")} error={errors.city} />
          <TextField id="event-place" label={t("event.place")} value={v.place!} onChange={set("place")} error={errors.place} />
          <TextField id="event-authority" label={t("event.authority")} hint={t("event.authorityHint")} value={v.authority!} onChange={set("authority")} error={errors.authority} />
          <SelectField
            id="event-circumstance"
            label={t("event.circumstance")}
            value={v.circumstance!}
            onChange={set("circumstance")}
            options={[{ value: "", label: t("notKnown") }, ...ARREST_CIRCUMSTANCES.map((c) => ({ value: c, label: tCirc(c) }))]}
            error={errors.circumstance}
          />
        </div>
      ) : null}

      {type === "DETENTION" || type === "TRANSFER" ? (
        <>
          <TextField id="event-facility" label={t("event.facility")} hint={t("event.facilityHint")} list="facility-names" value={v.facility!} onChange={set("facility")} error={errors.facility} />
          <datalist id="facility-names">
            {choices.facilities.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          <CheckboxGroup id="event-conditions" legend={t("event.conditions")} options={CONDITIONS.map((c) => ({ value: c, label: tCond(c) }))} values={conditions} onChange={setConditions} error={errors.conditions} />
        </>
      ) : null}

      {type === "BAIL" || type === "TEMPORARY_RELEASE" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="event-amount" label={t("event.amount")} hint={t("event.amountHint")} inputMode="decimal" value={v.amount!} onChange={set("amount")} error={errors.amount} />
          <SelectField id="event-currency" label={t("event.currency")} value={v.currency!} onChange={set("currency")} options={CURRENCIES.map((c) => ({ value: c, label: t(`currency.${c}`) }))} error={errors.currency} />
        </div>
      ) : null}

      {hasCourt ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField id="event-court" className="sm:col-span-3" label={t("event.court")} hint={t("event.courtHint")} list="court-names" value={v.court!} onChange={set("court")} error={errors.court} />
          <datalist id="court-names">
            {choices.courts.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <TextField id="event-branch" label={t("event.branch")} value={v.branch!} onChange={set("branch")} error={errors.branch} />
          <TextField id="event-judge" label={t("event.judge")} value={v.judge!} onChange={set("judge")} error={errors.judge} />
        </div>
      ) : null}

      {type === "APPEAL" ? (
        <SelectField id="event-outcome" label={t("event.appealOutcome")} value={v.appealOutcome!} onChange={set("appealOutcome")} options={APPEAL_OUTCOMES.map((o) => ({ value: o, label: tOut(o) }))} error={errors.appealOutcome} />
      ) : null}

      {hasTerms ? (
        <fieldset className="grid gap-4 rounded-md border border-line p-3 sm:grid-cols-4">
          <legend className="px-1 text-sm font-semibold">{type === "APPEAL" ? t("event.newTerms") : t("event.terms")}</legend>
          <TextField id="event-years" label={t("event.prisonYears")} inputMode="numeric" value={v.prisonYears!} onChange={set("prisonYears")} error={errors.prisonYears} />
          <TextField id="event-months" label={t("event.prisonMonths")} inputMode="numeric" value={v.prisonMonths!} onChange={set("prisonMonths")} error={errors.prisonMonths} />
          <TextField id="event-days" label={t("event.prisonDays")} inputMode="numeric" value={v.prisonDays!} onChange={set("prisonDays")} error={errors.prisonDays} />
          <TextField id="event-lashes" label={t("event.lashes")} inputMode="numeric" value={v.lashes!} onChange={set("lashes")} error={errors.lashes} />
        </fieldset>
      ) : null}

      {type === "SENTENCE" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField id="event-fine" label={t("event.fine")} inputMode="decimal" value={v.fineAmount!} onChange={set("fineAmount")} error={errors.fineAmount} />
          <SelectField id="event-fine-currency" label={t("event.fineCurrency")} value={v.fineCurrency!} onChange={set("fineCurrency")} options={CURRENCIES.map((c) => ({ value: c, label: t(`currency.${c}`) }))} error={errors.fineCurrency} />
          <SelectField
            id="event-suspended"
            label={t("event.suspended")}
            value={v.suspended!}
            onChange={set("suspended")}
            options={[
              { value: "", label: t("notKnown") },
              { value: "yes", label: t("yes") },
              { value: "no", label: t("no") },
            ]}
            error={errors.suspended}
          />
          <div className="sm:col-span-3">
            <CheckboxGroup id="event-penalties" legend={t("event.otherPenalties")} options={PENALTIES.map((p) => ({ value: p, label: tPen(p) }))} values={otherPenalties} onChange={setOtherPenalties} error={errors.otherPenalties} />
          </div>
        </div>
      ) : null}

      {hasCharges ? (
        <fieldset className="space-y-3 rounded-md border border-line p-3">
          <legend className="px-1 text-sm font-semibold">{t("event.charges")}</legend>
          {charges.map((c, i) => (
            <div key={i} className="grid items-end gap-3 sm:grid-cols-[1fr_12rem_auto]">
              <TextField id={`charge-${i}-text`} label={t("event.chargeText", { n: i + 1 })} value={c.text} onChange={(x) => setCharges(charges.map((y, j) => (j === i ? { ...y, text: x } : y)))} error={errors[`charges.${i}.text`]} />
              <TextField id={`charge-${i}-article`} label={t("event.chargeArticle", { n: i + 1 })} value={c.article} onChange={(x) => setCharges(charges.map((y, j) => (j === i ? { ...y, article: x } : y)))} error={errors[`charges.${i}.article`]} />
              <Button onClick={() => setCharges(charges.filter((_, j) => j !== i))} aria-label={t("event.removeCharge", { n: i + 1 })}>
                {t("remove")}
              </Button>
            </div>
          ))}
          <Button onClick={() => setCharges([...charges, { text: "", article: "" }])}>{t("event.addCharge")}</Button>
        </fieldset>
      ) : null}

      {type === "RELEASE" ? (
        <SelectField id="event-release-type" label={t("event.releaseType")} value={v.releaseType!} onChange={set("releaseType")} options={RELEASE_TYPES.map((r) => ({ value: r, label: tRel(r) }))} error={errors.releaseType} />
      ) : null}

      {type === "ILL_TREATMENT" ? (
        <>
          <CheckboxGroup id="event-treatment" legend={t("event.treatmentKinds")} options={TREATMENTS.map((x) => ({ value: x, label: tTreat(x) }))} values={treatmentKinds} onChange={setTreatmentKinds} error={errors.treatmentKinds} />
          <TextField id="event-injuries" label={t("event.injuries")} hint={t("event.injuriesHint")} value={v.injuries!} onChange={set("injuries")} error={errors.injuries ?? errors["injuries.0"]} />
        </>
      ) : null}

      <TextArea id="event-description" label={t("event.description")} value={v.description!} onChange={set("description")} error={errors.description} />
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <SelectField id="event-confidence" label={t("event.confidence")} value={v.confidence!} onChange={set("confidence")} options={CONFIDENCE_OPTIONS.map((c) => ({ value: c, label: tConf(c) }))} error={errors.confidence} />
        <TextArea id="event-note" label={t("event.note")} hint={t("event.noteHint")} rows={2} value={v.note!} onChange={set("note")} error={errors.note} />
      </div>

      <fieldset className="space-y-3 rounded-md border border-line p-3" aria-describedby={errors.sourceIds ? "event-sources-error" : undefined}>
        <legend className="px-1 text-sm font-semibold">{t("event.sources")}</legend>
        <p className="text-sm text-ink-muted">{t("event.sourcesHint")}</p>
        <SourceChecklist idPrefix="event" sources={choices.sources} chosen={sourceIds} onChange={setSourceIds} />
        <FieldError id="event-sources-error" error={errors.sourceIds} />
        <details className="rounded border border-line p-2" open={newSource.title !== ""}>
          <summary className="cursor-pointer text-sm font-medium">{t("event.newSource")}</summary>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            <TextField id="new-source-title" className="sm:col-span-2" label={t("source.title")} value={newSource.title!} onChange={setNew("title")} error={errors["newSources.0.title"]} />
            <TextField id="new-source-publisher" label={t("source.publisher")} value={newSource.publisher!} onChange={setNew("publisher")} error={errors["newSources.0.publisher"]} />
            <SelectField id="new-source-kind" label={t("source.kind")} value={newSource.kind!} onChange={setNew("kind")} options={SOURCE_KINDS.map((k) => ({ value: k, label: tKind(k) }))} error={errors["newSources.0.kind"]} />
            <TextField id="new-source-url" label={t("source.url")} type="url" value={newSource.url!} onChange={setNew("url")} error={errors["newSources.0.url"]} />
            <TextField id="new-source-date" label={t("source.date")} hint={t("source.dateHint")} value={newSource.date!} onChange={setNew("date")} error={errors["newSources.0.date"]} />
            <TextField id="new-source-language" label={t("source.language")} value={newSource.language!} onChange={setNew("language")} error={errors["newSources.0.language"]} />
            <SelectField
              id="new-source-confidential"
              label={t("source.confidential")}
              value={newSource.confidential!}
              onChange={setNew("confidential")}
              options={[
                { value: "", label: t("source.public") },
                { value: "yes", label: t("source.confidentialYes") },
              ]}
            />
          </div>
        </details>
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
