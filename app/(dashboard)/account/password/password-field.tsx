"use client";
// A labelled password input with its error and hint linked (aria-describedby), and the
// autocomplete value that lets password managers fill or save it.
import { FieldError, inputClass } from "@/components/forms/fields";

export function PasswordField({
  id,
  label,
  value,
  onChange,
  error,
  hintId,
  autoComplete,
  visible,
  maxLength,
  testId,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hintId?: string;
  autoComplete: "current-password" | "new-password";
  visible: boolean;
  maxLength: number;
  testId?: string;
}) {
  const describedBy = [error ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type={visible ? "text" : "password"}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        spellCheck={false}
        autoCapitalize="none"
        required
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        className={inputClass}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
