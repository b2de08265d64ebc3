// zod issues as one message per field, keyed by the field's dotted path ("aliases.0.name"),
// which is what the forms put next to each input. Safe on any error zod produces.
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const full of keys) {
      // Actions wrap a form's values in { id, version, values }: the form knows the inner path.
      const path = full[0] === "values" ? full.slice(1) : full;
      const key = path.map(String).join(".") || "_form";
      const message = issue.code === "unrecognized_keys" ? `"${String(path.at(-1))}" is not a field of this form` : issue.message;
      if (!(key in out)) out[key] = message;
    }
  }
  return out;
}
