"use client";
// Hides the failed sign-in notice for this session (server action; the page then reloads).
import { useRouter } from "next/navigation";
import { dismissSignInNoticeAction } from "@/lib/actions/security";
import { Button } from "@/components/forms/fields";
import { useSave } from "@/components/forms/use-save";

export function DismissSignInNoticeButton({ label, failed }: { label: string; failed: string }) {
  const router = useRouter();
  const { pending, failure, save } = useSave<{ dismissed: boolean }>();
  return (
    <>
      <Button
        disabled={pending}
        onClick={() =>
          save(
            () => dismissSignInNoticeAction({}),
            () => router.refresh(),
          )
        }
        data-testid="sign-in-notice-dismiss"
      >
        {label}
      </Button>
      {failure ? (
        <span role="alert" className="font-medium">
          {failed}
        </span>
      ) : null}
    </>
  );
}
