// Services return results instead of throwing for anything a user can cause; throws are for bugs.
export type ErrorCode = "invalid" | "unauthenticated" | "reauthenticate" | "forbidden" | "not_found" | "conflict" | "throttled" | "unavailable";

export interface AppError {
  code: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, fieldErrors?: Record<string, string[]>): { ok: false; error: AppError } => ({
  ok: false,
  error: fieldErrors ? { code, message, fieldErrors } : { code, message },
});

export const httpStatus: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  reauthenticate: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  throttled: 429,
  unavailable: 503,
};
