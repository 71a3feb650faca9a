// The job page's poll: one row read by primary key. A job whose runner died (its lease
// ran out) is started again from here too, so it resumes even with the job engine off.
import { systemClock } from '@/server/clock';
import { db } from '@/server/db/client';
import { restartIfOrphaned } from '@/server/imports/bulk-job-queue';
import { jsonProblem, routeAccess } from '@/server/imports/route-access';
import { getBulkJobProgress } from '@/server/queries/bulk-jobs';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ tenantId: string; jobId: string }> }) {
  const { tenantId, jobId } = await params;
  const access = await routeAccess(tenantId, 'directory.read');
  if (!access.ok) return access.response;
  const progress = await getBulkJobProgress(db(), tenantId, jobId, systemClock.now());
  if (!progress) return jsonProblem(404, 'Not found.', 'NOT_FOUND');
  if (progress.orphaned) await restartIfOrphaned(db(), jobId);
  return Response.json(progress, { headers: { 'Cache-Control': 'no-store' } });
}
