// One message catalog per locale (English only for now). Components never hard-code UI
// text, so Persian (right-to-left) and Azerbaijani can be added as catalogs.
import { getRequestConfig } from "next-intl/server";

export const locales = ["en"] as const;
export const defaultLocale = "en";

export default getRequestConfig(async () => {
  const locale = defaultLocale;
  return {
    locale,
    timeZone: "UTC",
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
