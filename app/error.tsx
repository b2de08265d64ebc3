"use client";

// Errors are shown as one generic message: the error's message, digest and stack stay in
// the server logs (they can contain SQL or record data).
import { ErrorPanel } from "@/components/ui/error-panel";

export default function Error({ retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main-content" className="mx-auto max-w-6xl px-4 py-12">
      <ErrorPanel onRetry={retry} />
    </main>
  );
}
