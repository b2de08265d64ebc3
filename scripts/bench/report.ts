// Case report benchmarks (issue 6): one person's PDF, end to end as the endpoint runs it
// (profile check, data-layer reads, redaction, PDF with the embedded font, audit entry),
// for the person with the longest timeline in the synthetic data. Target: under 2 s.
// No plain-SQL baseline: the time is the PDF's, not the queries'.
import { db } from "@/lib/db";
import { generatePersonReport } from "@/lib/report/generate";
import type { Bench, BenchModule } from "./types";

const TARGET_P95_MS = 2000;

const reportBench: BenchModule = async () => {
  // Audit entries name a real user: the benchmark generates as accounts of its own.
  const user = (role: "EDITOR" | "VIEWER") =>
    db().user.upsert({
      where: { email: `bench-report-${role.toLowerCase()}@bench.local` },
      update: {},
      create: { email: `bench-report-${role.toLowerCase()}@bench.local`, name: `Benchmark ${role.toLowerCase()}`, role, passwordHash: "not-a-login" },
      select: { id: true, email: true, name: true, role: true },
    });
  const [editor, viewer] = await Promise.all([user("EDITOR"), user("VIEWER")]);
  const [longest] = await db().$queryRaw<{ person_id: string; events: number }[]>`
    SELECT c.person_id, count(*)::int AS events
      FROM case_events e JOIN cases c ON c.id = e.case_id
     WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL
     GROUP BY c.person_id ORDER BY events DESC, c.person_id LIMIT 1`;
  if (!longest) throw new Error("The benchmark database has no case events");

  return [
    {
      name: `report: one person, public (${longest.events} events)`,
      run: () => generatePersonReport(viewer, longest.person_id, "public"),
      targetP95Ms: TARGET_P95_MS,
    },
    {
      name: `report: one person, internal`,
      run: () => generatePersonReport(editor, longest.person_id, "internal"),
      targetP95Ms: TARGET_P95_MS,
    },
  ] satisfies Bench[];
};

export default reportBench;
