-- CreateTable
CREATE TABLE "QuotaGrant" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "extra" INTEGER NOT NULL,
    "operationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuotaGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaPoolChange" (
    "customerId" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuotaPoolChange_pkey" PRIMARY KEY ("customerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuotaGrant_operationId_key" ON "QuotaGrant"("operationId");

-- CreateIndex
CREATE INDEX "QuotaGrant_customerId_periodStart_idx" ON "QuotaGrant"("customerId", "periodStart");
