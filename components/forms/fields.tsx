"use client";
// Labelled form controls for the recording forms: every control has a visible label, its
// error right below it, linked with aria-describedby and aria-invalid, so a screen reader
// announces the problem with the field. Names and free text use dir="auto".
import type { ReactNode } from "react";

export const inputClass =
  "mt-1 block w-full rounded-md border border-line bg-surface px-3 py-2 text-base text-ink shadow-sm disabled:opacity-70 aria-[invalid=true]:border-danger-ink";

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-danger-ink" data-testid="field-error">
      {error}
    </p>
  );
}

interface Base {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
}

function describedBy(id: string, error?: string, hint?: ReactNode) {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p id={`${id}-hint`} className="mt-1 text-sm text-ink-muted">
      {hint}
    </p>
  ) : null;
}

export function TextField({
  id,
  label,
  error,
  hint,
  className = "",
  value,
  onChange,
  type = "text",
  list,
  required,
  inputMode,
  placeholder,
  autoFocus,
}: Base & {
  value: string;
  onChange: (v: string) => void;
  type?: "text" | "date" | "month" | "number" | "url";
  list?: string;
  required?: boolean;
  inputMode?: "numeric" | "decimal";
  placeholder?: string;
  autoFocus?: boolean;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type={type}
        dir={type === "text" ? "auto" : undefined}
        value={value}
        list={list}
        required={required}
        inputMode={inputMode}
        placeholder={placeholder}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={inputClass}
      />
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function TextArea({
  id,
  label,
  error,
  hint,
  className = "",
  value,
  onChange,
  rows = 3,
}: Base & { value: string; onChange: (v: string) => void; rows?: number }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        dir="auto"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={inputClass}
      />
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function SelectField({
  id,
  label,
  error,
  hint,
  className = "",
  value,
  onChange,
  options,
}: Base & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} dir="auto">
            {o.label}
          </option>
        ))}
      </select>
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function CheckboxGroup({
  id,
  legend,
  error,
  options,
  values,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  error?: string;
  options: { value: string; label: string }[];
  values: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={values.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value))}
            />
            <span dir="auto">{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}

export function Button({
  children,
  onClick,
  type = "button",
  variant = "secondary",
  disabled,
  ...rest
}: {
  children: ReactNode;
  onClick?: () => void;
  type?: "button" | "submit";
  variant?: "primary" | "secondary" | "danger";
  disabled?: boolean;
  "aria-label"?: string;
  "data-testid"?: string;
}) {
  const styles = {
    primary: "bg-accent text-accent-ink border-accent hover:opacity-90",
    secondary: "bg-surface text-ink border-line hover:bg-surface-muted",
    danger: "bg-danger-bg text-danger-ink border-danger-ink/40 hover:opacity-90",
  }[variant];
  return (
    <button
      type={type}
      onClick={onClick}
      disabled={disabled}
      className={`inline-flex items-center gap-2 rounded-md border px-3 py-2 text-sm font-medium disabled:opacity-60 ${styles}`}
      {...rest}
    >
      {children}
    </button>
  );
}
