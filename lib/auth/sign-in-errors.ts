// What a refused sign-in tells the browser. next-auth hands the message of an error thrown by `authorize` to the
// client as `error`; these codes are those messages, so the form can say what happened without any internal text.
// No server imports: the sign-in form reads these too.

export const SIGN_IN_THROTTLED = "Throttled";
export const SIGN_IN_UNAVAILABLE = "Unavailable";

/** `Throttled:<seconds>` */
export const throttledError = (retryAfterSeconds: number) => `${SIGN_IN_THROTTLED}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;

export type SignInError = { kind: "throttled"; retryAfterSeconds: number } | { kind: "unavailable" } | { kind: "mismatch" };

export function parseSignInError(error: string | null | undefined): SignInError {
  const throttled = new RegExp(`^${SIGN_IN_THROTTLED}:(\\d{1,6})$`).exec(error ?? "");
  if (throttled) return { kind: "throttled", retryAfterSeconds: Number(throttled[1]) };
  if (error === SIGN_IN_UNAVAILABLE) return { kind: "unavailable" };
  return { kind: "mismatch" };
}

export const SIGN_IN_MISMATCH_MESSAGE = "That e-mail and password do not match an account.";
export const SIGN_IN_UNAVAILABLE_MESSAGE = "Signing in is unavailable right now because a service did not answer. Please try again in a few minutes.";

/** "Too many attempts. Try again in N minutes." (or seconds, under a minute). */
export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  if (retryAfterSeconds < 60) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return `Too many attempts. Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
  }
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

export function signInErrorMessage(error: SignInError): string {
  if (error.kind === "throttled") return tooManyAttemptsMessage(error.retryAfterSeconds);
  if (error.kind === "unavailable") return SIGN_IN_UNAVAILABLE_MESSAGE;
  return SIGN_IN_MISMATCH_MESSAGE;
}
