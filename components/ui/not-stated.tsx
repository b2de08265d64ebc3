import { useTranslations } from "next-intl";

/**
 * A dash for the eye, "Not stated" for screen readers: an empty cell must not look like a bug.
 * Not async, so server pages and the case table's client cells share it.
 */
export function NotStated() {
  const t = useTranslations("common");
  return (
    <>
      <span aria-hidden="true" className="text-ink-muted">
        {t("notStatedShort")}
      </span>
      <span className="sr-only">{t("notStatedScreenReader")}</span>
    </>
  );
}
