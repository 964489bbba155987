import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma";

export interface CustomerRow {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  tierName: string;
  status: string;
  activeKeys: number;
  createdAt: Date;
}

export interface CustomerPage {
  rows: CustomerRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** Customers for the admin list: searched by name, company or user e-mail, newest first, one page at a time. */
export async function listCustomers({ query, page, pageSize = 20 }: { query?: string; page: number; pageSize?: number }): Promise<CustomerPage> {
  const q = query?.trim().slice(0, 100);
  const where: Prisma.CustomerWhereInput = {
    status: { not: "DELETED" },
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { company: { contains: q, mode: "insensitive" } },
            { users: { some: { email: { contains: q, mode: "insensitive" } } } },
          ],
        }
      : {}),
  };
  const total = await db.customer.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  const customers = await db.customer.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      name: true,
      company: true,
      status: true,
      createdAt: true,
      tier: { select: { name: true } },
      users: { select: { email: true }, take: 1, orderBy: { createdAt: "asc" } },
      _count: { select: { apiKeys: { where: { status: { in: ["ACTIVE", "DISABLED"] } } } } },
    },
  });
  return {
    rows: customers.map((c) => ({
      id: c.id,
      name: c.name,
      company: c.company,
      email: c.users[0]?.email ?? null,
      tierName: c.tier.name,
      status: c.status,
      activeKeys: c._count.apiKeys,
      createdAt: c.createdAt,
    })),
    total,
    page: current,
    pageSize,
    pageCount,
  };
}

export interface OwnAccount {
  customerId: string;
  name: string;
  company: string | null;
  tier: { name: string; rateLimit: number; burstLimit: number; quotaLimit: number | null; quotaPeriod: string | null; maxKeys: number };
}

/** The signed-in customer's own account summary; customerId comes from the session, never from input. */
export async function getOwnAccount(customerId: string): Promise<OwnAccount | null> {
  const c = await db.customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      name: true,
      company: true,
      tier: { select: { name: true, rateLimit: true, burstLimit: true, quotaLimit: true, quotaPeriod: true, maxKeys: true } },
    },
  });
  return c ? { customerId: c.id, name: c.name, company: c.company, tier: c.tier } : null;
}
