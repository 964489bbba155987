// Reads back what the code under test logs (lib/observability/log.ts): every line as a parsed object.
import { Writable } from "node:stream";
import { createLogger, setRootLogger } from "@/lib/observability/log";

export interface LogCapture {
  lines: Record<string, unknown>[];
  /** Every line as its JSON text, joined: for "never contains" checks. */
  text(): string;
  restore(): void;
}

export function captureLogs(): LogCapture {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  setRootLogger(createLogger({ service: "test", level: "debug", destination }));
  return { lines, text: () => lines.map((l) => JSON.stringify(l)).join("\n"), restore: () => setRootLogger(undefined) };
}
