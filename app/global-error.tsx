"use client";

// Replaces the root layout when it fails, so it brings its own document, styles and
// messages (no provider above it). Same generic message as app/error.tsx.
import { NextIntlClientProvider } from "next-intl";
import messages from "@/messages/en.json";
import { ErrorPanel } from "@/components/ui/error-panel";
import "./globals.css";

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" dir="ltr">
      <body className="min-h-dvh bg-bg text-ink antialiased">
        <NextIntlClientProvider locale="en" timeZone="UTC" messages={{ error: messages.error }}>
          <title>{messages.error.title}</title>
          <main id="main-content" className="mx-auto max-w-6xl px-4 py-12">
            <ErrorPanel onRetry={retry} />
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
