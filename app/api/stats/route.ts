import { getStats } from "@/lib/data/stats";
import { withActor } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = withActor((actor) => getStats(actor));
