// What a gateway answer means for the customer, in words (pure: the try-it console shows it beside the status).

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export interface AnswerDetails {
  status: number;
  /** API Gateway's x-amzn-errortype header, when present. */
  errorType: string | null;
  /** The `message` field of a JSON error body, when present. */
  message: string | null;
}

/** A sentence explaining a refusal or failure, or null for answers that speak for themselves. */
export function explainStatus(answer: AnswerDetails, quotaResetsAt: Date | null): string | null {
  const { status, errorType, message } = answer;
  if (status === 403) {
    if (errorType?.startsWith("MissingAuthenticationToken")) return "Forbidden: the gateway has no such route for this method and path.";
    return "Forbidden: this key is disabled or not in your plan.";
  }
  if (status === 429) {
    const quota = errorType?.startsWith("LimitExceeded") || message === "Limit Exceeded";
    if (quota) {
      return quotaResetsAt
        ? `Limit Exceeded: your quota is used up until ${formatUtc(quotaResetsAt)}.`
        : "Limit Exceeded: your quota is used up until your plan's quota period resets.";
    }
    return "Too Many Requests: you hit your rate limit. Wait a moment, then send again.";
  }
  if (status === 504) return "Gateway Timeout: the API did not answer in time. Try again in a moment.";
  if (status >= 500) return `Server error (${status}): the API could not handle the request. Try again; if it keeps failing, contact support.`;
  return null;
}
