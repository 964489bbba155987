import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { listApiKeysByNamePrefix } from "@/lib/aws/api-gateway";
import { db } from "@/lib/db";
import { awsKeyName } from "@/lib/keys/aws-key-name";
import { queueKeyCreation } from "@/lib/keys/create-key";
import { drainOperations } from "@/lib/operations/run";
import { newCustomer, parkLeftoverOperations } from "@/test/fixtures";
import { setFaults } from "@/test/local-aws-faults";

// A real worker process (scripts/worker.ts) gets SIGTERM while it provisions a key: between creating the AWS key and
// adding it to the tier's plan, which local AWS answers slowly.
// It must finish that operation and exit 0; one that cannot finish in the shutdown timeout stays claimed and is
// re-claimed by another worker once its lock expires, still making exactly one AWS key.

let worker: ChildProcess | undefined;
let output = "";

function startWorker(env: Record<string, string>): Promise<void> {
  output = "";
  worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, GATEHOUSE_WORKER_JOBS: "operations", GATEHOUSE_LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const child = worker;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"worker started"')) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the worker exited early (${code}): ${output}`)));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const TOKEN = "worker-metrics-token-0123456789abcdef";

const exitCode = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

/** Waits until the worker is inside the operation: the AWS key exists, and adding it to the plan (slow) is next. */
async function midOperation(operationId: string, keyId: string): Promise<void> {
  await expect
    .poll(async () => (await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).awsKeyId !== null, { timeout: 20_000, interval: 50 })
    .toBe(true);
  expect((await db.operation.findUniqueOrThrow({ where: { id: operationId } })).status).toBe("RUNNING");
}

async function awsKeysOf(keyId: string) {
  return (await listApiKeysByNamePrefix(awsKeyName(keyId))).filter((key) => key.name === awsKeyName(keyId));
}

describe("a worker stopped with SIGTERM", () => {
  beforeAll(() => parkLeftoverOperations());
  afterEach(async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
    await setFaults([]);
  });

  it("finishes the operation it is running, then exits 0", async () => {
    const customer = await newCustomer();
    await setFaults([{ operation: "CreateUsagePlanKey", latencyMs: 2_000 }]);
    const queued = await queueKeyCreation(customer.customerId, "finished on shutdown", null);
    if (!queued.ok) throw new Error(queued.error.message);
    const port = await freePort();
    await startWorker({ GATEHOUSE_WORKER_METRICS_PORT: String(port), GATEHOUSE_METRICS_TOKEN: TOKEN });
    await midOperation(queued.data.operationId, queued.data.keyId);

    // Meanwhile its own port answers liveness, and metrics with the token only, the running operation among them.
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/health/live`)).json()).toMatchObject({ ok: true, stopping: false });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const scrape = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toMatch(/gatehouse_operations\{status="RUNNING",kind="CREATE_KEY"\} [1-9]/);

    const signalledAt = new Date();
    const exited = exitCode(worker as ChildProcess);
    worker?.kill("SIGTERM");
    expect(await exited).toBe(0);

    const op = await db.operation.findUniqueOrThrow({ where: { id: queued.data.operationId } });
    expect(op.status).toBe("SUCCEEDED");
    expect(op.finishedAt?.getTime()).toBeGreaterThanOrEqual(signalledAt.getTime() - 5);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: queued.data.keyId } })).toMatchObject({ status: "ACTIVE" });
    expect(await awsKeysOf(queued.data.keyId)).toHaveLength(1);
    expect(output.indexOf('"msg":"stopping: finishing the running operations and jobs"')).toBeGreaterThan(-1);
    expect(output.indexOf('"msg":"worker stopped"')).toBeGreaterThan(output.indexOf("stopping: finishing"));
  });

  it("past its shutdown timeout, leaves the operation claimed for another worker, which completes it once", async () => {
    const customer = await newCustomer();
    await setFaults([{ operation: "CreateUsagePlanKey", latencyMs: 4_000 }]);
    const queued = await queueKeyCreation(customer.customerId, "re-claimed after shutdown", null);
    if (!queued.ok) throw new Error(queued.error.message);
    await startWorker({ GATEHOUSE_SHUTDOWN_TIMEOUT_MS: "1000" });
    await midOperation(queued.data.operationId, queued.data.keyId);

    const exited = exitCode(worker as ChildProcess);
    worker?.kill("SIGTERM");
    expect(await exited).toBe(1);
    const left = await db.operation.findUniqueOrThrow({ where: { id: queued.data.operationId } });
    expect(left.status).toBe("RUNNING");
    expect(left.lockedUntil?.getTime()).toBeGreaterThan(Date.now());

    // The lock expires (moved back instead of waited for); another worker claims the operation and completes it.
    await setFaults([]);
    await db.operation.update({ where: { id: left.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    await drainOperations({ customerIds: [customer.customerId] });
    expect(await db.operation.findUniqueOrThrow({ where: { id: left.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: queued.data.keyId } })).toMatchObject({ status: "ACTIVE" });
    expect(await awsKeysOf(queued.data.keyId)).toHaveLength(1);
  });
});
