// Creates the first admin (or a billing user): npm run admin:create -- --email you@example.com [--role BILLING]
// The password is read from GATEHOUSE_ADMIN_PASSWORD or prompted for, never taken from the command line.
import "./lib/with-local-stack";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { upsertStaffUser } from "@/lib/users/create-staff-user";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "ADMIN" } } });

async function readPassword(): Promise<string> {
  if (process.env.GATEHOUSE_ADMIN_PASSWORD) return process.env.GATEHOUSE_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const answer = await rl.question("Password (at least 10 characters): ");
  rl.close();
  return answer;
}

const email = values.email ?? process.env.GATEHOUSE_ADMIN_EMAIL;
if (!email) {
  console.error("Usage: npm run admin:create -- --email you@example.com [--role ADMIN|BILLING] [--name 'Your Name']");
  process.exit(2);
}
const result = await upsertStaffUser({ email, password: await readPassword(), name: values.name ?? email.split("@")[0], role: values.role?.toUpperCase() });
if (!result.ok) {
  console.error(result.error.message);
  for (const [field, messages] of Object.entries(result.error.fieldErrors ?? {})) console.error(`  ${field}: ${messages.join(" ")}`);
  process.exit(1);
}
console.log(`${result.data.created ? "Created" : "Updated"} ${values.role} user ${email}.`);
process.exit(0);
