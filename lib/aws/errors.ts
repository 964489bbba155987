import "server-only";
import type { AppError } from "@/lib/result";

/** Maps an AWS SDK error (or a network failure) to one of our error codes, with a message fit for a user. */
export function toAppError(error: unknown, doing: string): AppError {
  const name = error instanceof Error ? error.name : "";
  switch (name) {
    case "NotFoundException":
    case "ResourceNotFound":
      return { code: "not_found", message: `${doing}: AWS could not find it.` };
    case "ConflictException":
      return { code: "conflict", message: `${doing}: AWS reported a conflict with an existing resource.` };
    case "TooManyRequestsException":
    case "ThrottlingException":
    case "Throttling":
      return { code: "throttled", message: `${doing}: AWS is throttling requests right now. Please try again in a moment.` };
    case "LimitExceededException":
      return { code: "unavailable", message: `${doing}: an AWS account limit was reached. Please contact support.` };
    case "BadRequestException":
      return { code: "invalid", message: `${doing}: AWS rejected the request.` };
    default:
      return { code: "unavailable", message: `${doing}: AWS is not reachable right now. Nothing was changed; please try again.` };
  }
}

/** True for failures where retrying later may succeed. */
export function isRetryable(error: unknown): boolean {
  const name = error instanceof Error ? error.name : "";
  if (["TooManyRequestsException", "ThrottlingException", "ServiceUnavailableException"].includes(name)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}
