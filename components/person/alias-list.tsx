import { getTranslations } from "next-intl/server";
import type { AliasScript } from "@/lib/generated/prisma/enums";

/** Other spellings of a name, each with its script ("Fatima Ibrahimzadeh (Latin script)"). */
export async function AliasList({ aliases }: { aliases: { name: string; script: AliasScript }[] }) {
  const [t, tp] = await Promise.all([getTranslations("script"), getTranslations("person")]);
  return (
    <ul className="space-y-0.5">
      {aliases.map((a) => (
        <li key={`${a.script}:${a.name}`}>
          <span dir="auto" className="font-medium">
            {a.name}
          </span>{" "}
          <span className="text-sm text-ink-muted">{tp("aliasScript", { script: t(a.script) })}</span>
        </li>
      ))}
    </ul>
  );
}
