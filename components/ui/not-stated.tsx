import { getTranslations } from "next-intl/server";

/** A dash for the eye, "Not stated" for screen readers: an empty cell must not look like a bug. */
export async function NotStated() {
  const t = await getTranslations("common");
  return (
    <>
      <span aria-hidden="true" className="text-ink-muted">
        {t("notStatedShort")}
      </span>
      <span className="sr-only">{t("notStatedScreenReader")}</span>
    </>
  );
}
