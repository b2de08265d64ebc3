import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appName"), template: t("titleTemplate") },
    description: t("appDescription"),
    // Case records must never end up in a search index.
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#f6f6f3",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, never at build time: Next.js puts the request's CSP
  // nonce (set by proxy.ts) on its scripts only while rendering, and a prerendered page's
  // scripts would carry none and be blocked. This covers the 404 page too.
  await connection();
  const locale = await getLocale();
  return (
    // dir is fixed to ltr while English is the only catalog; the styles use logical
    // properties only, so a right-to-left locale only has to change this attribute.
    <html lang={locale} dir="ltr">
      <body className="min-h-dvh bg-bg text-ink antialiased">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
