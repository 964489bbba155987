// npm run reconcile: finish due operations, then compare the database with AWS and repair drift (unless another
// process is reconciling: lib/operations/reconcile-exclusively.ts).
// Run on its own in local mode, it uses the running `npm start` stack (scripts/lib/with-local-stack.ts).
import "./lib/with-local-stack";
import { describeError } from "@/lib/operations/errors";
import { reconcileExclusively } from "@/lib/operations/reconcile-exclusively";
import { drainOperations } from "@/lib/operations/run";

try {
  const ran = await drainOperations();
  const run = await reconcileExclusively();
  console.log(`[reconcile] ran ${ran} due operation(s)`);
  if (!run.ran) {
    console.error("[reconcile] another process (a worker, or an admin's Reconcile now) is reconciling; try again in a minute");
    process.exit(1);
  }
  for (const [name, value] of Object.entries(run.result)) console.log(`  ${name.padEnd(22)} ${value}`);
  process.exit(0);
} catch (error) {
  console.error(`[reconcile] failed: ${describeError(error)}`);
  process.exit(1);
}
