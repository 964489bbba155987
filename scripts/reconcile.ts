// npm run reconcile: finish due operations, then compare the database with AWS and repair drift.
import { reconcile } from "@/lib/operations/reconcile";
import { drainOperations } from "@/lib/operations/run";

const ran = await drainOperations();
const report = await reconcile();
console.log(`[reconcile] ran ${ran} due operation(s)`);
for (const [name, value] of Object.entries(report)) console.log(`  ${name.padEnd(22)} ${value}`);
process.exit(0);
