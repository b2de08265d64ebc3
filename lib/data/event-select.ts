// A guard for the registry's event selects (lib/events/select.ts): spread into a Prisma
// select literal, their keys escape TypeScript's excess-property check, so a registry field
// whose column Prisma lacks would pass the type check and fail at run time. Wrapped in
// exactKeys, such a key is a compile error.
import type { Prisma } from "@/lib/generated/prisma/client";
import { EVENT_TYPED_SELECT, eventTypedRelations } from "@/lib/events/select";

/** `s` unchanged; a compile error for any key of it that `T` lacks. */
export const exactKeys =
  <T>() =>
  <S extends T>(s: S & { [K in Exclude<keyof S, keyof T>]: never }): S =>
    s;

/** Every typed column and relation of an event (the reports' query). */
export const eventTypedSelect = exactKeys<Prisma.CaseEventSelect>()(EVENT_TYPED_SELECT);

/** The typed fields' relations, each with `extra` selected too (the case page's `include`). */
export const eventTypedInclude = <const X extends Record<string, true>>(extra: X) => exactKeys<Prisma.CaseEventInclude>()(eventTypedRelations(extra));
