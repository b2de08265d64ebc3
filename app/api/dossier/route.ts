// POST /api/dossier?<case table filters>&profile=internal|public → 202 {id, state, done,
// total, profile, cases, file}: starts generating one PDF with a summary table of the
// matching cases and each matching person's report (README, "Case reports"). Then
// GET /api/dossier/{id} for progress and GET /api/dossier/{id}/file for the PDF.
// 422 {reason: "tooMany", count, max} above the cap, {reason: "empty"} when nothing matches;
// 429 while the user's previous dossier is still being generated.
import { json, route } from "@/lib/http";
import { reportProfileFor, selectDossier } from "@/lib/data/report";
import { startDossierJob } from "@/lib/report/dossier-jobs";
import { badRequest, sameOrigin } from "@/lib/report/http";
import { parseDossierQuery } from "@/lib/validation/report";

export const dynamic = "force-dynamic";

const answer = route(
  "POST /api/dossier",
  async ({ actor, req }) => {
    const query = parseDossierQuery(new URL(req.url).searchParams);
    if (!query.ok) return badRequest(query.problem);
    const profile = reportProfileFor(actor, query.value.profile);
    const selection = await selectDossier(actor, query.value.filters);
    if (selection.personIds.length === 0) return json({ error: "No case matches these filters.", reason: "empty" }, { status: 422 });
    const status = startDossierJob(actor, { filters: query.value.filters, selection, profile });
    return json(status, { status: 202, headers: { Location: `/api/dossier/${status.id}` } });
  },
  { before: (req) => (sameOrigin(req) ? null : json({ error: "Cross-site request refused" }, { status: 403 })) },
);

export function POST(req: Request): Promise<Response> {
  return answer(req);
}
