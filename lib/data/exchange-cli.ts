import "server-only";
// The acting user of the exchange command-line scripts (scripts/exchange-*.ts), which run
// on the server without a browser session: an existing, enabled account named by its email.
// The data layer then authorizes its role like any other request (EDITOR to export, ADMIN to
// import), and the audit entry names that account.
import type { Actor } from "@/lib/authz";
import { db } from "@/lib/db";

export async function exchangeCliActor(email: string): Promise<Actor | null> {
  const user = await db().user.findFirst({ where: { email: { equals: email.trim(), mode: "insensitive" } }, select: { id: true, email: true, name: true, role: true, disabledAt: true } });
  if (!user || user.disabledAt !== null) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
