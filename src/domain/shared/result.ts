// Expected failures are values, not exceptions: a use case returns a Result and
// the caller (a server action, a job) maps the error to the screen.

export type DomainErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'LIMIT_EXCEEDED'
  | 'UNAUTHENTICATED';

export type DomainError = {
  code: DomainErrorCode;
  message: string;
  /** Messages per input field, shown beside it. */
  fieldErrors?: Record<string, string[]>;
  /** A rule code of domain.md (R2_LICENSE, LAST_GLOBAL_ADMIN, …) when one decided. */
  rule?: string;
  /** Extra data for the UI (suggested names, who changed a row and when, …). */
  details?: Record<string, unknown>;
};

export type Result<T, E extends DomainError = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (
  code: DomainErrorCode,
  message: string,
  extra: Omit<DomainError, 'code' | 'message'> = {},
): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, ...extra } });
