"use client";

// Keeps the header and navigation when a dashboard page fails; generic message only.
import { ErrorPanel } from "@/components/ui/error-panel";

export default function DashboardError({ retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel onRetry={retry} />;
}
