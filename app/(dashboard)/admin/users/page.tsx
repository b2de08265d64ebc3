import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { ForbiddenError } from "@/lib/authz";
import { listUsers, type SignInThrottleState, type UserRow, type UserStatus } from "@/lib/data/user-admin";
import { requirePageActor } from "../../_lib/loaders";
import { formatUtc } from "@/lib/format";
import { InviteForm } from "./_components/invite-form";
import { UserActions } from "./_components/user-actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("userAdmin.list");
  return { title: t("metaTitle") };
}

const STATUS_TONE: Record<UserStatus, Tone> = {
  active: "success",
  disabled: "danger",
  linkPending: "info",
  linkExpired: "warning",
  mustChangePassword: "warning",
};

export default async function UsersPage() {
  const actor = await requirePageActor();
  const [t, ti, tr] = await Promise.all([getTranslations("userAdmin.list"), getTranslations("userAdmin.invite"), getTranslations("role")]);
  let users: UserRow[];
  try {
    // listUsers refuses anyone but an ADMIN on its own; this only turns that into a message.
    users = await listUsers(actor);
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    return (
      <>
        <PageHeader title={t("title")} />
        <p data-testid="users-forbidden" className="rounded-lg border border-line bg-surface p-6">
          {t("forbidden")}
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <section aria-labelledby="invite-title" className="mb-8 rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-6">
        <h2 id="invite-title" className="mb-2 text-lg font-semibold">
          {ti("title")}
        </h2>
        <InviteForm />
      </section>
      {users.length === 0 ? (
        <p className="text-ink-muted">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface shadow-sm">
          <table className="w-full text-sm" data-testid="users-table">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr className="border-b border-line bg-surface-muted text-start">
                {(["name", "email", "role", "status", "twoFactor", "lastSignIn", "actions"] as const).map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 text-start font-medium">
                    {t(h)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-line align-top last:border-b-0" data-testid="user-row" data-email={u.email}>
                  <th scope="row" className="px-3 py-2 text-start font-medium">
                    <span dir="auto">{u.name}</span>
                    {u.id === actor.id ? <span className="ms-1 font-normal text-ink-muted">{t("you")}</span> : null}
                  </th>
                  <td className="px-3 py-2 break-words">
                    {/* Breaks after the @ when the column is narrow, not in the middle of a word. */}
                    {u.email.split("@")[0]}@<wbr />
                    {u.email.split("@").slice(1).join("@")}
                  </td>
                  <td className="px-3 py-2" data-testid="user-role">
                    {tr(u.role)}
                  </td>
                  <td className="px-3 py-2" data-testid="user-status">
                    <Badge tone={STATUS_TONE[u.status]}>{t(`statuses.${u.status}`)}</Badge>
                    {u.status === "linkPending" && u.linkExpiresAt ? (
                      <span className="mt-1 block text-xs text-ink-muted">{t("linkUntil", { date: formatUtc(u.linkExpiresAt) })}</span>
                    ) : null}
                    {u.signInThrottle ? <ThrottleSummary state={u.signInThrottle} t={t} /> : null}
                  </td>
                  <td className="px-3 py-2">{u.twoFactor ? t("on") : t("off")}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{u.lastSignInAt ? formatUtc(u.lastSignInAt) : t("never")}</td>
                  <td className="px-3 py-2">
                    <UserActions
                      user={{ id: u.id, name: u.name, role: u.role, status: u.status, twoFactor: u.twoFactor, signInThrottle: u.signInThrottle }}
                      isSelf={u.id === actor.id}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The sign-in throttle in the status cell: what is counted and what is paused now. */
function ThrottleSummary({ state, t }: { state: SignInThrottleState; t: Awaited<ReturnType<typeof getTranslations<"userAdmin.list">>> }) {
  const pausedNetworks = state.networks.filter((n) => n.lockedUntil).length;
  const failures = Math.max(state.accountFailures, ...state.networks.map((n) => n.failures));
  return (
    <span className="mt-1 block space-y-0.5 text-xs" data-testid="user-throttle">
      <span className="block text-ink-muted">
        {state.networks.length > 1
          ? t("throttleFailuresNetworks", { count: failures, networks: state.networks.length })
          : t("throttleFailures", { count: failures })}
      </span>
      {state.accountLockedUntil ? (
        <span className="block font-medium text-danger-ink">{t("throttleAccountPaused", { date: formatUtc(state.accountLockedUntil) })}</span>
      ) : null}
      {state.codeLockedUntil ? (
        <span className="block font-medium text-danger-ink">{t("throttleCodePaused", { date: formatUtc(state.codeLockedUntil) })}</span>
      ) : null}
      {pausedNetworks ? <span className="block text-warning-ink">{t("throttleNetworksPaused", { count: pausedNetworks })}</span> : null}
    </span>
  );
}
