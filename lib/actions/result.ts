// The typed answer of every server action: data, or an expected failure the form can show
// (field errors next to their fields, the conflict with who/when/what). Plain JSON, so it
// crosses the server/client boundary unchanged. No stack, no SQL, ever.
import type { ConflictInfo } from "@/lib/data/conflict";
import type { FieldErrors } from "@/lib/validation/field-errors";

export type ActionFailure =
  | { kind: "auth"; message: string }
  | { kind: "forbidden"; message: string }
  | { kind: "notFound"; message: string }
  | { kind: "validation"; message: string; fieldErrors: FieldErrors }
  | { kind: "conflict"; message: string; conflict: ConflictInfo }
  | { kind: "unexpected"; message: string };

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionFailure };
