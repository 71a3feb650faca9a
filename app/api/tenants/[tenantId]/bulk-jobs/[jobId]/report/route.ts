// A bulk job's rows as CSV: the preview's errors (?show=errors), the failed rows
// (?show=failed), or every row (default), streamed.
import { db } from '@/server/db/client';
import { bulkJobReport } from '@/server/exports/bulk-job-report';
import { csvStream } from '@/server/exports/csv-writer';
import { jsonProblem, routeAccess } from '@/server/imports/route-access';
import { getBulkJob, parseRowFilter } from '@/server/queries/bulk-jobs';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string; jobId: string }> }) {
  const { tenantId, jobId } = await params;
  const access = await routeAccess(tenantId, 'directory.read');
  if (!access.ok) return access.response;
  const job = await getBulkJob(db(), tenantId, jobId);
  if (!job) return jsonProblem(404, 'Not found.', 'NOT_FOUND');
  const show = parseRowFilter(new URL(request.url).searchParams.get('show'));
  const report = bulkJobReport(db(), tenantId, jobId, job.kind, show);
  const base = (job.fileName ?? `bulk-${job.kind}`).replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '-');
  const name = `${base}-${show === 'errors' ? 'errors' : show === 'failed' ? 'failed-rows' : 'report'}.csv`;
  return new Response(csvStream(report.header, report.rows), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  });
}
