-- The daily per-customer usage rollup: UsageDay summed over all of a customer's keys and plans per UTC day, so the
-- billing report, its CSV export and period close read one row per customer and day instead of every key's. Derived
-- data: no foreign key of its own (UsageDay's keys have theirs), so the triggers' writes cost no per-row checks.

-- CreateTable
CREATE TABLE "CustomerUsageDay" (
    "customerId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "used" BIGINT NOT NULL,
    "rows" INTEGER NOT NULL,

    CONSTRAINT "CustomerUsageDay_pkey" PRIMARY KEY ("customerId","date")
);

-- CreateIndex
CREATE INDEX "CustomerUsageDay_date_idx" ON "CustomerUsageDay"("date");

-- Backfill from the stored detail.
INSERT INTO "CustomerUsageDay" ("customerId", "date", "used", "rows")
SELECT k."customerId", u."date", SUM(u."used")::bigint, count(*)::int
FROM "UsageDay" u JOIN "ApiKey" k ON k."id" = u."apiKeyId"
GROUP BY 1, 2;

-- Kept equal to UsageDay by statement-level triggers: each INSERT, UPDATE or DELETE of UsageDay rows (whoever makes
-- it) adds its net change per customer and day in the same statement, from the statement's transition tables (one
-- aggregated upsert per statement, not one per row: the history snapshot writes thousands of rows at once). A day
-- whose last detail row is deleted loses its rollup row. The runner splits scripts at every semicolon, so the
-- function bodies are escape strings whose semicolons are written \073.
CREATE FUNCTION "customer_usage_day_apply"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "CustomerUsageDay" ("customerId", "date", "used", "rows")
    SELECT k."customerId", n."date", SUM(n."used")::bigint, count(*)::int
    FROM new_rows n JOIN "ApiKey" k ON k."id" = n."apiKeyId"
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("customerId", "date") DO UPDATE
      SET "used" = "CustomerUsageDay"."used" + EXCLUDED."used", "rows" = "CustomerUsageDay"."rows" + EXCLUDED."rows"\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO "CustomerUsageDay" ("customerId", "date", "used", "rows")
    SELECT k."customerId", d."date", SUM(d."used")::bigint, SUM(d."rows")::int
    FROM (
      SELECT n."apiKeyId", n."date", n."used"::bigint AS "used", 1 AS "rows" FROM new_rows n
      UNION ALL
      SELECT o."apiKeyId", o."date", -o."used"::bigint, -1 FROM old_rows o
    ) d JOIN "ApiKey" k ON k."id" = d."apiKeyId"
    GROUP BY 1, 2
    HAVING SUM(d."used") <> 0 OR SUM(d."rows") <> 0
    ORDER BY 1, 2
    ON CONFLICT ("customerId", "date") DO UPDATE
      SET "used" = "CustomerUsageDay"."used" + EXCLUDED."used", "rows" = "CustomerUsageDay"."rows" + EXCLUDED."rows"\073
    DELETE FROM "CustomerUsageDay" c USING (SELECT DISTINCT k."customerId", o."date" FROM old_rows o JOIN "ApiKey" k ON k."id" = o."apiKeyId") gone
    WHERE c."customerId" = gone."customerId" AND c."date" = gone."date" AND c."rows" <= 0\073
  ELSE
    UPDATE "CustomerUsageDay" c SET "used" = c."used" - d."used", "rows" = c."rows" - d."rows"
    FROM (
      SELECT k."customerId", o."date", SUM(o."used")::bigint AS "used", count(*)::int AS "rows"
      FROM old_rows o JOIN "ApiKey" k ON k."id" = o."apiKeyId"
      GROUP BY 1, 2
    ) d
    WHERE c."customerId" = d."customerId" AND c."date" = d."date"\073
    DELETE FROM "CustomerUsageDay" c USING (SELECT DISTINCT k."customerId", o."date" FROM old_rows o JOIN "ApiKey" k ON k."id" = o."apiKeyId") gone
    WHERE c."customerId" = gone."customerId" AND c."date" = gone."date" AND c."rows" <= 0\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "UsageDay_rollup_insert"
  AFTER INSERT ON "UsageDay" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_usage_day_apply"();

CREATE TRIGGER "UsageDay_rollup_update"
  AFTER UPDATE ON "UsageDay" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_usage_day_apply"();

CREATE TRIGGER "UsageDay_rollup_delete"
  AFTER DELETE ON "UsageDay" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_usage_day_apply"();

-- TRUNCATE has no transition table: the rollup is emptied with it.
CREATE FUNCTION "customer_usage_day_truncate"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  DELETE FROM "CustomerUsageDay"\073
  RETURN NULL\073
END';

CREATE TRIGGER "UsageDay_rollup_truncate"
  AFTER TRUNCATE ON "UsageDay"
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_usage_day_truncate"();

-- A key moved to another customer (the portal never does this) takes its usage with it.
CREATE FUNCTION "customer_usage_day_key_moved"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  UPDATE "CustomerUsageDay" c SET "used" = c."used" - d."used", "rows" = c."rows" - d."rows"
  FROM (SELECT u."date", SUM(u."used")::bigint AS "used", count(*)::int AS "rows" FROM "UsageDay" u WHERE u."apiKeyId" = NEW."id" GROUP BY 1) d
  WHERE c."customerId" = OLD."customerId" AND c."date" = d."date"\073
  DELETE FROM "CustomerUsageDay" WHERE "customerId" = OLD."customerId" AND "rows" <= 0\073
  INSERT INTO "CustomerUsageDay" ("customerId", "date", "used", "rows")
  SELECT NEW."customerId", u."date", SUM(u."used")::bigint, count(*)::int FROM "UsageDay" u WHERE u."apiKeyId" = NEW."id" GROUP BY 2
  ON CONFLICT ("customerId", "date") DO UPDATE
    SET "used" = "CustomerUsageDay"."used" + EXCLUDED."used", "rows" = "CustomerUsageDay"."rows" + EXCLUDED."rows"\073
  RETURN NULL\073
END';

CREATE TRIGGER "ApiKey_rollup_customer"
  AFTER UPDATE OF "customerId" ON "ApiKey"
  FOR EACH ROW WHEN (OLD."customerId" IS DISTINCT FROM NEW."customerId") EXECUTE FUNCTION "customer_usage_day_key_moved"();
