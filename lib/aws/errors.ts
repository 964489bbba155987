import "server-only";
import type { AppError } from "@/lib/result";

/** Maps an AWS SDK error (or a network failure) to one of our error codes, with a message fit for a user. */
export function toAppError(error: unknown, doing: string): AppError {
  const name = error instanceof Error ? error.name : "";
  switch (name) {
    case "NotFoundException":
    case "ResourceNotFound":
    case "ResourceNotFoundException":
    case "DashboardNotFoundError":
      return { code: "not_found", message: `${doing}: AWS could not find it.` };
    case "ConflictException":
      return { code: "conflict", message: `${doing}: AWS reported a conflict with an existing resource.` };
    case "TooManyRequestsException":
    case "ThrottlingException":
    case "Throttling":
      return { code: "throttled", message: `${doing}: AWS is throttling requests right now. Please try again in a moment.` };
    case "LimitExceededException":
    case "LimitExceeded":
    case "LimitExceededFault":
      return { code: "unavailable", message: `${doing}: an AWS account limit was reached. Please contact support.` };
    case "BadRequestException":
    // CloudWatch's validation errors.
    case "InvalidParameterValue":
    case "InvalidParameterValueException":
    case "InvalidParameterCombination":
    case "InvalidParameterCombinationException":
    case "InvalidParameterInput":
    case "MissingParameter":
    case "MissingRequiredParameterException":
    case "InvalidFormatFault":
      return { code: "invalid", message: `${doing}: AWS rejected the request${awsDetail(error)}.` };
    case "AccessDeniedException":
    case "AccessDenied":
    case "UnauthorizedOperation":
    case "UnrecognizedClientException":
    case "InvalidClientTokenId":
      return { code: "unavailable", message: `${doing}: the portal's AWS credentials are not allowed to do this. Ask whoever runs the portal to check its IAM permissions.` };
    default:
      return { code: "unavailable", message: `${doing}: AWS is not reachable right now. Nothing was changed; please try again.` };
  }
}

/** AWS's own words about a refused request, when short enough to show (never a whole response). */
function awsDetail(error: unknown): string {
  const message = error instanceof Error ? error.message.trim() : "";
  return message && message.length <= 300 ? ` (${message.replace(/\.$/, "")})` : "";
}

/** True for failures where retrying later may succeed. */
export function isRetryable(error: unknown): boolean {
  const name = error instanceof Error ? error.name : "";
  if (["TooManyRequestsException", "ThrottlingException", "ServiceUnavailableException"].includes(name)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}
