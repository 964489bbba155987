-- AlterTable
ALTER TABLE "Operation" ADD COLUMN     "compensatedAt" TIMESTAMP(3);

-- DropForeignKey
-- The audit log keeps the acting user's id as it was: with the old ON DELETE SET NULL, deleting a user rewrote its
-- audit entries, which the append-only triggers below refuse.
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_actorId_fkey";

-- CreateIndex
CREATE INDEX "AuditLog_actorId_createdAt_idx" ON "AuditLog"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "Operation_createdAt_idx" ON "Operation"("createdAt");

-- CreateIndex
CREATE INDEX "Operation_status_createdAt_idx" ON "Operation"("status", "createdAt");

-- Append-only audit log, enforced by the database for every client: UPDATE and DELETE (any row, any statement) and
-- TRUNCATE are refused. Only a deliberate schema change (disabling or dropping these triggers) can alter history.
-- The migration runner splits scripts at every semicolon, so the function body is an escape string whose one
-- semicolon is written as \073.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  RAISE EXCEPTION ''AuditLog is append-only: % is not allowed'', TG_OP
    USING ERRCODE = ''restrict_violation'', HINT = ''Audit entries can only be inserted.''\073
END';

CREATE TRIGGER "AuditLog_append_only_rows"
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();

CREATE TRIGGER "AuditLog_append_only_truncate"
  BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
