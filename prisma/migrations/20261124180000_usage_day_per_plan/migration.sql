-- AlterTable
ALTER TABLE "UsageDay" DROP CONSTRAINT "UsageDay_pkey",
ADD CONSTRAINT "UsageDay_pkey" PRIMARY KEY ("apiKeyId", "usagePlanId", "date");

