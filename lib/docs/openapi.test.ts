import { describe, expect, it } from "vitest";
import { describeSchema, exampleFromSchema, toApiDocs, type ApiDocs } from "@/lib/docs/openapi";

// A realistic OpenAPI 3.0 document: tags, shared parameters and responses by $ref, named examples, allOf, a
// recursive schema, path-level parameters, and a few malformed bits that must be skipped, not fatal.
const document = {
  openapi: "3.0.1",
  info: { title: "Bookshop API", version: "2.3.0", description: "Books and the people who write them." },
  servers: [{ url: "https://abc123.execute-api.eu-west-1.amazonaws.com/prod" }],
  tags: [
    { name: "Authors", description: "People who write books" },
    { name: "Books" },
    { name: "Unused tag" },
  ],
  paths: {
    "/books": {
      get: {
        operationId: "listBooks",
        tags: ["Books"],
        summary: "List books",
        parameters: [
          { $ref: "#/components/parameters/Limit" },
          { name: "genre", in: "query", schema: { type: "string", enum: ["fiction", "poetry"] }, description: "Filter by genre" },
          { name: "x-api-key", in: "header", required: true, schema: { type: "string" } },
        ],
        responses: {
          "200": { description: "A page of books", content: { "application/json": { schema: { $ref: "#/components/schemas/BookPage" } } } },
          default: { $ref: "#/components/responses/Error" },
        },
      },
      post: {
        operationId: "createBook",
        tags: ["Books"],
        summary: "Add a book",
        requestBody: {
          required: true,
          content: {
            "application/xml": { schema: { type: "string" } },
            "application/json": {
              schema: { $ref: "#/components/schemas/NewBook" },
              examples: { poem: { summary: "A poem", value: { title: "Odes", authorId: 7 } } },
            },
          },
        },
        responses: {
          "201": { description: "Created", content: { "application/json": { schema: { $ref: "#/components/schemas/Book" } } } },
          "400": { $ref: "#/components/responses/Error" },
        },
      },
    },
    "/books/{isbn}": {
      parameters: [{ name: "isbn", in: "path", required: true, description: "ISBN-13", schema: { type: "string" }, example: "9780140449136" }],
      get: {
        operationId: "getBook",
        tags: ["Books"],
        responses: { "404": { description: "Not found" }, "200": { description: "The book", content: { "application/json": { schema: { $ref: "#/components/schemas/Book" } } } } },
      },
      delete: { tags: ["Books"], deprecated: true, responses: { "204": { description: "Deleted" } } },
      trace: { responses: {} },
      summary: "not an operation",
    },
    "/authors/{authorId}/books/{bookId}": {
      get: { operationId: "authorBook", tags: ["Authors"], parameters: [{ name: "bookId", in: "path", schema: { type: "integer", format: "int64" } }] },
    },
    "/health": { get: { summary: "Health", responses: { "200": { description: "OK", content: { "text/plain": { example: "ok" } } } } } },
    "/broken": { get: "not an object", put: { operationId: 42, summary: ["wrong type"], responses: "nope" } },
    "no-leading-slash": { get: { summary: "ignored" } },
  },
  components: {
    parameters: { Limit: { name: "limit", in: "query", schema: { type: "integer", default: 20, minimum: 1 } } },
    responses: {
      Error: { description: "Something went wrong", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    },
    schemas: {
      Author: {
        type: "object",
        properties: { id: { type: "integer" }, name: { type: "string", example: "Homer" }, mentor: { $ref: "#/components/schemas/Author" } },
      },
      NewBook: {
        type: "object",
        required: ["title"],
        properties: { title: { type: "string" }, authorId: { type: "integer" }, published: { type: "string", format: "date" } },
      },
      Book: {
        allOf: [
          { $ref: "#/components/schemas/NewBook" },
          { type: "object", properties: { isbn: { type: "string" }, author: { $ref: "#/components/schemas/Author" } } },
        ],
      },
      BookPage: { type: "object", properties: { items: { type: "array", items: { $ref: "#/components/schemas/Book" } }, next: { type: "string", format: "uri" } } },
      Error: { type: "object", properties: { message: { type: "string" } } },
    },
  },
};

function docsOf(input: unknown): ApiDocs {
  const result = toApiDocs(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe("toApiDocs", () => {
  const docs = docsOf(document);
  const op = (id: string) => {
    const found = docs.operations.find((o) => o.id === id);
    if (!found) throw new Error(`no operation ${id}; have ${docs.operations.map((o) => o.id).join(", ")}`);
    return found;
  };

  it("reads the title, version and description", () => {
    expect(docs).toMatchObject({ title: "Bookshop API", version: "2.3.0", description: "Books and the people who write them." });
  });

  it("lists every operation, skipping non-objects, unsupported methods and non-path keys", () => {
    expect(docs.operations.map((o) => `${o.method} ${o.path}`)).toEqual([
      "GET /books",
      "POST /books",
      "GET /books/{isbn}",
      "DELETE /books/{isbn}",
      "GET /authors/{authorId}/books/{bookId}",
      "GET /health",
      "PUT /broken",
    ]);
  });

  it("keeps an operation whose fields have the wrong types, without those fields", () => {
    expect(op("put-broken")).toEqual({
      id: "put-broken",
      method: "PUT",
      path: "/broken",
      summary: null,
      description: null,
      tag: "broken",
      deprecated: false,
      parameters: [],
      requestBody: null,
      responses: [],
    });
  });

  it("orders tags as declared (unused ones dropped), then tags derived from the path for untagged operations", () => {
    expect(docs.tags).toEqual([
      { name: "Authors", description: "People who write books" },
      { name: "Books", description: null },
      { name: "health", description: null },
      { name: "broken", description: null },
    ]);
    expect(op("get-health").tag).toBe("health");
  });

  it("gives operations without a usable operationId a stable, HTML-safe id", () => {
    expect(op("delete-books-isbn")).toMatchObject({ method: "DELETE", deprecated: true, summary: null });
    for (const o of docs.operations) expect(o.id).toMatch(/^[A-Za-z][A-Za-z0-9_.-]*$/);
    expect(new Set(docs.operations.map((o) => o.id)).size).toBe(docs.operations.length);
  });

  it("resolves shared parameters, keeps path-level ones, drops the x-api-key header and describes types", () => {
    expect(op("listBooks").parameters).toEqual([
      { name: "limit", in: "query", required: false, description: null, type: "integer", example: "20" },
      { name: "genre", in: "query", required: false, description: "Filter by genre", type: "string (one of fiction, poetry)", example: "fiction" },
    ]);
    expect(op("getBook").parameters).toEqual([
      { name: "isbn", in: "path", required: true, description: "ISBN-13", type: "string", example: "9780140449136" },
    ]);
  });

  it("adds path parameters the document forgot to declare, and marks path parameters required", () => {
    expect(op("authorBook").parameters).toEqual([
      { name: "bookId", in: "path", required: true, description: null, type: "integer (int64)", example: null },
      { name: "authorId", in: "path", required: true, description: null, type: "string", example: null },
    ]);
    expect(op("authorBook").responses).toEqual([]);
  });

  it("prefers the JSON request body and its named example", () => {
    expect(op("createBook").requestBody).toEqual({
      contentType: "application/json",
      required: true,
      description: null,
      schema: "NewBook",
      example: JSON.stringify({ title: "Odes", authorId: 7 }, null, 2),
    });
  });

  it("builds response examples from schemas through $refs, allOf and arrays, cutting recursion", () => {
    const [ok200, fallback] = op("listBooks").responses;
    expect(ok200).toMatchObject({ status: "200", description: "A page of books", contentType: "application/json", schema: "BookPage" });
    const book = { title: "string", authorId: 0, published: "2024-01-01", isbn: "string", author: { id: 0, name: "Homer", mentor: null } };
    expect(JSON.parse(ok200?.example ?? "null")).toEqual({ items: [book], next: "https://example.com" });
    expect(fallback).toMatchObject({ status: "default", description: "Something went wrong", schema: "Error" });
    expect(JSON.parse(fallback?.example ?? "null")).toEqual({ message: "string" });
  });

  it("sorts responses by status and keeps plain-text examples as they are", () => {
    expect(op("getBook").responses.map((r) => r.status)).toEqual(["200", "404"]);
    expect(op("getBook").responses[1]).toEqual({ status: "404", description: "Not found", contentType: null, schema: null, example: null });
    expect(op("get-health").responses[0]).toMatchObject({ contentType: "text/plain", example: "ok" });
  });

  it("refuses documents that are not OpenAPI 3, with a reason", () => {
    for (const bad of [null, "openapi", 42, [], {}, { swagger: "2.0", paths: {} }, { openapi: "2.0" }]) {
      const result = toApiDocs(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/not a usable OpenAPI 3 document/);
    }
  });

  it("survives a bare document with only the version", () => {
    expect(docsOf({ openapi: "3.0.0" })).toEqual({ title: "API", version: "", description: null, tags: [], operations: [] });
    expect(docsOf({ openapi: "3.1.0", info: "x", paths: [] }).operations).toEqual([]);
  });

  it("ignores external and dangling references instead of failing", () => {
    const result = docsOf({
      openapi: "3.0.0",
      paths: {
        "/x": {
          get: {
            parameters: [{ $ref: "other.yaml#/components/parameters/P" }, { $ref: "#/components/parameters/Missing" }],
            responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Missing" } } } } },
          },
        },
      },
    });
    expect(result.operations[0]?.parameters).toEqual([]);
    expect(result.operations[0]?.responses[0]).toMatchObject({ status: "200", schema: "Missing", example: null });
  });
});

describe("schema helpers", () => {
  it("describe arrays, formats and combinations", () => {
    expect(describeSchema({}, { type: "array", items: { $ref: "#/components/schemas/Pet" } })).toBe("array of Pet");
    expect(describeSchema({}, { oneOf: [{ $ref: "#/x/Cat" }, { type: "string" }] })).toBe("one of Cat, string");
    expect(describeSchema({}, { type: "string", format: "date-time" })).toBe("string (date-time)");
    expect(describeSchema({}, {})).toBeNull();
  });

  it("use a schema's own example, default and enum before synthesizing", () => {
    expect(exampleFromSchema({}, { type: "integer", example: 42 })).toBe(42);
    expect(exampleFromSchema({}, { type: "string", default: "dog" })).toBe("dog");
    expect(exampleFromSchema({}, { type: "string", enum: ["b", "a"] })).toBe("b");
    expect(exampleFromSchema({}, { type: "boolean" })).toBe(true);
    expect(exampleFromSchema({}, { anyOf: [{ type: "number", minimum: 5 }] })).toBe(5);
  });
});
