import { describe, expect, it } from "vitest";
import { buildMimeMessage, dotStuff, encodeHeaderText } from "@/lib/mail/mime";

describe("MIME message", () => {
  it("encodes non-ASCII subjects and display names as RFC 2047 words", () => {
    expect(encodeHeaderText("Plain subject")).toBe("Plain subject");
    expect(encodeHeaderText("Zoë")).toBe(`=?UTF-8?B?${Buffer.from("Zoë").toString("base64")}?=`);
    const mime = buildMimeMessage({ to: "a@example.com", subject: "Grüße", text: "x" }, { from: "Zoë <z@example.com>" });
    expect(mime).toContain(`From: =?UTF-8?B?${Buffer.from("Zoë").toString("base64")}?= <z@example.com>\r\n`);
    expect(mime).toContain(`Subject: =?UTF-8?B?${Buffer.from("Grüße").toString("base64")}?=\r\n`);
  });

  it("uses CRLF, a +0000 date, and base64 body lines of at most 76 characters", () => {
    const text = "ä".repeat(500);
    const mime = buildMimeMessage({ to: "a@example.com", subject: "s", text }, { from: "a@example.com", date: new Date(Date.UTC(2026, 10, 24, 9, 30)) });
    expect(mime).toContain("Date: Tue, 24 Nov 2026 09:30:00 +0000\r\n");
    expect(mime.replace(/\r\n/g, "")).not.toContain("\n");
    const body = mime.split("\r\n\r\n")[1] ?? "";
    expect(body.split("\r\n").every((line) => line.length <= 76)).toBe(true);
    expect(Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("utf8")).toBe(text);
  });

  it("dot-stuffs lines that start with a dot", () => {
    expect(dotStuff(".start\r\nmiddle\r\n.\r\n..two")).toBe("..start\r\nmiddle\r\n..\r\n...two");
  });
});
