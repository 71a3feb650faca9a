// The one shape of every server action (style.md): authenticate, resolve the
// tenant on the server, make the coarse permission check, parse, run the use case
// (which authorises in the domain), map its Result, and never leak an unexpected
// error. Parsing comes after access, so a caller without it learns nothing from
// validation messages.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authorize, type Action, type Actor } from '@/domain/shared/permissions';
import type { Result } from '@/domain/shared/result';
import { getCurrentUser, type CurrentUser } from '../auth/current-user';
import { resolveActor } from '../auth/tenant-access';
import { services } from '../services';
import type { ActionState } from './action-state';

const SECRET_FIELD = /password/i;

/** FormData → plain object; repeated keys become arrays. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (typeof value !== 'string') continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

const echo = (values: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELD.test(key)));

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export type TenantActionContext<I> = {
  user: CurrentUser;
  actor: Actor;
  tenantId: string;
  input: I;
  services: ReturnType<typeof services>;
};

type Handler<I, T> = (ctx: TenantActionContext<I>) => Promise<Result<T> | { ok: true; value: T; message?: string }>;

function failure<T>(code: NonNullable<ActionState['error']>['code'], message: string, values?: Record<string, string | string[]>, extra: Partial<NonNullable<ActionState['error']>> = {}): ActionState<T> {
  return { status: 'error', error: { code, message, ...extra }, values, submittedAt: Date.now() };
}

/**
 * A server action in a tenant. Bind the tenant id: `action.bind(null, tenantId)`.
 * `permission` is the coarse check (may this actor do this kind of thing at all);
 * the use case does the fine one (on this target, with these facts).
 */
export function defineTenantAction<S extends z.ZodType, T>(
  config: { schema: S; permission?: Action; successMessage?: string | ((value: T) => string) },
  handler: Handler<z.output<S>, T>,
) {
  return async (tenantId: unknown, _previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const raw = formDataToObject(formData);
    const values = echo(raw);
    const user = await getCurrentUser();
    if (!user) return failure('UNAUTHENTICATED', 'Your session has ended. Sign in again.', values);
    if (user.mustChangePassword) return failure('UNAUTHENTICATED', 'Change your temporary password first.', values);
    if (typeof tenantId !== 'string') return failure('NOT_FOUND', 'Not found.', values);
    const actor = await resolveActor(user, tenantId);
    if (!actor) return failure('NOT_FOUND', 'Not found.', values);
    if (config.permission) {
      const allowed = authorize({ actor, tenantId, action: config.permission });
      if (!allowed.ok) return failure(allowed.error.code, allowed.error.message, values, { rule: allowed.error.rule });
    }
    const parsed = config.schema.safeParse(raw);
    if (!parsed.success) {
      return failure('VALIDATION', 'Check the highlighted fields.', values, { fieldErrors: fieldErrorsOf(parsed.error) });
    }
    const correlationId = randomUUID();
    try {
      const result = await handler({ user, actor, tenantId, input: parsed.data, services: services(correlationId) });
      if (!result.ok) {
        const { code, message, ...extra } = result.error;
        return failure(code, message, values, extra);
      }
      const message =
        'message' in result && result.message
          ? result.message
          : typeof config.successMessage === 'function'
            ? config.successMessage(result.value)
            : config.successMessage;
      return { status: 'success', data: result.value, message, submittedAt: Date.now() };
    } catch (error) {
      console.error(`[action ${correlationId}]`, error);
      return failure('UNEXPECTED', `Something went wrong on our side. Nothing was changed. Reference: ${correlationId.slice(0, 8)}.`, values);
    }
  };
}

/** Zod helper: a form field that may appear zero, one or many times. */
export const zList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** Zod helper: an optional text field; blank becomes null. */
export const zOptionalText = (max = 200) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v), z.string().max(max, `Use at most ${max} characters.`).nullable().default(null));
