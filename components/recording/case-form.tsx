"use client";
// New / edit case: whose case, the incident it belongs to (optional) and a summary. The
// status and sentence are never typed in: they follow the timeline.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createCaseAction, updateCaseAction } from "@/lib/actions/recording";
import type { CaseForEdit, RecordingChoices } from "@/lib/data/recording-forms";
import { Button, SelectField, TextArea } from "@/components/forms/fields";
import { orNull } from "@/components/forms/form-values";
import { SaveFailure } from "@/components/forms/save-failure";
import { useSave } from "@/components/forms/use-save";

export function CaseForm({ kase, personId, choices }: { kase?: CaseForEdit; personId?: string; choices: Pick<RecordingChoices, "people" | "incidents"> }) {
  const t = useTranslations("recording");
  const router = useRouter();
  const { pending, failure, errors, save, ready } = useSave<{ id: string; version: number }>();
  const [person, setPerson] = useState(kase?.personId ?? personId ?? "");
  const [incident, setIncident] = useState(kase?.incidentId ?? "");
  const [summary, setSummary] = useState(kase?.summary ?? "");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = { personId: person, incidentId: orNull(incident), summary: orNull(summary) };
    save(
      () => (kase ? updateCaseAction({ id: kase.id, version: kase.version, values }) : createCaseAction({ values })),
      (saved) => {
        router.push(`/cases/${saved.id}`);
        router.refresh();
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5" data-testid="case-form" data-ready={ready ? "true" : undefined}>
      <SaveFailure failure={failure} />
      <SelectField
        id="case-person"
        label={t("case.person")}
        value={person}
        onChange={setPerson}
        options={[{ value: "", label: t("choose") }, ...choices.people.map((p) => ({ value: p.id, label: p.name }))]}
        error={errors.personId}
      />
      <SelectField
        id="case-incident"
        label={t("case.incident")}
        hint={t("case.incidentHint")}
        value={incident}
        onChange={setIncident}
        options={[{ value: "", label: t("case.noIncident") }, ...choices.incidents.map((i) => ({ value: i.id, label: i.title }))]}
        error={errors.incidentId}
      />
      <TextArea id="case-summary" label={t("case.summary")} value={summary} onChange={setSummary} error={errors.summary} />
      <div className="flex gap-3">
        <Button type="submit" variant="primary" disabled={pending || !ready} data-testid="save">
          {pending ? t("saving") : t("save")}
        </Button>
        <Button onClick={() => router.back()}>{t("cancel")}</Button>
      </div>
    </form>
  );
}
