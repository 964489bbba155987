import "server-only";
import { db } from "@/lib/db";
import { idSchema } from "@/lib/validation/id";
import { likeLiteral } from "@/lib/validation/search";

/** At most this many customers are matched by a name search; a broader term asks the admin to narrow it. */
export const CUSTOMER_MATCH_LIMIT = 200;

/**
 * The customers a filter term names: the customer with that exact id (what links from a customer's page carry),
 * else those whose name, company or user e-mail contains it (LIKE wildcards taken literally). Deleted customers
 * are found by id only (their names are scrubbed).
 */
export async function customerIdsMatching(term: string): Promise<{ ids: string[]; truncated: boolean }> {
  if (idSchema.safeParse(term).success) {
    const exact = await db.customer.findUnique({ where: { id: term }, select: { id: true } });
    if (exact) return { ids: [exact.id], truncated: false };
  }
  const q = likeLiteral(term);
  const found = await db.customer.findMany({
    where: {
      OR: [
        { name: { contains: q, mode: "insensitive" } },
        { company: { contains: q, mode: "insensitive" } },
        { users: { some: { email: { contains: q, mode: "insensitive" } } } },
      ],
    },
    select: { id: true },
    orderBy: { createdAt: "desc" },
    take: CUSTOMER_MATCH_LIMIT + 1,
  });
  return { ids: found.slice(0, CUSTOMER_MATCH_LIMIT).map((c) => c.id), truncated: found.length > CUSTOMER_MATCH_LIMIT };
}

/** Display names of customers by id (for lists that hold only ids). */
export async function customerNames(ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.customer.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, company: true } });
  return new Map(rows.map((c) => [c.id, c.company ? `${c.name} (${c.company})` : c.name]));
}
