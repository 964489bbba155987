-- AlterEnum
ALTER TYPE "OperationKind" ADD VALUE 'SUSPEND_CUSTOMER';
ALTER TYPE "OperationKind" ADD VALUE 'RESUME_CUSTOMER';
ALTER TYPE "OperationKind" ADD VALUE 'EXTEND_QUOTA';

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "suspendedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Customer_status_createdAt_idx" ON "Customer"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Customer_tierId_status_createdAt_idx" ON "Customer"("tierId", "status", "createdAt");
