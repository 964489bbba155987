// Several processes on one database, as several portal and worker replicas would be: durable operations are claimed
// exactly once, a periodic job runs once per period, a crashed holder's lease is taken over after it expires, and
// control-plane pacing holds for all processes together. Each replica is a real Node process (test/replicas/child.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { accountLimit, intervalMs, operationLimits, toleranceMs, type BucketSpec } from "@/lib/aws/control-plane-limits";
import { db } from "@/lib/db";
import { acquireLease, releaseLease } from "@/lib/jobs/lease";
import { reconcileNow } from "@/lib/operations/admin-reconcile";
import { ensureTiers, newStaff } from "@/test/fixtures";

type Line = Record<string, unknown> & { pid: number };

interface Replica {
  child: ChildProcess;
  lines: Line[];
  /** Resolves with the first line that has `key`. */
  next(key: string): Promise<Line>;
  exited: Promise<number | null>;
}

const running: Replica[] = [];

function startReplica(mode: string, ...args: string[]): Replica {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/replicas/child.ts", mode, ...args], {
    env: process.env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: Line[] = [];
  const waiting: { key: string; resolve: (line: Line) => void }[] = [];
  createInterface({ input: child.stdout! }).on("line", (text) => {
    if (!text.startsWith("{")) return;
    const line = JSON.parse(text) as Line;
    lines.push(line);
    for (const w of waiting.filter((w) => w.key in line)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const replica: Replica = {
    child,
    lines,
    exited,
    next: (key) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => key in l);
        if (seen) return resolve(seen);
        waiting.push({ key, resolve });
        void exited.then(() => reject(new Error(`replica ${mode} exited before printing ${key}`)));
      }),
  };
  running.push(replica);
  return replica;
}

/** Starts the replicas, waits until each is connected, then lets them go at once and waits for them to finish. */
async function race(replicas: Replica[]): Promise<void> {
  await Promise.all(replicas.map((r) => r.next("ready")));
  for (const r of replicas) r.child.stdin?.write("go\n");
  const codes = await Promise.all(replicas.map((r) => r.exited));
  expect(codes).toEqual(replicas.map(() => 0));
}

afterEach(() => {
  for (const r of running.splice(0)) if (r.child.exitCode === null) r.child.kill("SIGKILL");
});

describe("replicas on one database", () => {
  beforeAll(async () => {
    await ensureTiers();
  });

  it("claims each of 200 queued operations exactly once across three worker processes", { timeout: 120_000 }, async () => {
    const tier = (await ensureTiers())[0]!;
    const run = randomUUID().slice(0, 8);
    const customerIds = Array.from({ length: 200 }, (_, i) => `replicas-${run}-${i}`);
    await db.customer.createMany({ data: customerIds.map((id) => ({ id, name: `Replica ${id}`, tierId: tier.id })) });
    // A key with no AWS key: renaming it touches only the database, so the test measures claiming, not AWS.
    await db.apiKey.createMany({ data: customerIds.map((id) => ({ id: `${id}-key`, customerId: id, name: "k", usagePlanId: tier.usagePlanId, status: "REVOKED" })) });
    await db.operation.createMany({ data: customerIds.map((id) => ({ kind: "RENAME_KEY", customerId: id, apiKeyId: `${id}-key`, input: {} })) });

    const workers = [1, 2, 3].map(() => startReplica("drain", customerIds.join(",")));
    await race(workers);

    const ran = await Promise.all(workers.map(async (w) => Number((await w.next("ran")).ran)));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(200); // 200 runs in all: none twice, none missed
    expect(ran.filter((n) => n > 0).length).toBeGreaterThan(1); // the processes really shared the queue
    const ops = await db.operation.findMany({ where: { customerId: { in: customerIds } }, select: { status: true, attempts: true } });
    expect(ops).toHaveLength(200);
    expect(ops.every((o) => o.status === "SUCCEEDED" && o.attempts === 1)).toBe(true); // each claimed once
  });

  it("runs a periodic job once per period whichever of three processes gets to it", { timeout: 60_000 }, async () => {
    const name = `replicas-periodic-${randomUUID()}`;
    const everyMs = 700;
    const processes = [1, 2, 3].map(() => startReplica("periodic", name, String(everyMs), "3000"));
    await race(processes);

    const runs = processes
      .flatMap((p) => p.lines.filter((l) => "run" in l).map((l) => ({ pid: l.pid, ...(l.run as { start: number; end: number }) })))
      .sort((a, b) => a.start - b.start);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < runs.length; i++) {
      // By the database's clock: the next run starts a full period after the previous one ended, never during it.
      expect(runs[i]!.start - runs[i - 1]!.end).toBeGreaterThanOrEqual(everyMs);
    }
  });

  it("hands a killed holder's lease to another process once it has expired, not before", { timeout: 60_000 }, async () => {
    const name = `replicas-crash-${randomUUID()}`;
    const ttlMs = 3000;
    const holder = startReplica("hold", name, String(ttlMs));
    await holder.next("ready");
    holder.child.stdin?.write("go\n");
    await holder.next("holding");
    expect(await acquireLease(name, "the-taker", ttlMs)).toBe(false); // alive and renewing: it keeps the lease

    holder.child.kill("SIGKILL");
    await holder.exited;
    const held = await db.jobLease.findUniqueOrThrow({ where: { name } });
    expect(held.holder).not.toBe("the-taker");

    let taken = false;
    for (let i = 0; i < 100 && !taken; i++) {
      taken = await acquireLease(name, "the-taker", ttlMs);
      if (!taken) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(taken).toBe(true);
    const after = await db.jobLease.findUniqueOrThrow({ where: { name } });
    expect(after.holder).toBe("the-taker");
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(held.expiresAt.getTime()); // taken only once expired
  });

  it("refuses an admin's Reconcile now while another process reconciles", async () => {
    const admin = await newStaff("ADMIN");
    expect(await acquireLease("reconcile", "another-replica", 60_000)).toBe(true);
    try {
      const result = await reconcileNow(admin);
      expect(result.ok ? null : result.error.code).toBe("conflict");
    } finally {
      await releaseLease("reconcile", "another-replica");
    }
  });

  it("paces three processes together within the account's control-plane limits", { timeout: 60_000 }, async () => {
    const scope = `replicas-pace-${randomUUID()}`;
    const processes = [1, 2, 3].map(() => startReplica("pace", scope, "15"));
    await race(processes);

    const slots = processes.flatMap((p) => p.lines.filter((l) => "slot" in l).map((l) => ({ pid: l.pid, ...(l.slot as { command: string; at: number }) })));
    expect(slots).toHaveLength(90);
    expect(new Set(slots.map((s) => s.pid)).size).toBe(3);
    const creates = slots.filter((s) => s.command === "CreateApiKeyCommand").map((s) => s.at);
    // The reserved schedule, not elapsed time: in every window, no more calls than the bucket lets through. (Three
    // processes pacing on their own would each have sent a burst of 5 creates at once.)
    expectWithin(creates, operationLimits.CreateApiKeyCommand!);
    expectWithin(slots.map((s) => s.at), accountLimit);
  });
});

/** For every pair of calls, at most burst + (time between them) × rate calls fall between them. */
function expectWithin(ats: number[], spec: BucketSpec) {
  const sorted = [...ats].sort((a, b) => a - b);
  const worst = sorted.reduce((max, from, i) => {
    const through = sorted.findLastIndex((at) => at <= from + 1000);
    return Math.max(max, through - i + 1);
  }, 0);
  expect(worst).toBeLessThanOrEqual(spec.burst + spec.ratePerSecond);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + spec.burst; j < sorted.length; j++) {
      // GCRA: the (j − i)th call after call i goes no sooner than (j − i − burst + 1) intervals after it.
      expect(sorted[j]! - sorted[i]!).toBeGreaterThanOrEqual((j - i) * intervalMs(spec) - toleranceMs(spec) - 0.001);
    }
  }
}
