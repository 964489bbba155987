// npm run reconcile: finish due operations, then compare the database with AWS and repair drift.
// Run on its own in local mode, it uses the running `npm start` stack (scripts/lib/with-local-stack.ts).
import "./lib/with-local-stack";
import { describeError } from "@/lib/operations/errors";
import { reconcile } from "@/lib/operations/reconcile";
import { drainOperations } from "@/lib/operations/run";

try {
  const ran = await drainOperations();
  const report = await reconcile();
  console.log(`[reconcile] ran ${ran} due operation(s)`);
  for (const [name, value] of Object.entries(report)) console.log(`  ${name.padEnd(22)} ${value}`);
  process.exit(0);
} catch (error) {
  console.error(`[reconcile] failed: ${describeError(error)}`);
  process.exit(1);
}
