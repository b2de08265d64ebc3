"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const LINKS = [
  { href: "/people", key: "people", also: [] },
  { href: "/cases", key: "cases", also: [] },
  { href: "/incidents", key: "incidents", also: [] },
  { href: "/sources", key: "sources", also: [] },
  { href: "/dashboard", key: "dashboard", also: [] },
] as const;

const IMPORT_LINK = { href: "/import", key: "import", also: [] } as const;
/** Account management, for an ADMIN only (the page refuses anyone else on its own). */
const USERS_LINK = { href: "/admin/users", key: "users", also: [] } as const;
/** The audit trail, for an ADMIN only (the page and its data refuse anyone else on their own). */
const AUDIT_LINK = { href: "/admin/audit", key: "audit", also: [] } as const;

/**
 * Main navigation; the current section is marked with aria-current, not only by colour.
 * `canImport` (the layout passes canEdit(actor)) adds the CSV import for EDITOR and ADMIN;
 * the import itself is refused on the server to anyone else.
 */
export function NavLinks({ canImport = false, admin = false }: { canImport?: boolean; admin?: boolean }) {
  const t = useTranslations("nav");
  const tSources = useTranslations("sourceForm");
  const tImport = useTranslations("csvImport");
  const tUsers = useTranslations("userAdmin");
  const tAudit = useTranslations("audit");
  const pathname = usePathname() ?? "";
  // "page" on the section's own list, "true" inside it (a person or case page of the section).
  const current = (href: string, also: readonly string[]): "page" | "true" | undefined => {
    if (pathname === href) return "page";
    return [href, ...also].some((p) => pathname === p || pathname.startsWith(`${p}/`)) ? "true" : undefined;
  };
  return (
    <nav aria-label={t("label")}>
      <ul className="flex flex-wrap gap-1">
        {[...LINKS, ...(canImport ? [IMPORT_LINK] : []), ...(admin ? [USERS_LINK, AUDIT_LINK] : [])].map((l) => {
          const state = current(l.href, l.also);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={state}
                className={`block rounded-md px-3 py-1.5 text-sm font-medium no-underline ${
                  state ? "bg-accent-soft text-accent underline decoration-2 underline-offset-8" : "text-ink hover:bg-surface-muted"
                }`}
              >
                {l.key === "sources"
                  ? tSources("nav")
                  : l.key === "import"
                    ? tImport("nav")
                    : l.key === "users"
                      ? tUsers("nav")
                      : l.key === "audit"
                        ? tAudit("nav")
                        : t(l.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
