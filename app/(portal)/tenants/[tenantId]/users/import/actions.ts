'use server';
// Commit a bulk job's preview (the job starts), or cancel it. Shared by bulk add
// (this folder) and bulk delete / restore (../bulk).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { isUuid } from '@/domain/shared/ids';
import { defineTenantAction } from '@/server/actions/define-action';
import { db } from '@/server/db/client';
import { cancelBulkJob, commitBulkJob } from '@/server/imports/bulk-job-commands';
import { startBulkJob } from '@/server/imports/bulk-job-queue';

const ZJobCommand = z.object({ jobId: z.string().refine(isUuid, 'Unknown job.') });

export const commitBulkJobAction = defineTenantAction({ schema: ZJobCommand }, async ({ actor, tenantId, input, services }) => {
  const result = await commitBulkJob(db(), services.clock, { actor, tenantId, jobId: input.jobId });
  if (!result.ok) return result;
  await startBulkJob(input.jobId);
  revalidatePath(`/tenants/${tenantId}/users`, 'layout');
  return result;
});

export const cancelBulkJobAction = defineTenantAction({ schema: ZJobCommand }, async ({ actor, tenantId, input, services }) => {
  const result = await cancelBulkJob(db(), services.clock, { actor, tenantId, jobId: input.jobId });
  if (result.ok) revalidatePath(`/tenants/${tenantId}/users`, 'layout');
  return result;
});
