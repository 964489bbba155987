-- AlterEnum
ALTER TYPE "OperationKind" ADD VALUE 'ADOPT_KEY';

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "adoptedAt" TIMESTAMP(3);
