// The reports are written in English from the UI's message catalog (messages/en.json), with
// use-intl's translator so that route handlers, background jobs, scripts and tests all get
// the same text without a request context.
import { createTranslator } from "use-intl/core";
import messages from "@/messages/en.json";
import type { Translator } from "@/lib/report/model";

let cached: Translator | null = null;

export function reportTranslator(): Translator {
  cached ??= createTranslator({ locale: "en", messages, timeZone: "UTC" });
  return cached;
}
