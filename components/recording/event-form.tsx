"use client";
// Add / edit a timeline event. The type decides which fields appear (an arrest asks for
// city, place, authority, circumstance; a sentence for court, terms, lashes, fine, charges
// ...: the event registry says, and ./event-fields.tsx lays them out), so each quick update
// from the case page is a short form. The date is entered at
// the precision known: a day, a month, a year, or unknown.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createEventAction, updateEventAction } from "@/lib/actions/recording";
import type { EventForEdit, RecordingChoices } from "@/lib/data/recording-forms";
import type { EventFieldName } from "@/lib/events/registry";
import { EVENT_TYPES, type EventTypeName } from "@/lib/validation/event";
import { CONFIDENCES, DATE_PRECISIONS } from "@/lib/domain/vocab";
import { SOURCE_KINDS } from "@/lib/validation/source";
import { initialTypedValues, typedPayload, TypedFields, type TypedValues } from "./event-fields";
import { Button, FieldError, SelectField, TextArea, TextField } from "@/components/forms/fields";
import { orNull } from "@/components/forms/form-values";
import { SaveFailure } from "@/components/forms/save-failure";
import { SourceChecklist } from "@/components/forms/source-checklist";
import { useSave } from "@/components/forms/use-save";

const PRECISION_OPTIONS = DATE_PRECISIONS;
const CONFIDENCE_OPTIONS = CONFIDENCES;

export function EventForm({
  caseId,
  event,
  initialType,
  choices,
}: {
  caseId: string;
  event?: EventForEdit;
  initialType?: EventTypeName;
  choices: RecordingChoices;
}) {
  const t = useTranslations("recording");
  const tType = useTranslations("eventType");
  const tConf = useTranslations("confidence");
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
  });
  const set = (key: string) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const [typed, setTyped] = useState<TypedValues>(() => initialTypedValues(event));
  const setTypedField = (name: EventFieldName, value: TypedValues[EventFieldName]) => setTyped((old) => ({ ...old, [name]: value }));
  const [sourceIds, setSourceIds] = useState<string[]>(event?.sourceIds ?? []);
  const [newSource, setNewSource] = useState<Record<string, string>>({
    title: "",
    publisher: "",
    kind: "NEWS",
    url: "",
    date: "",
    language: "",
    confidential: "",
  });
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
    return { ...common, ...typedPayload(type, typed) };
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

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5" data-testid="event-form" data-ready={ready ? "true" : undefined}>
      <SaveFailure failure={failure} />
      <SelectField
        id="event-type"
        label={t("event.type")}
        value={type}
        onChange={(x) => setType(x as EventTypeName)}
        options={EVENT_TYPES.map((x) => ({ value: x, label: tType(x) }))}
        error={errors.type}
      />

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
        <TextField
          id="event-date-text"
          label={t("event.dateText")}
          hint={t("event.dateTextHint")}
          value={v.dateText!}
          onChange={set("dateText")}
          error={errors.dateText}
        />
      </fieldset>

      <TypedFields type={type} values={typed} onChange={setTypedField} errors={errors} choices={choices} />

      <TextArea id="event-description" label={t("event.description")} value={v.description!} onChange={set("description")} error={errors.description} />
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <SelectField
          id="event-confidence"
          label={t("event.confidence")}
          value={v.confidence!}
          onChange={set("confidence")}
          options={CONFIDENCE_OPTIONS.map((c) => ({ value: c, label: tConf(c) }))}
          error={errors.confidence}
        />
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
            <TextField
              id="new-source-title"
              className="sm:col-span-2"
              label={t("source.title")}
              value={newSource.title!}
              onChange={setNew("title")}
              error={errors["newSources.0.title"]}
            />
            <TextField
              id="new-source-publisher"
              label={t("source.publisher")}
              value={newSource.publisher!}
              onChange={setNew("publisher")}
              error={errors["newSources.0.publisher"]}
            />
            <SelectField
              id="new-source-kind"
              label={t("source.kind")}
              value={newSource.kind!}
              onChange={setNew("kind")}
              options={SOURCE_KINDS.map((k) => ({ value: k, label: tKind(k) }))}
              error={errors["newSources.0.kind"]}
            />
            <TextField
              id="new-source-url"
              label={t("source.url")}
              type="url"
              value={newSource.url!}
              onChange={setNew("url")}
              error={errors["newSources.0.url"]}
            />
            <TextField
              id="new-source-date"
              label={t("source.date")}
              hint={t("source.dateHint")}
              value={newSource.date!}
              onChange={setNew("date")}
              error={errors["newSources.0.date"]}
            />
            <TextField
              id="new-source-language"
              label={t("source.language")}
              value={newSource.language!}
              onChange={setNew("language")}
              error={errors["newSources.0.language"]}
            />
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
