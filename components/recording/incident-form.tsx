"use client";
// New / edit incident: title, date with its precision and as written, where, description,
// the number the sources report detained (with its note), confidence, note and sources.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createIncidentAction, updateIncidentAction } from "@/lib/actions/recording";
import type { IncidentForEdit } from "@/lib/data/incident-source-forms";
import { CONFIDENCES, PRECISIONS } from "@/lib/validation/fields";
import { Button, FieldError, SelectField, TextArea, TextField } from "@/components/forms/fields";
import { asText, numberOrNull, orNull } from "@/components/forms/form-values";
import { SaveFailure } from "@/components/forms/save-failure";
import { SourceChecklist, type SourceChoice } from "@/components/forms/source-checklist";
import { useSave } from "@/components/forms/use-save";

export function IncidentForm({ incident, sources }: { incident?: IncidentForEdit; sources: SourceChoice[] }) {
  const t = useTranslations("incidentForm");
  const tr = useTranslations("recording");
  const tConf = useTranslations("confidence");
  const router = useRouter();
  const { pending, failure, errors, save, ready } = useSave<{ id: string; version: number }>();

  const [title, setTitle] = useState(incident?.title ?? "");
  const [precision, setPrecision] = useState<string>(incident?.datePrecision ?? "DAY");
  const [date, setDate] = useState(incident?.date ?? "");
  const [v, setV] = useState<Record<string, string>>({
    dateText: incident?.dateText ?? "",
    country: incident?.country ?? "",
    province: incident?.province ?? "",
    city: incident?.city ?? "",
    place: incident?.place ?? "",
    description: incident?.description ?? "",
    reportedDetained: asText(incident?.reportedDetained),
    reportedDetainedNote: incident?.reportedDetainedNote ?? "",
    confidence: incident?.confidence ?? "HIGH",
    note: incident?.note ?? "",
  });
  const set = (key: string) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const [sourceIds, setSourceIds] = useState<string[]>(incident?.sourceIds ?? []);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = {
      title,
      date: precision === "UNKNOWN" ? null : orNull(date),
      datePrecision: precision,
      dateText: orNull(v.dateText!),
      country: orNull(v.country!),
      province: orNull(v.province!),
      city: orNull(v.city!),
      place: orNull(v.place!),
      description: orNull(v.description!),
      reportedDetained: numberOrNull(v.reportedDetained!),
      reportedDetainedNote: orNull(v.reportedDetainedNote!),
      confidence: v.confidence,
      note: orNull(v.note!),
      sourceIds,
    };
    save(
      () => (incident ? updateIncidentAction({ id: incident.id, version: incident.version, values }) : createIncidentAction({ values })),
      (saved) => {
        router.push(`/incidents/${saved.id}`);
        router.refresh();
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5" data-testid="incident-form" data-ready={ready ? "true" : undefined}>
      <SaveFailure failure={failure} />
      <TextField id="incident-title" label={t("title")} hint={t("titleHint")} value={title} onChange={setTitle} error={errors.title} required autoFocus />

      <fieldset className="grid gap-4 rounded-md border border-line p-3 sm:grid-cols-3">
        <legend className="px-1 text-sm font-semibold">{t("when")}</legend>
        <SelectField
          id="incident-precision"
          label={t("precision")}
          value={precision}
          onChange={(p) => {
            setPrecision(p);
            setDate("");
          }}
          options={PRECISIONS.map((p) => ({ value: p, label: tr(`precision.${p}`) }))}
          error={errors.datePrecision}
        />
        {precision !== "UNKNOWN" ? (
          <TextField
            id="incident-date"
            type={precision === "DAY" ? "date" : precision === "MONTH" ? "month" : "text"}
            inputMode={precision === "YEAR" ? "numeric" : undefined}
            placeholder={precision === "YEAR" ? "2020" : undefined}
            label={t("date")}
            value={date}
            onChange={setDate}
            error={errors.date}
          />
        ) : null}
        <TextField
          id="incident-date-text"
          label={t("dateText")}
          hint={t("dateTextHint")}
          value={v.dateText!}
          onChange={set("dateText")}
          error={errors.dateText}
        />
      </fieldset>

      <fieldset className="grid gap-4 rounded-md border border-line p-3 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">{t("where")}</legend>
        <TextField id="incident-country" label={t("country")} hint={t("countryHint")} value={v.country!} onChange={set("country")} error={errors.country} />
        <TextField id="incident-province" label={t("province")} value={v.province!} onChange={set("province")} error={errors.province} />
        <TextField id="incident-city" label={t("city")} value={v.city!} onChange={set("city")} error={errors.city} />
        <TextField id="incident-place" label={t("place")} hint={t("placeHint")} value={v.place!} onChange={set("place")} error={errors.place} />
      </fieldset>

      <TextArea id="incident-description" label={t("description")} value={v.description!} onChange={set("description")} error={errors.description} />

      <fieldset className="grid gap-4 rounded-md border border-line p-3 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">{t("reported")}</legend>
        <TextField
          id="incident-reported"
          label={t("reportedDetained")}
          hint={t("reportedDetainedHint")}
          inputMode="numeric"
          value={v.reportedDetained!}
          onChange={set("reportedDetained")}
          error={errors.reportedDetained}
        />
        <TextArea
          id="incident-reported-note"
          label={t("reportedDetainedNote")}
          hint={t("reportedDetainedNoteHint")}
          rows={2}
          value={v.reportedDetainedNote!}
          onChange={set("reportedDetainedNote")}
          error={errors.reportedDetainedNote}
        />
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <SelectField
          id="incident-confidence"
          label={t("confidence")}
          value={v.confidence!}
          onChange={set("confidence")}
          options={CONFIDENCES.map((c) => ({ value: c, label: tConf(c) }))}
          error={errors.confidence}
        />
        <TextArea id="incident-note" label={t("note")} hint={t("noteHint")} rows={2} value={v.note!} onChange={set("note")} error={errors.note} />
      </div>

      <fieldset
        className="space-y-3 rounded-md border border-line p-3"
        aria-describedby={errors.sourceIds ? "incident-sources-error" : "incident-sources-hint"}
      >
        <legend className="px-1 text-sm font-semibold">{t("sources")}</legend>
        <p id="incident-sources-hint" className="text-sm text-ink-muted">
          {t("sourcesHint")}
        </p>
        {sources.length === 0 ? (
          <p className="text-sm text-ink-muted">{t("noSources")}</p>
        ) : (
          <SourceChecklist idPrefix="incident" sources={sources} chosen={sourceIds} onChange={setSourceIds} />
        )}
        <FieldError id="incident-sources-error" error={errors.sourceIds} />
      </fieldset>

      <div className="flex gap-3">
        <Button type="submit" variant="primary" disabled={pending || !ready} data-testid="save">
          {pending ? tr("saving") : tr("save")}
        </Button>
        <Button onClick={() => router.back()}>{tr("cancel")}</Button>
      </div>
    </form>
  );
}
