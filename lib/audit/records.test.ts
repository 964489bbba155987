import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { AUDIT_CSV_COLUMNS, auditCsvRecord } from "@/lib/audit/csv";
import { dayRange, parseAuditFilters } from "@/lib/audit/filter-schema";
import { spreadsheetCsv } from "@/lib/csv/spreadsheet-safe";
import { kindLabel, operationState, parseOperationFilters, stateWhere } from "@/lib/operations/admin-filter-schema";
import { decodeCursor, encodeCursor } from "@/lib/validation/keyset";

describe("auditCsvRecord", () => {
  it("neutralises every text cell of a record when written, not the timestamp", () => {
    const record = auditCsvRecord({
      id: "c1",
      createdAt: new Date("2026-12-03T10:00:00Z"),
      action: "key.create",
      outcome: "success",
      actorEmail: "=cmd@example.com",
      actorRole: "ADMIN",
      actorId: null,
      targetType: "api_key",
      targetId: "-1",
      customerId: "+c",
      meta: { note: "=x" },
    });
    const [written] = parse(spreadsheetCsv(AUDIT_CSV_COLUMNS, [record], { header: true }), { bom: true, columns: true }) as Record<string, string>[];
    expect(written).toMatchObject({ time_utc: "2026-12-03T10:00:00.000Z", actor_email: "'=cmd@example.com", actor_id: "", target_id: "'-1", customer_id: "'+c", meta: '{"note":"=x"}' });
  });
});

describe("keyset cursors", () => {
  it("round-trip and refuse anything else", () => {
    const position = { createdAt: new Date("2026-12-03T10:00:00.123Z"), id: "cabc123" };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    for (const bad of ["", "x", "%%%", Buffer.from('["nope","c1"]').toString("base64url"), Buffer.from('["2026-01-01T00:00:00Z","a b"]').toString("base64url"), "A".repeat(300)]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});

describe("audit filters", () => {
  it("accepts good filters and trims them", () => {
    const parsed = parseAuditFilters({ actor: "  Admin@Example.com ", action: "key.create", from: "2026-12-01", to: "2026-12-03", outcome: "failure" });
    expect(parsed).toMatchObject({ ok: true, filters: { actor: "Admin@Example.com", action: "key.create", customer: "", from: "2026-12-01", to: "2026-12-03", outcome: "failure" } });
  });
  it("reports each bad value on its own field", () => {
    const parsed = parseAuditFilters({ action: "drop table", from: "2026-02-30", to: "yesterday", outcome: "maybe", actor: "x".repeat(300) });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(["action", "actor", "from", "outcome", "to"]);
    expect(parsed.raw.action).toBe("drop table");
  });
  it("refuses an end before the start, and drops control characters", () => {
    expect(parseAuditFilters({ from: "2026-12-03", to: "2026-12-01" })).toMatchObject({ ok: false, fieldErrors: { to: ["The end date is before the start date."] } });
    expect(parseAuditFilters({ customer: "ac\u0000me" })).toMatchObject({ ok: true, filters: { customer: "acme" } });
    expect(parseAuditFilters({ action: ["key.create", "x"] })).toMatchObject({ ok: true, filters: { action: "key.create" } });
  });
  it("covers whole UTC days", () => {
    expect(dayRange("2026-12-01", "2026-12-03")).toEqual({ gte: new Date("2026-12-01T00:00:00Z"), lt: new Date("2026-12-04T00:00:00Z") });
    expect(dayRange("", "")).toEqual({});
  });
});

describe("operation states", () => {
  it("maps the database status to what the admin sees, and back", () => {
    expect(operationState({ status: "QUEUED", attempts: 0, compensatedAt: null })).toBe("queued");
    expect(operationState({ status: "QUEUED", attempts: 2, compensatedAt: null })).toBe("retrying");
    expect(operationState({ status: "RUNNING", attempts: 1, compensatedAt: null })).toBe("running");
    expect(operationState({ status: "FAILED", attempts: 10, compensatedAt: null })).toBe("failed");
    expect(operationState({ status: "FAILED", attempts: 1, compensatedAt: new Date() })).toBe("compensated");
    expect(operationState({ status: "SUCCEEDED", attempts: 1, compensatedAt: null })).toBe("succeeded");
    expect(stateWhere("retrying")).toEqual({ status: "QUEUED", attempts: { gt: 0 } });
    expect(kindLabel("MOVE_TIER")).toBe("Move tier");
  });
  it("validates the filters", () => {
    expect(parseOperationFilters({ status: "failed", kind: "MOVE_TIER" })).toMatchObject({ ok: true, filters: { status: "failed", kind: "MOVE_TIER", customer: "" } });
    expect(parseOperationFilters({ status: "exploded", kind: "'; DROP" })).toMatchObject({ ok: false, fieldErrors: { status: ["Choose a state from the list."], kind: ["Choose a kind from the list."] } });
  });
});
