// "Export" on the deleted users list (its search, ?q=…), streamed as CSV.
import { systemClock } from '@/server/clock';
import { db } from '@/server/db/client';
import { csvStream } from '@/server/exports/csv-writer';
import { DELETED_USER_EXPORT_HEADER, exportDeletedUsers, exportFileName } from '@/server/exports/user-exports';
import { routeAccess } from '@/server/imports/route-access';
import { prismaTenantRepository } from '@/server/repositories/tenant-repository';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await routeAccess(tenantId, 'directory.read');
  if (!access.ok) return access.response;
  const tenant = await prismaTenantRepository(db()).getById(tenantId);
  if (!tenant) return new Response('Not found.', { status: 404 });
  const q = new URL(request.url).searchParams.get('q')?.trim().slice(0, 100) || undefined;
  const now = systemClock.now();
  const name = exportFileName('deleted-users', tenant.primaryDomain, now);
  return new Response(csvStream(DELETED_USER_EXPORT_HEADER, exportDeletedUsers(db(), tenantId, { q }, now)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  });
}
