-- Shards (lib/shards/): the AWS account/region holding each customer's keys, and each tier's usage plan per shard.
-- Existing customers stay on the one shard there was, "default".

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "shardId" TEXT NOT NULL DEFAULT 'default';

-- CreateIndex
CREATE INDEX "Customer_shardId_idx" ON "Customer"("shardId");

-- CreateTable
CREATE TABLE "ShardUsagePlan" (
    "shardId" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "usagePlanId" TEXT NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShardUsagePlan_pkey" PRIMARY KEY ("shardId","tierId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShardUsagePlan_shardId_usagePlanId_key" ON "ShardUsagePlan"("shardId", "usagePlanId");

-- AddForeignKey
ALTER TABLE "ShardUsagePlan" ADD CONSTRAINT "ShardUsagePlan_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "Tier"("id") ON DELETE CASCADE ON UPDATE CASCADE;
