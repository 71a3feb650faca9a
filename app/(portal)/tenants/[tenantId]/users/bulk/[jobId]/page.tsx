import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotPermitted } from '@/app/_components/ui';
import { TARGET_KIND_PERMISSION } from '@/domain/imports/bulk-job';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { getBulkJob } from '@/server/queries/bulk-jobs';
import { JobView } from '../../import/_components/job-view';

export const metadata: Metadata = { title: 'Bulk delete or restore users' };

export default async function BulkJobPage({ params, searchParams }: { params: Promise<{ tenantId: string; jobId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenantId, jobId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  const job = await getBulkJob(db(), tenantId, jobId);
  if (!job || job.kind === 'add') notFound();
  return (
    <JobView tenantId={tenantId} job={job} search={await searchParams} canCommit={access.can(TARGET_KIND_PERMISSION[job.kind])} userId={access.user.userId} />
  );
}
