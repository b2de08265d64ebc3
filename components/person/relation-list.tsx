import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { humaniseTag } from "@/lib/format";

/**
 * Related people. `kind` is the role of the related person relative to this one (on a
 * mother's record: "Daughter: Kovsar Nemati"); it is free text, so unknown kinds are shown
 * as recorded.
 */
export async function RelationList({ relations }: { relations: { kind: string; person: { id: string; name: string } }[] }) {
  const [t, tc] = await Promise.all([getTranslations("relation"), getTranslations("common")]);
  const label = (kind: string) => {
    const key = kind.trim().toLowerCase();
    return !key.includes(".") && t.has(key as never) ? t(key as never) : humaniseTag(kind);
  };
  return (
    <ul className="space-y-0.5">
      {relations.map((r) => (
        <li key={`${r.kind}:${r.person.id}`}>
          <span className="text-ink-muted" dir="auto">
            {label(r.kind)}
          </span>
          <span className="text-ink-muted">{tc("separator")}</span>
          <Link href={`/people/${r.person.id}`} dir="auto">
            {r.person.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
