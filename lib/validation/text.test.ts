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
  it("treats an empty optional field as absent", () => {
    expect(optionalPlainText("a company", 5).parse("")).toBeNull();
    expect(optionalPlainText("a company", 5).safeParse("toolong").success).toBe(false);
  });
});
