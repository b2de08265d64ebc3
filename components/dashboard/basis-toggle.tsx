// First-instance / effective sentence switch of the lashes and prison charts. A pair of
// links (the choice lives in the URL as `sentence`, like the case table's filter), the
// current one marked with aria-current and not only by colour.
import Link from "next/link";
import type { Basis, Translator } from "./chart-text";

export function BasisToggle({ basis, hrefFor, t }: { basis: Basis; hrefFor: (basis: Basis) => string; t: Translator }) {
  const options: { value: Basis; label: string }[] = [
    { value: "firstInstance", label: t("dashboard.basis.firstInstanceOption") },
    { value: "effective", label: t("dashboard.basis.effectiveOption") },
  ];
  return (
    <nav aria-labelledby="basis-toggle-label" className="rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-5" data-testid="basis-toggle">
      <p id="basis-toggle-label" className="text-sm font-semibold">
        {t("dashboard.basis.label")}
      </p>
      <ul className="mt-2 inline-flex flex-wrap overflow-hidden rounded-md border border-line">
        {options.map((o) => (
          <li key={o.value}>
            <Link
              href={hrefFor(o.value)}
              aria-current={o.value === basis ? "true" : undefined}
              className={`block px-3 py-1.5 text-sm font-medium no-underline ${
                o.value === basis ? "bg-accent text-accent-ink" : "text-ink hover:bg-surface-muted"
              }`}
            >
              {o.label}
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-ink-muted">{t("dashboard.basis.hint")}</p>
    </nav>
  );
}
