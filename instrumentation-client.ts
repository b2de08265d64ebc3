// Runs in the browser before the app hydrates (Next.js convention).
import "@/lib/security/zod-jitless";
