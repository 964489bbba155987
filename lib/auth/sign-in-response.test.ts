import { describe, expect, it } from "vitest";
import { credentialsCallbackStatus } from "@/lib/auth/sign-in-response";

const callback = "http://portal.test/api/auth/callback/credentials";
const post = (url = callback) => new Request(url, { method: "POST" });
const json = (url: string, status = 401) => new Response(JSON.stringify({ url }), { status, headers: { "Content-Type": "application/json" } });

describe("credentialsCallbackStatus", () => {
  it("answers a throttled attempt 429 with Retry-After, keeping the body next-auth's client reads", async () => {
    const answer = await credentialsCallbackStatus(post(), json("http://portal.test/api/auth/error?error=Throttled%3A120"));
    expect(answer.status).toBe(429);
    expect(answer.headers.get("Retry-After")).toBe("120");
    expect(await answer.json()).toEqual({ url: "http://portal.test/api/auth/error?error=Throttled%3A120" });
  });

  it("does the same for a plain form post (a redirect)", async () => {
    const redirect = new Response(null, { status: 401, headers: { Location: "http://portal.test/api/auth/error?error=Throttled%3A9" } });
    const answer = await credentialsCallbackStatus(post(), redirect);
    expect([answer.status, answer.headers.get("Retry-After")]).toEqual([429, "9"]);
  });

  it("answers 503 when the sign-in could not be checked", async () => {
    const answer = await credentialsCallbackStatus(post(), json("http://portal.test/api/auth/error?error=Unavailable"));
    expect(answer.status).toBe(503);
    expect(answer.headers.get("Retry-After")).toBeNull();
  });

  it("leaves a wrong password, other routes and successes alone", async () => {
    const wrong = json("http://portal.test/api/auth/error?error=CredentialsSignin&provider=credentials");
    expect((await credentialsCallbackStatus(post(), wrong)).status).toBe(401);
    const elsewhere = json("http://portal.test/api/auth/error?error=Throttled%3A5");
    expect((await credentialsCallbackStatus(post("http://portal.test/api/auth/callback/github"), elsewhere)).status).toBe(401);
    expect((await credentialsCallbackStatus(post(), json("http://portal.test/home", 200))).status).toBe(200);
  });
});
