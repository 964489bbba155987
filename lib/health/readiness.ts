import "server-only";
import { db } from "@/lib/db";

/** What /api/health reports: never an error's text, only whether each part answers. */
export interface Readiness {
  status: "ok" | "unavailable";
  database: "up" | "down";
  /** Whether this portal can serve requests now (today: its database answers). */
  ready: boolean;
}

interface Queryable {
  $queryRaw(query: TemplateStringsArray): Promise<unknown>;
}

export const DATABASE_CHECK_TIMEOUT_MS = 2_000;

/** Whether `SELECT 1` answers within `timeoutMs`; a refused, failed or hanging query is "down". */
export async function databaseAnswers(client: Queryable = db, timeoutMs = DATABASE_CHECK_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = client.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(client?: Queryable, timeoutMs?: number): Promise<Readiness> {
  const up = await databaseAnswers(client, timeoutMs);
  return up ? { status: "ok", database: "up", ready: true } : { status: "unavailable", database: "down", ready: false };
}

/** 200 when ready, 503 otherwise (load balancers take the portal out of rotation), never cached. */
export function readinessResponse(readiness: Readiness): Response {
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
