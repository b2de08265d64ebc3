import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validation/password";
import { requirePageActor } from "../../_lib/loaders";
import { ChangePasswordForm } from "./change-password-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("userAdmin.password");
  return { title: t("metaTitle") };
}

export default async function AccountPasswordPage() {
  const actor = await requirePageActor();
  const t = await getTranslations("userAdmin.password");
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-6">
        <ChangePasswordForm email={actor.email} temporary={false} min={PASSWORD_MIN_LENGTH} max={PASSWORD_MAX_LENGTH} />
      </div>
    </>
  );
}
