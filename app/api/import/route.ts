import { route } from "@/lib/http";
import { handleImportRequest } from "@/lib/import/route-handler";
import { withSecurityHeaders } from "@/lib/upload/headers";

export const dynamic = "force-dynamic";

const answer = route("POST /api/import", ({ actor, req }) => handleImportRequest(actor, req), {
  generic: "Something went wrong. Nothing was imported. Try again later.",
});

export async function POST(req: Request): Promise<Response> {
  return withSecurityHeaders(await answer(req), req);
}
