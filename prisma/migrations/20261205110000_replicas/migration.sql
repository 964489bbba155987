-- Replicas on one PostgreSQL: control-plane pacing shared by every process (lib/aws/shared-pacer.ts) and leases that
-- let one process at a time run a periodic job (lib/jobs/lease.ts).

-- CreateTable
CREATE TABLE "ControlPlaneBucket" (
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tat" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ControlPlaneBucket_pkey" PRIMARY KEY ("scope","name")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);
