import { describe, expect, it } from "vitest";
import { nonceScriptCreatedStyles } from "@/lib/security/script-style-nonce";

interface FakeElement {
  tagName: string;
  attributes: Record<string, string>;
  setAttribute(name: string, value: string): void;
}

function fakeDocument(nonce: string | null) {
  const doc = {
    querySelector: (selector: string) => (selector === "script[nonce]" && nonce !== null ? { nonce } : null),
    createElement(tagName: string): FakeElement {
      return { tagName, attributes: {}, setAttribute(name, value) { this.attributes[name] = value; } };
    },
  };
  return doc as unknown as Document & { createElement(tagName: string): FakeElement };
}

describe("nonceScriptCreatedStyles", () => {
  it("gives style elements created by script the page's nonce, and leaves other elements alone", () => {
    const doc = fakeDocument("page-nonce");
    nonceScriptCreatedStyles(doc);
    expect(doc.createElement("style").attributes).toEqual({ nonce: "page-nonce" });
    expect(doc.createElement("STYLE").attributes).toEqual({ nonce: "page-nonce" });
    expect(doc.createElement("script").attributes).toEqual({});
    expect(doc.createElement("div").attributes).toEqual({});
  });

  it("changes nothing on a page without a nonce", () => {
    const doc = fakeDocument(null);
    const original = doc.createElement;
    nonceScriptCreatedStyles(doc);
    expect(doc.createElement).toBe(original);
  });
});
