import { APIGatewayClient, UpdateApiKeyCommand, UpdateUsageCommand } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getOpenApiDocument } from "@/lib/aws/export";
import { db } from "@/lib/db";
import { toApiDocs } from "@/lib/docs/openapi";
import { getApiDocs } from "@/lib/docs/queries";
import { tryRequest } from "@/lib/docs/try-request";
import { targetApi } from "@/lib/gateway/target-api";
import { createKey } from "@/lib/keys/create-key";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";
import { setFaults } from "@/test/local-aws-faults";

// Against local AWS (control plane, data plane and demo backend) and a real database; no mocks.
const aws = new APIGatewayClient({ maxAttempts: 1 });

async function customerWithKey(tier = "basic") {
  const customer = await newCustomer(tier);
  const created = await createKey(customer, { name: "docs key" });
  if (!created.ok) throw new Error(created.error.message);
  if (!created.data.value) throw new Error("the key was queued instead of created");
  return { customer, keyId: created.data.id, value: created.data.value };
}

function codeOf(result: { ok: boolean; error?: { code: string } }) {
  return result.ok ? "ok" : result.error?.code;
}

describe("API docs and the try-it proxy against local AWS", () => {
  beforeAll(async () => {
    await ensureTiers();
  });

  afterEach(async () => {
    await setFaults([]);
  });

  // First in the file: this process has not cached the document yet.
  it("answers unavailable while GetExport fails, and does not cache the failure", async () => {
    const customer = await newCustomer();
    await setFaults([{ operation: "GetExport", errorRate: 1, kind: "5xx" }]);
    const failed = await getApiDocs(customer);
    expect(failed).toEqual({
      ok: false,
      error: { code: "unavailable", message: "The API documentation could not be loaded from AWS right now. Please try again in a minute." },
    });
    const tried = await tryRequest(customer, { keyId: "whatever", method: "GET", path: "/pets" });
    expect(codeOf(tried)).toBe("unavailable");

    await setFaults([]);
    const loaded = await getApiDocs(customer);
    expect(loaded.ok).toBe(true);
  });

  it("renders the demo API's real export: operations, parameters, bodies and response examples", async () => {
    const result = await getApiDocs(await newCustomer());
    if (!result.ok) throw new Error(result.error.message);
    const { docs, baseUrl } = result.data;
    expect(baseUrl).toBe(process.env.GATEHOUSE_GATEWAY_URL);
    expect(docs.title).toBe("gatehouse-demo-api");
    expect(docs.operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      ["GET /data", "GET /flaky", "GET /health", "GET /pets", "GET /pets/{id}", "POST /pets"].sort(),
    );
    const getPet = docs.operations.find((o) => o.id === "getPet");
    expect(getPet).toMatchObject({ method: "GET", path: "/pets/{id}", summary: "Get one pet", tag: "pets" });
    expect(getPet?.parameters).toEqual([{ name: "id", in: "path", required: true, description: null, type: "string", example: null }]);
    expect(getPet?.responses.map((r) => [r.status, r.schema])).toEqual([
      ["200", "Pet"],
      ["404", "Error"],
    ]);
    expect(JSON.parse(getPet?.responses[0]?.example ?? "null")).toEqual({ id: 0, name: "string", type: "string", price: 0 });
    const createPet = docs.operations.find((o) => o.id === "createPet");
    expect(createPet?.requestBody).toMatchObject({ contentType: "application/json", required: true, schema: "NewPet" });
    expect(JSON.parse(createPet?.requestBody?.example ?? "null")).toEqual({ name: "string", type: "string", price: 0 });
    const listPets = docs.operations.find((o) => o.id === "listPets");
    expect(JSON.parse(listPets?.responses[0]?.example ?? "null")).toEqual([{ id: 0, name: "string", type: "string", price: 0 }]);
  });

  it("reads the export straight from GetExport as JSON that toApiDocs accepts", async () => {
    const api = await targetApi();
    const document = await getOpenApiDocument(api.restApiId, api.stage);
    expect(document).toMatchObject({ openapi: "3.0.1", paths: { "/pets": { get: { operationId: "listPets" } } } });
    expect(JSON.stringify(document)).not.toContain("x-amazon-apigateway-integration");
    expect(toApiDocs(document).ok).toBe(true);
  });

  it("serves the cached document without calling GetExport again", async () => {
    const customer = await newCustomer();
    expect((await getApiDocs(customer)).ok).toBe(true);
    // A GetExport call would now take 5 s; the cached document answers at once.
    await setFaults([{ operation: "GetExport", latencyMs: 5000 }]);
    const started = Date.now();
    expect((await getApiDocs(customer)).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("refuses anonymous visitors and staff", async () => {
    const admin = await newStaff("ADMIN");
    const billing = await newStaff("BILLING");
    expect(codeOf(await getApiDocs(null))).toBe("unauthenticated");
    expect(codeOf(await getApiDocs(admin))).toBe("forbidden");
    const { keyId } = await customerWithKey();
    const input = { keyId, method: "GET", path: "/pets" };
    expect(codeOf(await tryRequest(null, input))).toBe("unauthenticated");
    expect(codeOf(await tryRequest(admin, input))).toBe("forbidden");
    expect(codeOf(await tryRequest(billing, input))).toBe("forbidden");
  });

  it("sends GET /pets with the owner's key and returns the demo backend's JSON, never the key", async () => {
    const { customer, keyId, value } = await customerWithKey();
    const result = await tryRequest(customer, { keyId, method: "GET", path: "/pets", query: [{ name: "limit", value: "2" }] });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data).toMatchObject({ status: 200, statusText: "OK", truncated: false, binary: false, notice: null });
    expect(result.data.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.data.durationMs).toBeLessThan(10_000);
    expect(JSON.parse(result.data.body)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 1, name: "Rex" })]));
    expect(result.data.headers.find((h) => h.name === "content-type")?.value).toMatch(/application\/json/);
    expect(result.data.headers.map((h) => h.name)).toContain("x-amzn-requestid");
    expect(JSON.stringify(result)).not.toContain(value);
  });

  it("passes the API's own answers through: 404 for an unknown pet, 201 for a created one", async () => {
    const { customer, keyId, value } = await customerWithKey();
    const missing = await tryRequest(customer, { keyId, method: "GET", path: "/pets/424242" });
    if (!missing.ok) throw new Error(missing.error.message);
    expect(missing.data.status).toBe(404);
    expect(JSON.parse(missing.data.body)).toEqual({ message: "Pet 424242 not found" });
    expect(missing.data.notice).toBeNull();

    const created = await tryRequest(customer, {
      keyId,
      method: "POST",
      path: "/pets",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Biscuit", type: "dog", price: 10 }),
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.data.status).toBe(201);
    expect(JSON.parse(created.data.body)).toMatchObject({ name: "Biscuit", type: "dog", id: expect.any(Number) });
    expect(JSON.stringify([missing, created])).not.toContain(value);
  });

  it("treats another customer's key as not found, and refuses keys that are not active", async () => {
    const owner = await customerWithKey();
    const other = await newCustomer();
    const stolen = await tryRequest(other, { keyId: owner.keyId, method: "GET", path: "/pets" });
    expect(stolen).toEqual({ ok: false, error: { code: "not_found", message: "That item does not exist." } });
    const unknown = await tryRequest(other, { keyId: "no-such-key", method: "GET", path: "/pets" });
    expect(codeOf(unknown)).toBe("not_found");

    for (const [status, message] of [
      ["REVOKED", /revoked/],
      ["FAILED", /creation failed/],
      ["DISABLED", /disabled/],
      ["PENDING", /still being created/],
    ] as const) {
      await db.apiKey.update({ where: { id: owner.keyId }, data: { status } });
      const result = await tryRequest(owner.customer, { keyId: owner.keyId, method: "GET", path: "/pets" });
      expect(codeOf(result), status).toBe("conflict");
      if (!result.ok) expect(result.error.message).toMatch(message);
      expect(JSON.stringify(result)).not.toContain(owner.value);
    }
  });

  it("rejects undocumented or unsafe requests before reading the key", async () => {
    const { customer, keyId } = await customerWithKey();
    for (const path of ["//evil.example.com/pets", "http://evil.example.com/", "/pets/../admin", "/admin"]) {
      const result = await tryRequest(customer, { keyId, method: "GET", path });
      expect(codeOf(result), path).toBe("invalid");
      if (!result.ok) expect(result.error.fieldErrors?.path?.length, path).toBeGreaterThan(0);
    }
    const wrongMethod = await tryRequest(customer, { keyId, method: "DELETE", path: "/pets/1" });
    if (wrongMethod.ok) throw new Error("DELETE /pets/1 was sent");
    expect(wrongMethod.error.fieldErrors?.method).toEqual(["DELETE is not a documented method for /pets/{id}."]);
  });

  it("explains the gateway's 403 for a key that AWS has disabled", async () => {
    const { customer, keyId } = await customerWithKey();
    const record = await db.apiKey.findUniqueOrThrow({ where: { id: keyId } });
    await aws.send(new UpdateApiKeyCommand({ apiKey: record.awsKeyId ?? "", patchOperations: [{ op: "replace", path: "/enabled", value: "false" }] }));
    const result = await tryRequest(customer, { keyId, method: "GET", path: "/pets" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.status).toBe(403);
    expect(result.data.notice).toBe("Forbidden: this key is disabled or not in your plan.");
  });

  it("explains a used-up quota with the time it resets", async () => {
    const { customer, keyId } = await customerWithKey();
    const record = await db.apiKey.findUniqueOrThrow({ where: { id: keyId } });
    const tier = await db.tier.findFirstOrThrow({ where: { usagePlanId: record.usagePlanId } });
    expect(tier.quotaPeriod).not.toBeNull();
    await aws.send(
      new UpdateUsageCommand({ usagePlanId: record.usagePlanId, keyId: record.awsKeyId ?? "", patchOperations: [{ op: "replace", path: "/remaining", value: "0" }] }),
    );
    const result = await tryRequest(customer, { keyId, method: "GET", path: "/health" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.status).toBe(429);
    expect(result.data.notice).toMatch(/^Limit Exceeded: your quota is used up until \d{4}-\d{2}-\d{2} 00:00 UTC\.$/);
  });

  it("explains throttling and server errors from the gateway", async () => {
    const { customer, keyId } = await customerWithKey();
    await setFaults([{ operation: "dataplane", errorRate: 1, kind: "throttle" }]);
    const throttled = await tryRequest(customer, { keyId, method: "GET", path: "/health" });
    if (!throttled.ok) throw new Error(throttled.error.message);
    expect(throttled.data.status).toBe(429);
    expect(throttled.data.notice).toMatch(/^Too Many Requests: you hit your rate limit/);
    expect(throttled.data.headers).toContainEqual({ name: "retry-after", value: "1" });

    await setFaults([{ operation: "dataplane", errorRate: 1, kind: "5xx" }]);
    const failed = await tryRequest(customer, { keyId, method: "GET", path: "/health" });
    if (!failed.ok) throw new Error(failed.error.message);
    expect(failed.data.status).toBe(503);
    expect(failed.data.notice).toMatch(/^Server error \(503\)/);
  });

  it("gives up after 10 seconds with a clear message when the gateway does not answer", { timeout: 30_000 }, async () => {
    const { customer, keyId, value } = await customerWithKey();
    await setFaults([{ operation: "dataplane", latencyMs: 12_000 }]);
    const started = Date.now();
    const result = await tryRequest(customer, { keyId, method: "GET", path: "/health" });
    expect(Date.now() - started).toBeLessThan(11_500);
    expect(result).toEqual({
      ok: false,
      error: { code: "unavailable", message: "The API did not answer within 10 seconds, so the request was cancelled. Try again in a moment." },
    });
    expect(JSON.stringify(result)).not.toContain(value);
  });

  it("reports a network failure without leaking the key", async () => {
    const { customer, keyId, value } = await customerWithKey();
    await setFaults([{ operation: "dataplane", dropRate: 1 }]);
    const result = await tryRequest(customer, { keyId, method: "GET", path: "/health" });
    expect(codeOf(result)).toBe("unavailable");
    if (!result.ok) expect(result.error.message).toMatch(/^Network error: the request could not reach the API gateway/);
    expect(JSON.stringify(result)).not.toContain(value);
  });
});
