-- Closed billing periods and their frozen per-customer figures (lib/billing/close-period.ts).

-- CreateEnum
CREATE TYPE "BillingPeriodStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "BillingPeriod" (
    "id" TEXT NOT NULL,
    "from" DATE NOT NULL,
    "to" DATE NOT NULL,
    "status" "BillingPeriodStatus" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "closedByEmail" TEXT,
    "customers" INTEGER NOT NULL DEFAULT 0,
    "totalCents" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingPeriodLine" (
    "id" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "company" TEXT,
    "tierSpans" JSONB NOT NULL,
    "overage" JSONB NOT NULL,
    "requests" BIGINT NOT NULL,
    "quota" INTEGER,
    "overageRequests" BIGINT NOT NULL,
    "tierCents" INTEGER NOT NULL,
    "overageCents" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,

    CONSTRAINT "BillingPeriodLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex: one row per month, so of two concurrent closes exactly one inserts.
CREATE UNIQUE INDEX "BillingPeriod_from_key" ON "BillingPeriod"("from");

-- CreateIndex
CREATE UNIQUE INDEX "BillingPeriodLine_periodId_customerId_key" ON "BillingPeriodLine"("periodId", "customerId");

-- CreateIndex
CREATE INDEX "BillingPeriodLine_customerId_idx" ON "BillingPeriodLine"("customerId");

-- AddForeignKey
ALTER TABLE "BillingPeriodLine" ADD CONSTRAINT "BillingPeriodLine_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "BillingPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Frozen means frozen: a closed period's lines can only be inserted (at closing), never updated or deleted, by any
-- client. Corrections appear as adjustments computed beside them. (The runner splits at semicolons: \073.)
CREATE FUNCTION "billing_period_line_frozen"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  RAISE EXCEPTION ''BillingPeriodLine is frozen: % is not allowed'', TG_OP
    USING ERRCODE = ''restrict_violation'', HINT = ''Corrections appear as adjustments.''\073
END';

CREATE TRIGGER "BillingPeriodLine_frozen_rows"
  BEFORE UPDATE OR DELETE ON "BillingPeriodLine"
  FOR EACH STATEMENT EXECUTE FUNCTION "billing_period_line_frozen"();

CREATE TRIGGER "BillingPeriodLine_frozen_truncate"
  BEFORE TRUNCATE ON "BillingPeriodLine"
  FOR EACH STATEMENT EXECUTE FUNCTION "billing_period_line_frozen"();
