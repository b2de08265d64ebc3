// A rule that needs the database (a related person that no longer exists, an unknown
// source): reported like a schema error, next to the field.
import type { FieldErrors } from "@/lib/validation/field-errors";

export class ValidationError extends Error {
  readonly status = 400;
  constructor(readonly fields: FieldErrors) {
    super(Object.values(fields)[0] ?? "Invalid input");
    this.name = "ValidationError";
  }
}
