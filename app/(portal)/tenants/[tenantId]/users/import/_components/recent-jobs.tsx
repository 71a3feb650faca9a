// The tenant's recent bulk jobs, each a link to its page (a running one shows its progress there).
import Link from 'next/link';
import { Badge, formatDateTime } from '@/app/_components/ui';
import { plural, type BulkJobKind } from '@/domain/imports/bulk-job';
import type { BulkJobSummary } from '@/server/queries/bulk-jobs';

const STATUS_TONE = { previewed: 'blue', queued: 'blue', running: 'blue', completed: 'green', failed: 'red', cancelled: 'amber' } as const;
const STATUS_LABEL = { previewed: 'Preview', queued: 'Queued', running: 'Running', completed: 'Completed', failed: 'Stopped', cancelled: 'Cancelled' } as const;

const JOB_PREFIX: Record<BulkJobKind, string> = { add: '', delete: 'Delete: ', restore: 'Restore: ', block: 'Block sign-in: ', unblock: 'Unblock sign-in: ' };

export function RecentJobs({ tenantId, jobs, empty }: { tenantId: string; jobs: BulkJobSummary[]; empty: string }) {
  if (!jobs.length) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {jobs.map((job) => (
        <li key={job.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <Link href={`/tenants/${tenantId}/users/${job.kind === 'add' ? 'import' : 'bulk'}/${job.id}`} className="font-medium text-brand-700 hover:underline">
            {JOB_PREFIX[job.kind]}
            {job.fileName ?? (job.source === 'filter' ? 'users matching a filter' : 'upload')}
          </Link>
          <span className="flex items-center gap-3 text-slate-600">
            <span>
              {job.status === 'previewed' ? plural(job.totalRows, 'row') : `${job.processedRows.toLocaleString('en')} of ${plural(job.validRows, 'row')}`}, by {job.createdByName},{' '}
              {formatDateTime(job.createdAt)}
            </span>
            <Badge tone={STATUS_TONE[job.status]}>{STATUS_LABEL[job.status]}</Badge>
          </span>
        </li>
      ))}
    </ul>
  );
}

