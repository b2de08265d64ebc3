import "server-only";
// Stable keys for records created in the app, in the import format's shape
// ("p-fatima-ibrahimzadeh-3f9a1c"), so exports and imports can refer to them.
import { randomBytes } from "node:crypto";
import { normalizeName } from "@/lib/domain/normalize-name";

export function newRecordKey(prefix: "p" | "c" | "inc" | "src", label: string): string {
  const slug = normalizeName(label)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  const suffix = randomBytes(4).toString("hex");
  return slug ? `${prefix}-${slug}-${suffix}` : `${prefix}-${suffix}`;
}
