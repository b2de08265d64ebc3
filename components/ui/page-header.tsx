import type { ReactNode } from "react";

export function PageHeader({
  title,
  intro,
  meta,
  titleProps,
}: {
  title: ReactNode;
  intro?: ReactNode;
  meta?: ReactNode;
  titleProps?: { dir?: "auto"; "data-testid"?: string };
}) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight break-words sm:text-3xl" {...titleProps}>
        {title}
      </h1>
      {meta ? <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-ink-muted">{meta}</div> : null}
      {intro ? <p className="mt-2 max-w-3xl text-ink-muted">{intro}</p> : null}
    </div>
  );
}
