"use client";
// The typed fields of the event form, from the event registry (lib/events/registry.ts): the
// inputs of the chosen type in the registry's order, each by its kind, with its label
// (recording.event.<formKey or name>), its hint when the catalog has one, and its layout
// (FormLayout). The values are kept as the inputs hold them (text, chosen tags, charges) for
// every field, so switching the type back and forth loses nothing; typedPayload() turns the
// chosen type's values into what the recording schema reads. A field added to the registry
// gets its input here with no edit.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { EventTypeName } from "@/lib/validation/event";
import { EVENT_FIELD_NAMES, fieldDef, fieldsOf, type EventFieldName, type FieldDef } from "@/lib/events/registry";
import { SUGGESTED_CURRENCIES } from "@/lib/domain/vocab";
import { Button, CheckboxGroup, SelectField, TextField } from "@/components/forms/fields";
import { asText, numberOrNull, orNull } from "@/components/forms/form-values";

export type Charge = { text: string; article: string };
/** Each typed field as its input holds it. */
export type TypedValues = Record<EventFieldName, string | string[] | Charge[]>;

const splitList = (s: string) =>
  s
    .split(/[\n;]/)
    .map((x) => x.trim())
    .filter(Boolean);

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const inputId = (name: EventFieldName) => `event-${fieldDef(name).form?.id ?? kebab(name)}`;
const labelKey = (name: EventFieldName) => `event.${fieldDef(name).formKey ?? name}`;

/** The inputs' values for a stored event (its typed values as storedFieldValues gives them), or a new one's. */
export function initialTypedValues(stored?: Readonly<Record<string, unknown>>): TypedValues {
  const out = {} as TypedValues;
  for (const name of EVENT_FIELD_NAMES) {
    const def = fieldDef(name);
    const v = stored?.[name];
    switch (def.kind) {
      case "tags":
        out[name] = Array.isArray(v) ? (v as string[]) : [];
        break;
      case "textList":
        out[name] = def.suggested ? (Array.isArray(v) ? (v as string[]) : []) : Array.isArray(v) ? (v as string[]).join("; ") : "";
        break;
      case "charges":
        out[name] = Array.isArray(v)
          ? (v as { text: string | null; article: string | null }[]).map((c) => ({ text: c.text ?? "", article: c.article ?? "" }))
          : [];
        break;
      case "boolean":
        out[name] = v === true ? "yes" : v === false ? "no" : "";
        break;
      case "count":
        out[name] = asText(typeof v === "number" ? v : null);
        break;
      default:
        // A field the stored event leaves empty starts like a new event's (a preselected currency or outcome).
        out[name] = typeof v === "string" && v !== "" ? v : (def.form?.initial ?? "");
    }
  }
  return out;
}

/** The typed fields of `type`, as the recording schema reads them (a currency only with its amount). */
export function typedPayload(type: EventTypeName, values: TypedValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fieldsOf(type)) {
    const def = fieldDef(name);
    const v = values[name];
    switch (def.kind) {
      case "tags":
        out[name] = v;
        break;
      case "textList":
        out[name] = Array.isArray(v) ? v : splitList(v as string);
        break;
      case "charges":
        out[name] = (v as Charge[]).filter((c) => c.text.trim() || c.article.trim()).map((c) => ({ text: orNull(c.text), article: orNull(c.article) }));
        break;
      case "boolean":
        out[name] = v === "" ? null : v === "yes";
        break;
      case "count":
        out[name] = numberOrNull(v as string);
        break;
      case "currency":
        out[name] = orNull(values[def.amount as EventFieldName] as string) ? v : null;
        break;
      case "enum":
        out[name] = def.fallback ? v : orNull(v as string);
        break;
      default:
        out[name] = orNull(v as string);
    }
  }
  return out;
}

/** A translator over keys computed at run time. */
type CatalogLookup = ((key: string) => string) & { has(key: string): boolean };

/** The suggested tags a field is entered with as checkboxes (tags, and texts with suggestions), and the catalog labelling them. */
function suggestedTags(def: FieldDef): { suggested: readonly string[]; catalog?: string } | null {
  if (def.kind === "tags") return { suggested: def.suggested, catalog: def.catalog };
  if (def.kind === "textList" && def.suggested) return { suggested: def.suggested, catalog: def.catalog };
  return null;
}

interface Props {
  type: EventTypeName;
  values: TypedValues;
  onChange: (name: EventFieldName, value: TypedValues[EventFieldName]) => void;
  errors: Record<string, string | undefined>;
  choices: { courts: readonly string[]; facilities: readonly string[] };
}

/** The inputs of the chosen type's typed fields. */
export function TypedFields({ type, values, onChange, errors, choices }: Props) {
  const t = useTranslations("recording");
  // Keys built from the registry (a test checks each field's label exists in the catalog).
  const tField = useTranslations("recording") as unknown as CatalogLookup;
  const tAll = useTranslations() as unknown as CatalogLookup;
  const label = (name: EventFieldName) => tField(labelKey(name));
  const hint = (name: EventFieldName) => (tField.has(`${labelKey(name)}Hint`) ? tField(`${labelKey(name)}Hint`) : undefined);
  const str = (name: EventFieldName) => values[name] as string;
  const set = (name: EventFieldName) => (value: string) => onChange(name, value);
  /** The choices of a field entered by picking one: an enum (with "not known" unless it has a fallback), a currency, yes or no. */
  const selectOptions = (def: FieldDef): { value: string; label: string }[] | null => {
    const notKnown = { value: "", label: t("notKnown") };
    if (def.kind === "enum") return [...(def.fallback ? [] : [notKnown]), ...def.values.map((x) => ({ value: x, label: tAll(`${def.catalog}.${x}`) }))];
    if (def.kind === "currency") return SUGGESTED_CURRENCIES.map((c) => ({ value: c, label: t(`currency.${c}`) }));
    if (def.kind === "boolean") return [notKnown, { value: "yes", label: t("yes") }, { value: "no", label: t("no") }];
    return null;
  };

  function input(name: EventFieldName): ReactNode {
    const def = fieldDef(name);
    const id = inputId(name);
    const common = { id, label: label(name), hint: hint(name), error: errors[name] };
    const options = selectOptions(def);
    if (options) return <SelectField key={name} {...common} value={str(name)} onChange={set(name)} options={options} />;
    const tags = suggestedTags(def);
    if (tags) {
      return (
        <CheckboxGroup
          key={name}
          id={id}
          legend={label(name)}
          options={tags.suggested.map((x) => ({ value: x, label: tags.catalog ? tAll(`${tags.catalog}.${x}`) : x }))}
          values={values[name] as string[]}
          onChange={(x) => onChange(name, x)}
          error={errors[name]}
        />
      );
    }
    switch (def.kind) {
      case "textList":
        return <TextField key={name} {...common} value={str(name)} onChange={set(name)} error={errors[name] ?? errors[`${name}.0`]} />;
      case "count":
        return <TextField key={name} {...common} inputMode="numeric" value={str(name)} onChange={set(name)} />;
      case "money":
        return <TextField key={name} {...common} inputMode="decimal" value={str(name)} onChange={set(name)} />;
      case "partialDate":
        return <TextField key={name} {...common} hint={hint(name) ?? t("source.dateHint")} inputMode="numeric" value={str(name)} onChange={set(name)} />;
      case "court":
      case "facility": {
        const listId = def.kind === "court" ? "court-names" : "facility-names";
        const names = def.kind === "court" ? choices.courts : choices.facilities;
        return (
          <div key={name} className="contents">
            <TextField {...common} className={def.form?.wide ? "sm:col-span-full" : undefined} list={listId} value={str(name)} onChange={set(name)} />
            <datalist id={listId}>
              {names.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </div>
        );
      }
      case "charges": {
        const charges = values[name] as Charge[];
        const put = (next: Charge[]) => onChange(name, next);
        return (
          <fieldset key={name} className="space-y-3 rounded-md border border-line p-3">
            <legend className="px-1 text-sm font-semibold">{label(name)}</legend>
            {charges.map((c, i) => (
              <div key={i} className="grid items-end gap-3 sm:grid-cols-[1fr_12rem_auto]">
                <TextField
                  id={`charge-${i}-text`}
                  label={t("event.chargeText", { n: i + 1 })}
                  value={c.text}
                  onChange={(x) => put(charges.map((y, j) => (j === i ? { ...y, text: x } : y)))}
                  error={errors[`charges.${i}.text`]}
                />
                <TextField
                  id={`charge-${i}-article`}
                  label={t("event.chargeArticle", { n: i + 1 })}
                  value={c.article}
                  onChange={(x) => put(charges.map((y, j) => (j === i ? { ...y, article: x } : y)))}
                  error={errors[`charges.${i}.article`]}
                />
                <Button onClick={() => put(charges.filter((_, j) => j !== i))} aria-label={t("event.removeCharge", { n: i + 1 })}>
                  {t("remove")}
                </Button>
              </div>
            ))}
            <Button onClick={() => put([...charges, { text: "", article: "" }])}>{t("event.addCharge")}</Button>
          </fieldset>
        );
      }
      default:
        return <TextField key={name} {...common} value={str(name)} onChange={set(name)} />;
    }
  }

  // Runs of short inputs share a grid; wide inputs, lists of choices, charges and groups stand alone.
  const blocks: ReactNode[] = [];
  let run: ReactNode[] = [];
  const flush = () => {
    if (run.length)
      blocks.push(
        <div key={`grid-${blocks.length}`} className="grid gap-4 sm:grid-cols-2">
          {run}
        </div>,
      );
    run = [];
  };
  const names = fieldsOf(type);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const def = fieldDef(name);
    if (def.form?.group) {
      const group = def.form.group;
      const members: EventFieldName[] = [];
      while (i < names.length && fieldDef(names[i]!).form?.group === group) members.push(names[i++]!);
      i--;
      flush();
      blocks.push(
        <fieldset key={`group-${group}`} className="grid gap-4 rounded-md border border-line p-3 sm:grid-cols-4">
          <legend className="px-1 text-sm font-semibold">{t(type === "APPEAL" ? "event.newTerms" : "event.terms")}</legend>
          {members.map(input)}
        </fieldset>,
      );
    } else if (def.kind === "charges" || suggestedTags(def)) {
      flush();
      blocks.push(input(name));
    } else run.push(input(name));
  }
  flush();
  return <>{blocks}</>;
}
