// One replica in the multi-process integration tests (lib/jobs/replicas.int.test.ts): a separate Node process on
// the test database that waits for "go" on stdin (so the processes start together), does one thing, and prints
// JSON lines for the test to check. Run as `node --import tsx --conditions=react-server test/replicas/child.ts <mode> ...`.
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { pacerFor } from "@/lib/aws/shared-pacer";
import { db } from "@/lib/db";
import { acquireLease, processHolder, runExclusive, runIfDue } from "@/lib/jobs/lease";
import { runDueOperations } from "@/lib/operations/run";

const [mode = "", ...args] = process.argv.slice(2);
const print = (line: object) => process.stdout.write(`${JSON.stringify({ pid: process.pid, ...line })}\n`);

async function dbNow(): Promise<number> {
  const [row] = await db.$queryRaw<{ now: number }[]>`SELECT extract(epoch FROM clock_timestamp())::float8 * 1000 AS now`;
  return Number(row?.now);
}

async function waitForGo(): Promise<void> {
  await db.$queryRaw`SELECT 1`; // connected before the race starts
  print({ ready: true });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === "go") break;
  lines.close();
}

/** Drains the given customers' due operations until none is left to claim; prints how many this process ran. */
async function drain(customerIds: string[]) {
  let ran = 0;
  for (;;) {
    const outcomes = await runDueOperations({ limit: 5, concurrency: 5, customerIds });
    if (outcomes.length === 0) break;
    ran += outcomes.filter((o) => o.status === "succeeded").length;
  }
  print({ ran });
}

/** Keeps trying the periodic job for `forMs`; each run records its start and end by the database's clock. */
async function periodic(name: string, everyMs: number, forMs: number) {
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    await runIfDue(
      name,
      everyMs,
      async () => {
        const start = await dbNow();
        await sleep(100);
        print({ run: { start, end: await dbNow() } });
      },
      { ttlMs: 5_000, firstDueInMs: 0 },
    );
    await sleep(20);
  }
}

/** Takes the lease and never finishes (renewing it) until killed. */
async function hold(name: string, ttlMs: number) {
  await runExclusive(name, ttlMs, async () => {
    print({ holding: processHolder });
    await new Promise(() => undefined);
  });
}

/** Reserves `count` CreateApiKey and `count` GetApiKeys slots without calling AWS; prints each slot. */
async function pace(scope: string, count: number) {
  const pacer = pacerFor(scope);
  for (let i = 0; i < count; i++) {
    for (const command of ["CreateApiKeyCommand", "GetApiKeysCommand"]) print({ slot: { command, at: (await pacer.reserve(command)).at } });
  }
}

await waitForGo();
if (mode === "drain") await drain(args[0]?.split(",") ?? []);
else if (mode === "periodic") await periodic(args[0] ?? "", Number(args[1]), Number(args[2]));
else if (mode === "hold") await hold(args[0] ?? "", Number(args[1]));
else if (mode === "pace") await pace(args[0] ?? "", Number(args[1]));
else if (mode === "acquire") print({ acquired: await acquireLease(args[0] ?? "", processHolder, Number(args[1])) });
else throw new Error(`unknown mode ${mode}`);
await db.$disconnect();
print({ done: true });
process.exit(0);
