import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotPermitted } from '@/app/_components/ui';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { getBulkJob } from '@/server/queries/bulk-jobs';
import { JobView } from '../_components/job-view';

export const metadata: Metadata = { title: 'Bulk add users' };

export default async function ImportJobPage({ params, searchParams }: { params: Promise<{ tenantId: string; jobId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenantId, jobId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  const job = await getBulkJob(db(), tenantId, jobId);
  if (!job || job.kind !== 'add') notFound();
  return <JobView tenantId={tenantId} job={job} search={await searchParams} canCommit={access.can('user.create')} userId={access.user.userId} />;
}
