// Brings the database in line with AWS and the environment: tiers from usage plans, the first admin from env,
// and (with --demo) one account per role plus demo customers with real keys in local AWS.
import { parseArgs } from "node:util";
import { NotLocal } from "./lib/local-only";
import { assertDemoAllowed, seedDemoData } from "./seed-demo";
import { syncTiers } from "@/lib/tiers/sync-tiers";
import { upsertStaffUser } from "@/lib/users/create-staff-user";

const { values } = parseArgs({ options: { demo: { type: "boolean", default: false } } });
try {
  if (values.demo) assertDemoAllowed();
} catch (error) {
  if (!(error instanceof NotLocal)) throw error;
  console.error(`[seed] ${error.message}`);
  process.exit(1);
}

const tiers = await syncTiers();
console.log(`[seed] ${tiers} tiers synced from the API's usage plans`);

const adminEmail = process.env.GATEHOUSE_ADMIN_EMAIL;
const adminPassword = process.env.GATEHOUSE_ADMIN_PASSWORD;
if (adminEmail && adminPassword) {
  const result = await upsertStaffUser({ email: adminEmail, password: adminPassword, name: "Administrator", role: "ADMIN" });
  if (!result.ok) {
    console.error(`[seed] GATEHOUSE_ADMIN_EMAIL/PASSWORD rejected: ${JSON.stringify(result.error.fieldErrors ?? result.error.message)}`);
    process.exit(1);
  }
  console.log(`[seed] admin ${adminEmail} ${result.data.created ? "created" : "updated"}`);
}

if (values.demo) await seedDemoData();
process.exit(0);
