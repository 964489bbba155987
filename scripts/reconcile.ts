// npm run reconcile: finish due operations, then compare the database with AWS and repair drift (unless another
// process is reconciling: lib/operations/reconcile-exclusively.ts). Logs JSON lines (lib/observability/log.ts).
// Run on its own in local mode, it uses the running `npm start` stack (scripts/lib/with-local-stack.ts).
import "./lib/with-local-stack";
import { createLogger, errorFields, logger, setRootLogger } from "@/lib/observability/log";
import { reconcileExclusively } from "@/lib/operations/reconcile-exclusively";
import { drainOperations } from "@/lib/operations/run";

setRootLogger(createLogger({ service: "reconcile" }));
const log = logger("reconcile");

try {
  const ran = await drainOperations();
  const run = await reconcileExclusively();
  if (!run.ran) {
    log.error({ operationsRun: ran }, "another process (a worker, or an admin's Reconcile now) is reconciling; try again in a minute");
    process.exit(1);
  }
  log.info({ operationsRun: ran, report: run.result }, `reconcile: ran ${ran} due operation(s)`);
  process.exit(0);
} catch (error) {
  log.error(errorFields(error), "reconcile failed");
  process.exit(1);
}
