// Type-checks every translation key against the English catalog: a missing or misspelt
// key (including enum labels such as `status.${status}`) fails `tsc` instead of showing
// a raw key to a reader.
import type messages from "../messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Messages: typeof messages;
  }
}
