// The page of one bulk job, whatever its kind: the preview (every row's errors by
// line and column, the seat pre-check, then "Import" or "Delete N users"), the
// progress while it runs, and the result (counts, every row's outcome, reports, and
// for a bulk add the one-time passwords).
import Link from 'next/link';
import { Badge, buttonClass, Card, cx, formatDateTime, Notice, PageHeader } from '@/app/_components/ui';
import { BULK_KIND_LABELS, isActive, plural } from '@/domain/imports/bulk-job';
import { seatCheckMessage } from '@/domain/imports/seat-check';
import { systemClock } from '@/server/clock';
import { db } from '@/server/db/client';
import { rowDetail, rowStatus } from '@/server/exports/bulk-job-report';
import { getBulkJobProgress, listBulkJobRows, parseRowFilter, type BulkJobRowView, type BulkJobView, type RowFilter } from '@/server/queries/bulk-jobs';
import { CancelForm, CommitForm } from './job-commands';
import { DownloadPasswords } from './download-passwords';
import { JobProgress } from './job-progress';

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const lineParam = (v: string | string[] | undefined) => {
  const n = Number(first(v));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};

const FILTER_LABELS: Record<RowFilter, string> = {
  all: 'All rows',
  errors: 'Only errors',
  valid: 'Valid rows',
  done: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  pending: 'Not processed',
};

function statusTone(row: BulkJobRowView): 'green' | 'red' | 'amber' | 'slate' | 'blue' {
  if (row.outcome === 'failed' || (!row.plan && row.errors.length)) return 'red';
  if (row.outcome === 'skipped' || row.plan === 'skip') return 'amber';
  if (row.outcome) return 'green';
  return row.plan ? 'blue' : 'slate';
}

const JOB_STATUS: Record<BulkJobView['status'], { label: string; tone: 'green' | 'red' | 'amber' | 'slate' | 'blue' }> = {
  previewed: { label: 'Preview: nothing written yet', tone: 'blue' },
  queued: { label: 'Queued', tone: 'blue' },
  running: { label: 'Running', tone: 'blue' },
  completed: { label: 'Completed', tone: 'green' },
  failed: { label: 'Stopped', tone: 'red' },
  cancelled: { label: 'Cancelled', tone: 'amber' },
};

export async function JobView({ tenantId, job, search, canCommit, userId }: { tenantId: string; job: BulkJobView; search: Search; canCommit: boolean; userId: string }) {
  const folder = job.kind === 'add' ? 'import' : 'bulk';
  const base = `/tenants/${tenantId}/users/${folder}/${job.id}`;
  const api = `/api/tenants/${tenantId}/bulk-jobs/${job.id}`;
  const labels = BULK_KIND_LABELS[job.kind];
  const previewing = job.status === 'previewed';
  const filters: RowFilter[] = previewing ? ['all', 'errors', 'valid'] : ['all', 'done', 'failed', 'skipped', 'errors', 'pending'];
  const requested = parseRowFilter(first(search.show));
  const filter = filters.includes(requested) ? requested : 'all';
  const page = await listBulkJobRows(db(), tenantId, job.id, filter, { after: lineParam(search.after), before: lineParam(search.after) === undefined ? lineParam(search.before) : undefined });
  const progress = job.status === 'previewed' ? null : await getBulkJobProgress(db(), tenantId, job.id, systemClock.now());
  const source = job.source === 'filter' ? `all ${job.filterLabel ?? 'matching users'}` : (job.fileName ?? 'uploaded file');
  const linkTo = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(filter !== 'all' ? { show: filter } : {}), ...extra }).toString()}`;
  const positionLabel = job.source === 'filter' ? '#' : 'Line';

  return (
    <>
      <PageHeader
        title={`${labels.title}: ${source}`}
        description={
          <>
            {job.source === 'filter' ? 'Prepared' : 'Uploaded'} by {job.createdByName} on {formatDateTime(job.createdAt)}. <Badge tone={JOB_STATUS[job.status].tone}>{JOB_STATUS[job.status].label}</Badge>
          </>
        }
        breadcrumbs={[
          { href: `/tenants/${tenantId}/users`, label: 'Users' },
          { href: `/tenants/${tenantId}/users/${folder}${job.kind === 'add' || job.kind === 'delete' ? '' : `?operation=${job.kind}`}`, label: labels.title },
        ]}
      />

      <div className="space-y-6">
        {previewing && (
          <Card title="Preview">
            <div className="space-y-4 text-sm text-slate-700">
              <p>
                {plural(job.totalRows, 'row')} read: <strong>{plural(job.validRows, 'row')}</strong> can be {job.kind === 'add' ? 'imported' : labels.done}
                {job.invalidRows > 0 && (
                  <>
                    , <strong className="text-red-700">{plural(job.invalidRows, 'row')}</strong> {job.invalidRows === 1 ? 'has' : 'have'} {job.kind === 'add' ? 'errors' : 'been refused'} and will be
                    left out
                  </>
                )}
                . Nothing has been written yet.
              </p>
              {job.kind === 'add' && (
                <p>Existing sign-in names of this tenant will be {job.existingMode === 'update' ? 'updated with the file’s non-empty cells' : 'skipped'} (chosen at upload).</p>
              )}
              {job.unknownColumns.length > 0 && (
                <Notice tone="warning" title="Columns the portal does not know were ignored">
                  {job.unknownColumns.join(', ')}
                </Notice>
              )}
              {job.seatChecks.length > 0 && (
                <div>
                  <h3 className="font-semibold text-slate-900">Seats</h3>
                  <ul className="mt-1 space-y-1">
                    {job.seatChecks.map((check) => (
                      <li key={check.subscriptionId} className={check.shortfall ? 'text-amber-800' : undefined}>
                        {seatCheckMessage(check)}
                      </li>
                    ))}
                  </ul>
                  <p className="mt-1 text-xs text-slate-500">Seats are taken as each row is written: a row that finds none left fails on its own; the others go on.</p>
                </div>
              )}
              {job.invalidRows > 0 && (
                <p>
                  <a href={`${api}/report?show=errors`} className="font-medium text-brand-700 underline" download>
                    Download error report
                  </a>{' '}
                  (the rows with errors, with the reasons beside your cells: fix them there and upload that file).
                </p>
              )}
              {canCommit && job.validRows > 0 && (
                <div className="flex flex-wrap items-start gap-3 border-t border-slate-100 pt-4">
                  <CommitForm tenantId={tenantId} jobId={job.id} kind={job.kind} count={job.validRows} />
                  <CancelForm tenantId={tenantId} jobId={job.id} label="Discard" pendingLabel="Discarding…" />
                </div>
              )}
              {job.validRows === 0 && <Notice tone="error">No row can be processed. Fix the errors in the file and upload it again.</Notice>}
            </div>
          </Card>
        )}

        {progress && (
          <Card title={isActive(job.status) ? 'Progress' : 'Result'}>
            <div className="space-y-4">
              <JobProgress key={`${job.status}-${job.processedRows}`} tenantId={tenantId} jobId={job.id} initial={progress} label={`${labels.title} progress`} updatedLabel={job.kind === 'block' || job.kind === 'unblock' ? labels.done : 'updated'} />
              {isActive(job.status) && (
                <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
                  <p>You can leave this page: the job goes on, and survives a restart of the portal. Come back here for the result.</p>
                  {canCommit && <CancelForm tenantId={tenantId} jobId={job.id} label="Stop" pendingLabel="Stopping…" />}
                </div>
              )}
              {job.status === 'cancelled' && <Notice tone="warning">The job was cancelled: the rows done before stay done; the others were not processed.</Notice>}
              {job.error && <Notice tone="error">{job.error}</Notice>}
              {!isActive(job.status) && (
                <p className="flex flex-wrap gap-3 text-sm">
                  <a href={`${api}/report`} className={buttonClass('secondary', 'sm')} download>
                    Download report
                  </a>
                  {job.counts.failed > 0 && (
                    <a href={`${api}/report?show=failed`} className={buttonClass('secondary', 'sm')} download>
                      Download failed rows
                    </a>
                  )}
                </p>
              )}
            </div>
          </Card>
        )}

        {job.kind === 'add' && !isActive(job.status) && job.counts.created > 0 && (
          <Card title="Temporary passwords">
            <div className="space-y-3 text-sm text-slate-700">
              <p>
                {plural(job.counts.created, 'new user')} must sign in with a temporary password and choose their own. The passwords can be downloaded <strong>once</strong>, as
                CSV, by {job.createdById === userId ? 'you' : job.createdByName} — then they are gone from the portal. Until then they are kept encrypted, for 24 hours at most.
              </p>
              {job.passwordsDownloadedAt ? (
                <p>
                  Downloaded on {formatDateTime(job.passwordsDownloadedAt)} by {job.passwordsDownloadedByName}. To give a user a new password, reset it from their page.
                </p>
              ) : job.passwordsKept === 0 ? (
                <p>No longer kept: 24 hours have passed. To give a user a password, reset it from their page.</p>
              ) : null}
              <DownloadPasswords tenantId={tenantId} jobId={job.id} />
            </div>
          </Card>
        )}

        <section aria-labelledby="rows-heading" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="rows-heading" className="text-base font-semibold text-slate-900">
              Rows
            </h2>
            <nav aria-label="Show rows" className="flex flex-wrap gap-1">
              {filters.map((f) => (
                <Link
                  key={f}
                  href={f === 'all' ? base : `${base}?show=${f}`}
                  aria-current={f === filter ? 'page' : undefined}
                  className={cx(buttonClass(f === filter ? 'primary' : 'ghost', 'sm'))}
                >
                  {FILTER_LABELS[f]}
                </Link>
              ))}
            </nav>
          </div>
          {page.rows.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">No rows to show here.</p>
          ) : (
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">
                  {FILTER_LABELS[filter]}: {plural(page.total, 'row')}
                </caption>
                <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-4 py-3">
                      {positionLabel}
                    </th>
                    <th scope="col" className="px-4 py-3">
                      User name
                    </th>
                    <th scope="col" className="px-4 py-3">
                      Display name
                    </th>
                    <th scope="col" className="px-4 py-3">
                      Status
                    </th>
                    <th scope="col" className="px-4 py-3">
                      {previewing ? 'Errors' : 'Errors or result'}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {page.rows.map((row) => (
                    <tr key={row.line} className="align-top">
                      <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-600">{job.source === 'filter' ? `#${row.line}` : `Line ${row.line}`}</td>
                      <td className="px-4 py-3 font-mono text-xs text-slate-700">{row.signInName ?? <span className="text-slate-400">—</span>}</td>
                      <td className="min-w-40 px-4 py-3">
                        {row.userId && row.outcome && row.outcome !== 'failed' && row.outcome !== 'deleted' ? (
                          <Link href={`/tenants/${tenantId}/users/${row.userId}`} className="font-medium text-brand-700 hover:underline">
                            {row.displayName ?? row.signInName}
                          </Link>
                        ) : (
                          (row.displayName ?? <span className="text-slate-400">—</span>)
                        )}
                      </td>
                      <td className="whitespace-nowrap px-4 py-3">
                        <Badge tone={statusTone(row)}>{rowStatus(row)}</Badge>
                      </td>
                      <td className="min-w-72 px-4 py-3 text-slate-700">
                        {row.errors.length > 0 ? (
                          <ul className="space-y-0.5 text-red-800">
                            {row.errors.map((e, i) => (
                              <li key={i}>
                                <span className="font-semibold">{e.column}:</span> {e.message}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          rowDetail(row)
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav aria-label="Pagination" className="flex items-center justify-between gap-2 text-sm text-slate-600">
            <span>{plural(page.total, 'row')}</span>
            <span className="flex gap-2">
              {page.prevBefore !== null && (
                <Link href={linkTo({ before: String(page.prevBefore) })} className={buttonClass('secondary', 'sm')}>
                  Previous page
                </Link>
              )}
              {page.nextAfter !== null && (
                <Link href={linkTo({ after: String(page.nextAfter) })} className={buttonClass('secondary', 'sm')}>
                  Next page
                </Link>
              )}
            </span>
          </nav>
        </section>
      </div>
    </>
  );
}
