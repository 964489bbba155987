// Demo data for local mode: the accounts listed in the README, and customers whose keys the traffic generator uses.
import { signUp } from "@/lib/customers/sign-up";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { upsertStaffUser } from "@/lib/users/create-staff-user";
import { assertLocalOnly } from "./lib/local-only";

export const DEMO_PASSWORD = "gatehouse-demo";

const customers = [
  { name: "Dana Demo", company: "Demo Labs", email: "customer@gatehouse.local", tier: "premium", keys: ["production", "staging"] },
  { name: "Ada Park", company: "Acme Robotics", email: "ada@acme.example", tier: "basic", keys: ["robot fleet"] },
  { name: "Grace Lin", company: "Globex", email: "grace@globex.example", tier: "premium", keys: ["web", "mobile"] },
  { name: "Ivan Petrov", company: "Initech", email: "ivan@initech.example", tier: "basic", keys: ["reports"] },
  { name: "Uma Reyes", company: "Umbrella Health", email: "uma@umbrella.example", tier: "basic", keys: ["ingest"] },
  { name: "Tony Stark", company: "Stark Industries", email: "tony@stark.example", tier: "enterprise", keys: ["jarvis"] },
] as const;

/** Demo accounts have a published password: only ever on a database on this machine, with local AWS. */
export function assertDemoAllowed(): void {
  assertLocalOnly(process.env, "the demo seed");
}

export async function seedDemoData(): Promise<void> {
  assertDemoAllowed();
  for (const role of ["ADMIN", "BILLING"] as const) {
    const email = `${role.toLowerCase()}@gatehouse.local`;
    if (await db.user.findUnique({ where: { email } })) continue;
    const result = await upsertStaffUser({ email, password: DEMO_PASSWORD, name: role === "ADMIN" ? "Avery Admin" : "Bo Billing", role });
    if (!result.ok) throw new Error(`demo ${role} user: ${result.error.message}`);
  }

  const tiers = await db.tier.findMany({ select: { id: true, slug: true } });
  const tierId = (slug: string) => tiers.find((t) => t.slug === slug)?.id;
  const entry = tiers.find((t) => t.slug === "basic")?.id ?? tiers[0]?.id;
  if (!entry) throw new Error("no tiers: sync tiers before seeding demo data");

  for (const c of customers) {
    let user = await db.user.findUnique({ where: { email: c.email } });
    if (!user) {
      // Sign up on a public tier like anyone would; an approval-only tier is then granted directly (as an admin would).
      const result = await signUp({ name: c.name, company: c.company, email: c.email, password: DEMO_PASSWORD, tierId: entry });
      if (!result.ok) throw new Error(`demo customer ${c.email}: ${result.error.message}`);
      const wanted = tierId(c.tier);
      if (wanted) await db.customer.update({ where: { id: result.data.customerId }, data: { tierId: wanted } });
      user = await db.user.findUniqueOrThrow({ where: { email: c.email } });
    }
    const actor = { userId: user.id, email: user.email, name: user.name, role: user.role, customerId: user.customerId };
    const existing = await db.apiKey.count({ where: { customerId: user.customerId ?? "", status: "ACTIVE" } });
    for (const name of c.keys.slice(existing)) {
      const key = await createKey(actor, { name });
      if (!key.ok) throw new Error(`demo key for ${c.email}: ${key.error.message}`);
    }
  }
  console.log(`[seed] demo accounts ready (password "${DEMO_PASSWORD}"): customer@, admin@, billing@gatehouse.local`);
}
