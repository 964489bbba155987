-- Usage history: snapshot runs of GetUsage over every usage plan (lib/usage-history/).

-- CreateEnum
CREATE TYPE "UsageSnapshotStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "UsageSnapshotTrigger" AS ENUM ('SCHEDULE', 'MANUAL');

-- CreateTable
CREATE TABLE "UsageSnapshotRun" (
    "id" TEXT NOT NULL,
    "trigger" "UsageSnapshotTrigger" NOT NULL,
    "scheduledDay" DATE,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "status" "UsageSnapshotStatus" NOT NULL DEFAULT 'QUEUED',
    "planIds" TEXT[],
    "planIndex" INTEGER NOT NULL DEFAULT 0,
    "chunkStart" DATE,
    "position" TEXT,
    "plansTotal" INTEGER NOT NULL,
    "plansDone" INTEGER NOT NULL DEFAULT 0,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "getUsageCalls" INTEGER NOT NULL DEFAULT 0,
    "rowsStored" INTEGER NOT NULL DEFAULT 0,
    "keysSkipped" INTEGER NOT NULL DEFAULT 0,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdByEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageSnapshotRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UsageSnapshotRun_scheduledDay_key" ON "UsageSnapshotRun"("scheduledDay");

-- CreateIndex
CREATE INDEX "UsageSnapshotRun_status_createdAt_idx" ON "UsageSnapshotRun"("status", "createdAt");

-- CreateIndex
CREATE INDEX "UsageSnapshotRun_createdAt_idx" ON "UsageSnapshotRun"("createdAt");
