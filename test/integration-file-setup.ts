// Vitest setup for every integration test file: the files share one database and one local AWS, one file after
// another. A file starts without the operations an earlier file left queued or running (a test that ended while AWS
// was faulted, or a key change it did not wait for): tests that run "the due operations" would otherwise run those
// too, and their time and outcome would depend on which files ran before them.
import { beforeAll } from "vitest";
import { db } from "@/lib/db";

beforeAll(async () => {
  await db.operation.updateMany({
    where: { status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "FAILED", lastError: "left behind by an earlier test file", finishedAt: new Date(), lockedUntil: null },
  });
});
