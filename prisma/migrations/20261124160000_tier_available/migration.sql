-- AlterTable
ALTER TABLE "Tier" ADD COLUMN     "available" BOOLEAN NOT NULL DEFAULT true;

