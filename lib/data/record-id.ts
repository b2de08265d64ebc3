import "server-only";
// Record ids reach the data layer from URLs (/people/<id>, /api/people/<id>/report.pdf),
// where Next.js has already percent-decoded them: "/people/%00" arrives as a NUL, which
// PostgreSQL refuses in a query (an error in the log and an error page). An id that cannot
// be a record's id (the form lib/validation/fields.ts's idField accepts) names no record,
// so it is answered like any unknown one, without asking the database.
import { NotFoundError } from "@/lib/authz";

const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `id` itself, or NotFoundError(what) when it cannot be an id. Call it after the role check. */
export function knownIdShape(id: string, what: string): string {
  if (typeof id !== "string" || !RECORD_ID.test(id)) throw new NotFoundError(what);
  return id;
}
