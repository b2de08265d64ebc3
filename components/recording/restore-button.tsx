"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { restoreRecordAction } from "@/lib/actions/recording";
import type { DeletedKind } from "@/lib/data/deleted-records";
import { Button } from "@/components/forms/fields";
import { SaveFailure } from "@/components/forms/save-failure";
import { useSave } from "@/components/forms/use-save";

export function RestoreButton({ kind, id, label }: { kind: DeletedKind; id: string; label: string }) {
  const t = useTranslations("recording");
  const router = useRouter();
  const { pending, failure, save } = useSave<{ id: string; version: number }>();
  return (
    <div>
      <Button
        onClick={() =>
          save(
            () => restoreRecordAction({ kind, id }),
            () => router.refresh(),
          )
        }
        disabled={pending}
        aria-label={label}
      >
        {pending ? t("restoring") : t("restore")}
      </Button>
      <SaveFailure failure={failure} />
    </div>
  );
}
