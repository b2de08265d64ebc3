import type { ReactNode } from "react";

type Level = 2 | 3 | 4 | 5;

export function Heading({ level, id, className = "", children }: { level: Level; id?: string; className?: string; children: ReactNode }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={className}>
      {children}
    </Tag>
  );
}

/** A card with a heading; the section is labelled by its heading for landmark navigation. */
export function Section({
  id,
  title,
  level = 2,
  aside,
  className = "",
  children,
  ...rest
}: {
  id: string;
  title: ReactNode;
  level?: Level;
  /** Rendered at the end of the heading row (a badge, a link). */
  aside?: ReactNode;
  className?: string;
  children: ReactNode;
  "data-testid"?: string;
}) {
  const headingId = `${id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className={`rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-6 ${className}`}
      data-testid={rest["data-testid"]}
    >
      <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1">
        <Heading level={level} id={headingId} className={level === 2 ? "text-lg font-semibold" : "text-base font-semibold"}>
          {title}
        </Heading>
        {aside}
      </div>
      {children}
    </section>
  );
}
