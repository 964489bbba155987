// Calls Next.js server actions over HTTP exactly as the browser does (POST with a Next-Action header), so a test can
// call any action as any identity with any arguments, including ones the UI would never send.
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";

export interface ActionRef {
  id: string;
  file: string;
  name: string;
}

/** Every server action of the build the e2e server runs, from Next's server reference manifest. */
export function serverActions(): ActionRef[] {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  const manifest = JSON.parse(readFileSync(`${dist}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, file: entry.filename, name: entry.exportedName }));
}

export type ActionArg = string | boolean | number | { form: Record<string, string> } | Record<string, unknown>;

export interface ActionResult {
  status: number;
  /** "ok", or the error code the action answered with, or "http <status>" when it did not answer a Result. */
  outcome: string;
}

const isForm = (a: ActionArg): a is { form: Record<string, string> } => typeof a === "object" && a !== null && "form" in a;

export async function callAction(request: APIRequestContext, baseURL: string, page: string, action: ActionRef, args: ActionArg[]): Promise<ActionResult> {
  const headers: Record<string, string> = { "Next-Action": action.id, Accept: "text/x-component", Origin: baseURL };
  let response;
  if (args.some(isForm)) {
    // Field order matters: the root ("0") must come after the form fields it refers to, as browsers send it.
    const multipart = new FormData();
    const encoded = args.map((arg, index) => {
      if (!isForm(arg)) return arg;
      const ref = index + 1;
      for (const [key, value] of Object.entries(arg.form)) multipart.append(`_${ref}_${key}`, value); // React's encodeReply layout
      return `$K${ref}`;
    });
    multipart.append("0", JSON.stringify(encoded));
    response = await request.post(`${baseURL}${page}`, { headers, multipart, maxRedirects: 0 });
  } else {
    response = await request.post(`${baseURL}${page}`, {
      headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" },
      data: JSON.stringify(args),
      maxRedirects: 0,
    });
  }
  const text = await response.text();
  const match = text.match(/"ok":(true|false)(?:,"error":\{"code":"(\w+)")?/);
  const outcome = match ? (match[1] === "true" ? "ok" : (match[2] ?? "error")) : `http ${response.status()}`;
  return { status: response.status(), outcome };
}
