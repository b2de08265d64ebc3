import type { ReactNode } from "react";

/** A definition list laid out as label / value rows (stacked on phones). */
export function FieldList({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <dl className={`grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[minmax(9rem,max-content)_1fr] ${className}`}>{children}</dl>;
}

export function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-sm font-medium text-ink-muted sm:pt-px">{label}</dt>
      <dd className="mb-1 min-w-0 break-words sm:mb-0">{children}</dd>
    </div>
  );
}
