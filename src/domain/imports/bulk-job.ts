// Bulk jobs (domain.md §8, issue #7): bulk add from a spreadsheet, bulk delete and
// bulk restore; and bulk block / unblock sign-in, for selections of the users list
// too large for one request. A job is previewed first (every row checked, nothing written), then
// committed; each row is then processed on its own, so one refusal never undoes the
// others and a job stopped halfway resumes with the rows that have no outcome yet.
import { HOUR } from '../shared/clock';

export type BulkJobKind = 'add' | 'delete' | 'restore' | 'block' | 'unblock';
export type BulkJobStatus = 'previewed' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
/** What bulk add does with a sign-in name that already exists in the tenant. */
export type ExistingMode = 'skip' | 'update';
export type BulkRowOutcome = 'created' | 'updated' | 'skipped' | 'deleted' | 'restored' | 'failed';
/** What the preview expects a valid row to do. */
export type RowPlan = 'create' | 'skip' | 'update' | 'delete' | 'restore' | 'block' | 'unblock';

/**
 * One problem with one row. `field` names the column (an import field key such as
 * 'signInName' or 'licences'), or 'row' for the row as a whole; `code` is a rule code
 * (REQUIRED, SIGN_IN_NAME_TAKEN, NO_SEATS_LEFT, LAST_GLOBAL_ADMIN, …).
 */
export type RowError = { field: string; message: string; code: string };

/** At most this many rows in one file or one "all matching" selection. */
export const BULK_ROW_LIMIT = 50_000;

/** One-time passwords of a bulk add are kept, encrypted, for at most this long. */
export const PASSWORD_RETENTION_MS = 24 * HOUR;

export const BULK_KIND_LABELS: Record<BulkJobKind, { title: string; verb: string; done: string }> = {
  add: { title: 'Bulk add users', verb: 'Import', done: 'imported' },
  delete: { title: 'Bulk delete users', verb: 'Delete', done: 'deleted' },
  restore: { title: 'Bulk restore users', verb: 'Restore', done: 'restored' },
  block: { title: 'Bulk block sign-in', verb: 'Block sign-in for', done: 'blocked' },
  unblock: { title: 'Bulk unblock sign-in', verb: 'Unblock sign-in for', done: 'unblocked' },
};

/** The audit action of a job: written when it is committed and when it finishes. */
export const BULK_AUDIT_ACTION: Record<BulkJobKind, string> = {
  add: 'user.bulkAdd',
  delete: 'user.bulkDelete',
  restore: 'user.bulkRestore',
  block: 'user.bulkBlockSignIn',
  unblock: 'user.bulkUnblockSignIn',
};

/** The operations on users already in the directory, each with the permission it needs. */
export const TARGET_KIND_PERMISSION = { delete: 'user.delete', restore: 'user.restore', block: 'user.block', unblock: 'user.block' } as const;

/** The permission each kind of job needs, to preview, start or run it. */
export const BULK_KIND_PERMISSION = { add: 'user.create', ...TARGET_KIND_PERMISSION } as const;

export const isActive = (status: BulkJobStatus) => status === 'queued' || status === 'running';
export const isFinished = (status: BulkJobStatus) => status === 'completed' || status === 'failed' || status === 'cancelled';

/** May the one-time passwords of rows processed at `processedAt` still be handed out at `now`? */
export const isPasswordKept = (processedAt: Date, now: Date) => now.getTime() - processedAt.getTime() < PASSWORD_RETENTION_MS;

/** "3 rows", "1 row". */
export const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
