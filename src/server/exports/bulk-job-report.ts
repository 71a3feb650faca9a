// The report of a bulk job as CSV: every row (or only those with errors, or only the
// failed ones) with what the preview found or what the job did, and — for a bulk add —
// the row's own cells in the template's columns, so that the admin can fix the failed
// rows in the report and upload it again as it is (its extra columns are ignored).
import type { BulkJobKind, BulkRowOutcome, RowPlan } from '@/domain/imports/bulk-job';
import type { DbClient } from '../db/client';
import { cellsFromJson } from '../imports/import-row-input';
import { USER_IMPORT_COLUMNS } from '../imports/user-import-template';
import { allBulkJobRows, type BulkJobRowView, type RowFilter } from '../queries/bulk-jobs';

const PLAN_LABELS: Record<RowPlan, string> = {
  create: 'Will be created',
  skip: 'Exists: will be skipped',
  update: 'Exists: will be updated',
  delete: 'Will be deleted',
  restore: 'Will be restored',
  block: 'Sign-in will be blocked',
  unblock: 'Sign-in will be unblocked',
};

const OUTCOME_LABELS: Record<BulkRowOutcome, string> = {
  created: 'Created',
  updated: 'Updated',
  skipped: 'Skipped',
  deleted: 'Deleted',
  restored: 'Restored',
  failed: 'Failed',
};

/** What a row is, in words: its outcome, else what the preview planned, else "Error". */
export function rowStatus(row: Pick<BulkJobRowView, 'outcome' | 'plan' | 'errors'>): string {
  // A bulk block or unblock counts its changes as "updated": name them by what they were.
  if (row.outcome === 'updated' && (row.plan === 'block' || row.plan === 'unblock')) return row.plan === 'block' ? 'Blocked' : 'Unblocked';
  if (row.outcome) return OUTCOME_LABELS[row.outcome];
  if (row.plan) return PLAN_LABELS[row.plan];
  return row.errors.length ? 'Error' : 'Not processed';
}

/** The row's errors ("Display Name: Enter a display name.") or the job's message for it. */
export function rowDetail(row: Pick<BulkJobRowView, 'errors' | 'message'>): string {
  if (row.errors.length) return row.errors.map((e) => `${e.column}: ${e.message}`).join(' | ');
  return row.message ?? '';
}

export function bulkJobReport(db: DbClient, tenantId: string, jobId: string, kind: BulkJobKind, filter: RowFilter): { header: string[]; rows: AsyncIterable<unknown[]> } {
  const source = allBulkJobRows(db, tenantId, jobId, filter);
  if (kind === 'add') {
    return {
      header: ['Line', 'Status', 'Errors or result', ...USER_IMPORT_COLUMNS.map((c) => c.header)],
      rows: (async function* () {
        for await (const row of source) {
          const cells = cellsFromJson(row.values);
          yield [row.line, rowStatus(row), rowDetail(row), ...USER_IMPORT_COLUMNS.map((c) => cells[c.key] ?? '')];
        }
      })(),
    };
  }
  return {
    header: ['Line', 'User Name', 'Display Name', 'Status', 'Reason or result'],
    rows: (async function* () {
      for await (const row of source) yield [row.line, row.signInName ?? '', row.displayName ?? '', rowStatus(row), rowDetail(row)];
    })(),
  };
}
