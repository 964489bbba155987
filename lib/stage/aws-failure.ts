import "server-only";
import { toAppError } from "@/lib/aws/errors";
import { fail } from "@/lib/result";

/** An AWS failure as a result for the admin: throttling says AWS is busy; a refusal says why; nothing changed. */
export function awsFailure(error: unknown, doing: string) {
  const name = error instanceof Error ? error.name : "";
  if (["TooManyRequestsException", "ThrottlingException", "Throttling"].includes(name)) {
    return fail("throttled", `${doing}: AWS is busy, try again in a moment. Nothing was changed.`);
  }
  if (name === "BadRequestException" && error instanceof Error && error.message) {
    return fail("invalid", `${doing}: AWS refused it (${error.message.slice(0, 300)}). Nothing was changed.`);
  }
  const mapped = toAppError(error, doing);
  return fail(mapped.code, mapped.message);
}
