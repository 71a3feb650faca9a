// What every change writes to the append-only audit log (domain.md §9).
// Passwords and hashes never appear here: `redact` strips them whatever the caller passes.
import type { Actor } from '../shared/permissions';

export type AuditOutcome = 'success' | 'failure';

export type AuditEventInput = {
  tenantId: string;
  occurredAt: Date;
  actor: Pick<Actor, 'userId' | 'displayName' | 'onBehalfOf'> & { homeTenantId?: string | null } | null;
  action: string;
  target?: { type: string; id: string; name: string } | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  outcome?: AuditOutcome;
  detail?: string | null;
};

export type AuditLog = {
  append(event: AuditEventInput): Promise<void>;
  /** Several events in one write (a batch job's records). */
  appendMany(events: AuditEventInput[]): Promise<void>;
};

const SECRET_KEYS = /password|hash|secret|token/i;

export function redact(values: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!values) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (SECRET_KEYS.test(key)) continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/** Only the fields that changed, as before/after pairs. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}
