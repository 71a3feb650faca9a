// What every server action returns to its form (useActionState).
import type { DomainErrorCode } from '@/domain/shared/result';

export type ActionErrorCode = DomainErrorCode | 'UNEXPECTED';

export type ActionState<T = void> = {
  status: 'idle' | 'success' | 'error';
  data?: T;
  message?: string;
  error?: {
    code: ActionErrorCode;
    message: string;
    fieldErrors?: Record<string, string[]>;
    rule?: string;
    details?: Record<string, unknown>;
  };
  /** The submitted values (never passwords), so a refused form keeps what the user typed. */
  values?: Record<string, string | string[]>;
  /** Changes on every submission, so forms can reset or react even to identical results. */
  submittedAt?: number;
};

export const idle = <T = void>(): ActionState<T> => ({ status: 'idle' });
