-- CreateTable
CREATE TABLE "QuotaAlert" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "period" "QuotaPeriod" NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "quota" INTEGER NOT NULL,
    "used" INTEGER NOT NULL,
    "crossedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "emailClaimedAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "emailAttempts" INTEGER NOT NULL DEFAULT 0,
    "emailError" TEXT,

    CONSTRAINT "QuotaAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuotaAlert_customerId_threshold_periodStart_key" ON "QuotaAlert"("customerId", "threshold", "periodStart");

-- CreateIndex
CREATE INDEX "QuotaAlert_crossedAt_id_idx" ON "QuotaAlert"("crossedAt", "id");

-- CreateIndex
CREATE INDEX "QuotaAlert_periodEnd_threshold_idx" ON "QuotaAlert"("periodEnd", "threshold");

-- CreateIndex
CREATE INDEX "QuotaAlert_emailedAt_periodEnd_idx" ON "QuotaAlert"("emailedAt", "periodEnd");

-- Only the two thresholds the portal alerts on.
ALTER TABLE "QuotaAlert" ADD CONSTRAINT "QuotaAlert_threshold_check" CHECK ("threshold" IN (80, 100));
