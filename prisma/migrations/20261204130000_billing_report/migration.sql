-- Billing report: the overage price per tier, and each customer's tier over time (for proration).

-- AlterTable
ALTER TABLE "Tier" ADD COLUMN "overageCentsPer1k" INTEGER;

-- CreateTable
CREATE TABLE "CustomerTierSpan" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "from" TIMESTAMP(3) NOT NULL,
    "to" TIMESTAMP(3),

    CONSTRAINT "CustomerTierSpan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerTierSpan_customerId_from_idx" ON "CustomerTierSpan"("customerId", "from");

-- CreateIndex
CREATE INDEX "CustomerTierSpan_from_to_idx" ON "CustomerTierSpan"("from", "to");

-- AddForeignKey
ALTER TABLE "CustomerTierSpan" ADD CONSTRAINT "CustomerTierSpan_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerTierSpan" ADD CONSTRAINT "CustomerTierSpan_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "Tier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every customer's tier from its creation, changed by each finished tier move (MOVE_TIER operations that
-- succeeded, at finishedAt), ended by its deletion. A customer without moves held its current tier all along.
WITH moves AS (
  SELECT o."customerId" AS cid, o."finishedAt" AS starts_at, o."input"->>'fromTierId' AS from_tier, o."input"->>'toTierId' AS to_tier,
         row_number() OVER (PARTITION BY o."customerId" ORDER BY o."finishedAt", o."id") AS n
  FROM "Operation" o
  WHERE o."kind" = 'MOVE_TIER' AND o."status" = 'SUCCEEDED' AND o."finishedAt" IS NOT NULL AND o."customerId" IS NOT NULL
),
starts AS (
  SELECT c."id" AS cid, c."createdAt" AS starts_at, COALESCE((SELECT m.from_tier FROM moves m WHERE m.cid = c."id" AND m.n = 1), c."tierId") AS tier
  FROM "Customer" c
  UNION ALL
  SELECT m.cid, GREATEST(m.starts_at, c."createdAt"), m.to_tier FROM moves m JOIN "Customer" c ON c."id" = m.cid
),
ordered AS (
  SELECT s.cid, s.starts_at, s.tier, lead(s.starts_at) OVER (PARTITION BY s.cid ORDER BY s.starts_at) AS next,
         row_number() OVER (PARTITION BY s.cid ORDER BY s.starts_at) AS n
  FROM starts s
)
INSERT INTO "CustomerTierSpan" ("id", "customerId", "tierId", "from", "to")
SELECT 'span_' || md5(o.cid || ':' || o.n::text), o.cid, o.tier, o.starts_at,
       CASE WHEN o.next IS NOT NULL THEN o.next WHEN c."status" = 'DELETED' THEN COALESCE(c."deletedAt", c."updatedAt") END
FROM ordered o JOIN "Customer" c ON c."id" = o.cid
WHERE EXISTS (SELECT 1 FROM "Tier" t WHERE t."id" = o.tier);

-- Every later change, in the same transaction as the change itself, whoever makes it: a new customer opens a span at
-- createdAt, a change of tierId closes the open span now and opens one, deletion closes the open span. The runner
-- splits scripts at every semicolon, so the function body is an escape string whose semicolons are written \073.
CREATE FUNCTION "customer_tier_span"() RETURNS trigger LANGUAGE plpgsql AS E'DECLARE
  ts TIMESTAMP(3) := (now() AT TIME ZONE ''UTC'')\073
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "CustomerTierSpan" ("id", "customerId", "tierId", "from", "to")
    VALUES (gen_random_uuid()::text, NEW."id", NEW."tierId", NEW."createdAt",
            CASE WHEN NEW."status" = ''DELETED'' THEN COALESCE(NEW."deletedAt", NEW."createdAt") END)\073
    RETURN NEW\073
  END IF\073
  IF NEW."tierId" IS DISTINCT FROM OLD."tierId" AND NEW."status" <> ''DELETED'' THEN
    UPDATE "CustomerTierSpan" SET "to" = GREATEST(ts, "from") WHERE "customerId" = NEW."id" AND "to" IS NULL\073
    INSERT INTO "CustomerTierSpan" ("id", "customerId", "tierId", "from", "to") VALUES (gen_random_uuid()::text, NEW."id", NEW."tierId", ts, NULL)\073
  END IF\073
  IF NEW."status" = ''DELETED'' AND OLD."status" <> ''DELETED'' THEN
    UPDATE "CustomerTierSpan" SET "to" = GREATEST(COALESCE(NEW."deletedAt", ts), "from") WHERE "customerId" = NEW."id" AND "to" IS NULL\073
  END IF\073
  RETURN NEW\073
END';

CREATE TRIGGER "Customer_tier_span_insert"
  AFTER INSERT ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION "customer_tier_span"();

CREATE TRIGGER "Customer_tier_span_update"
  AFTER UPDATE OF "tierId", "status" ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION "customer_tier_span"();
