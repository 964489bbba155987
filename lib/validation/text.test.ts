import { describe, expect, it } from "vitest";
import { optionalPlainText, plainText } from "@/lib/validation/text";

describe("plainText", () => {
  const name = plainText("a name", { max: 10 });
  it("trims and accepts ordinary text, including non-Latin letters", () => {
    expect(name.parse("  Zoë  ")).toBe("Zoë");
    expect(name.parse("東京")).toBe("東京");
  });
  it.each([
    ["", "Enter a name."],
    ["   ", "Enter a name."],
    ["x".repeat(11), "Use at most 10 characters for a name."],
    ["a\nb", "Remove control characters (such as tabs or line breaks) from a name."],
    ["a\u2028b", "Remove control characters (such as tabs or line breaks) from a name."],
    ["<b>", "Remove the characters < and > from a name."],
  ])("refuses %j", (input, message) => {
    const result = name.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
  it.each([
    ["a right-to-left override", "invoice\u202Eexe.pdf", "Remove the invisible text-direction characters from a name."],
    ["a left-to-right mark", "a\u200Eb", "Remove the invisible text-direction characters from a name."],
    ["a bidi isolate", "a\u2067b", "Remove the invisible text-direction characters from a name."],
    ["a zero-width space", "ad\u200Bmin", "Remove the invisible (zero-width) characters from a name."],
    ["a zero-width joiner", "a\u200Db", "Remove the invisible (zero-width) characters from a name."],
    ["a word joiner", "a\u2060b", "Remove the invisible (zero-width) characters from a name."],
    ["a byte-order mark", "a\uFEFFb", "Remove the invisible (zero-width) characters from a name."],
  ])("refuses %s", (_what, input, message) => {
    const result = name.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
    expect(optionalPlainText("a name", 10).safeParse(input).success).toBe(false);
  });
  it("normalises to NFC, so the same name is stored the same way however it was typed", () => {
    expect(name.parse("Zoe\u0308")).toBe("Zo\u00EB");
    expect(optionalPlainText("a company", 10).parse("Zoe\u0308")).toBe("Zo\u00EB");
  });
  it("treats an empty optional field as absent", () => {
    expect(optionalPlainText("a company", 5).parse("")).toBeNull();
    expect(optionalPlainText("a company", 5).safeParse("toolong").success).toBe(false);
  });
});
