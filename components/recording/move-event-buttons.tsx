"use client";
// Moves an event one place earlier or later in its case's timeline: how an advocate puts an
// undated event ("after the appeal") where it belongs, or orders two events of one day. The
// status, facility and sentence derived from the timeline follow on the server.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { moveEventAction } from "@/lib/actions/recording";
import { Button } from "@/components/forms/fields";
import { SaveFailure } from "@/components/forms/save-failure";
import { useSave } from "@/components/forms/use-save";

export function MoveEventButtons({
  id,
  version,
  n,
  type,
  first,
  last,
}: {
  id: string;
  version: number;
  n: number;
  type: string;
  first: boolean;
  last: boolean;
}) {
  const t = useTranslations("recording");
  const router = useRouter();
  const { pending, failure, save, ready } = useSave<{ id: string; version: number }>();
  const move = (direction: "earlier" | "later") =>
    save(
      () => moveEventAction({ id, version, direction }),
      () => router.refresh(),
    );
  return (
    <>
      <span className="inline-flex gap-1">
        <Button
          onClick={() => move("earlier")}
          disabled={!ready || pending || first}
          aria-label={t("moveEarlierLabel", { n, type })}
          data-testid="move-earlier"
        >
          <span aria-hidden="true">↑</span> {t("moveEarlier")}
        </Button>
        <Button onClick={() => move("later")} disabled={!ready || pending || last} aria-label={t("moveLaterLabel", { n, type })} data-testid="move-later">
          <span aria-hidden="true">↓</span> {t("moveLater")}
        </Button>
      </span>
      {failure ? (
        <div className="basis-full">
          <SaveFailure failure={failure} />
        </div>
      ) : null}
    </>
  );
}
