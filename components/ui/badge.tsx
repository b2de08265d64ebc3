import type { HTMLAttributes, ReactNode } from "react";

export type Tone = "neutral" | "info" | "warning" | "danger" | "success" | "restricted";

const TONES: Record<Tone, string> = {
  neutral: "bg-neutral-bg text-neutral-ink border-neutral-ink/20",
  info: "bg-info-bg text-info-ink border-info-ink/25",
  warning: "bg-warning-bg text-warning-ink border-warning-ink/25",
  danger: "bg-danger-bg text-danger-ink border-danger-ink/25",
  success: "bg-success-bg text-success-ink border-success-ink/25",
  restricted: "bg-restricted-bg text-restricted-ink border-restricted-ink/30",
};

/** A short label. Colour only supports the text: the text itself always says what it means. */
export function Badge({ tone = "neutral", children, className = "", ...rest }: { tone?: Tone; children: ReactNode } & HTMLAttributes<HTMLSpanElement>) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONES[tone]} ${className}`}
      {...rest}
    >
      {children}
    </span>
  );
}
