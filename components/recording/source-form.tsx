"use client";
// New / edit source: title, publisher, kind, URL (http/https), date, language, the
// confidential flag (confidential sources never reach a VIEWER) and how it is known.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createSourceAction, updateSourceAction } from "@/lib/actions/recording";
import type { SourceForEdit } from "@/lib/data/incident-source-forms";
import { SOURCE_KINDS } from "@/lib/validation/source";
import { Button, FieldError, SelectField, TextField } from "@/components/forms/fields";
import { orNull } from "@/components/forms/form-values";
import { SaveFailure } from "@/components/forms/save-failure";
import { useSave } from "@/components/forms/use-save";

export function SourceForm({ source }: { source?: SourceForEdit }) {
  const t = useTranslations("sourceForm");
  const tr = useTranslations("recording");
  const tKind = useTranslations("sourceKind");
  const router = useRouter();
  const { pending, failure, errors, save, ready } = useSave<{ id: string; version: number }>();

  const [v, setV] = useState<Record<string, string>>({
    title: source?.title ?? "",
    publisher: source?.publisher ?? "",
    kind: source?.kind ?? "NEWS",
    url: source?.url ?? "",
    date: source?.date ?? "",
    language: source?.language ?? "",
    via: source?.via ?? "",
  });
  const set = (key: string) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const [confidential, setConfidential] = useState(source?.confidential ?? false);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = {
      title: v.title!,
      publisher: orNull(v.publisher!),
      kind: v.kind,
      url: orNull(v.url!),
      date: orNull(v.date!),
      language: orNull(v.language!),
      confidential,
      via: orNull(v.via!),
    };
    save(
      () => (source ? updateSourceAction({ id: source.id, version: source.version, values }) : createSourceAction({ values })),
      () => {
        router.push("/sources");
        router.refresh();
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5" data-testid="source-form" data-ready={ready ? "true" : undefined}>
      <SaveFailure failure={failure} />
      <TextField id="source-title" label={t("title")} value={v.title!} onChange={set("title")} error={errors.title} required autoFocus />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="source-publisher" label={t("publisher")} value={v.publisher!} onChange={set("publisher")} error={errors.publisher} />
        <SelectField
          id="source-kind"
          label={t("kind")}
          value={v.kind!}
          onChange={set("kind")}
          options={SOURCE_KINDS.map((k) => ({ value: k, label: tKind(k) }))}
          error={errors.kind}
        />
        <TextField
          id="source-url"
          className="sm:col-span-2"
          type="url"
          label={t("url")}
          hint={t("urlHint")}
          value={v.url!}
          onChange={set("url")}
          error={errors.url}
        />
        <TextField
          id="source-date"
          label={t("date")}
          hint={t("dateHint")}
          placeholder="2020-07-16"
          value={v.date!}
          onChange={set("date")}
          error={errors.date}
        />
        <TextField id="source-language" label={t("language")} hint={t("languageHint")} value={v.language!} onChange={set("language")} error={errors.language} />
        <TextField id="source-via" className="sm:col-span-2" label={t("via")} hint={t("viaHint")} value={v.via!} onChange={set("via")} error={errors.via} />
      </div>

      <fieldset className="rounded-md border border-line p-3" aria-describedby={errors.confidential ? "source-confidential-error" : "source-confidential-hint"}>
        <legend className="px-1 text-sm font-semibold">{t("visibility")}</legend>
        <label className="inline-flex items-center gap-2 text-sm">
          <input id="source-confidential" type="checkbox" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} />
          <span>{t("confidentialFlag")}</span>
        </label>
        <p id="source-confidential-hint" className="mt-1 text-sm text-ink-muted">
          {t("confidentialHint")}
        </p>
        <FieldError id="source-confidential-error" error={errors.confidential} />
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
