// "Export" on the users list: every user matching the list's filter (the same query
// parameters as the page), streamed as CSV.
import { systemClock } from '@/server/clock';
import { db } from '@/server/db/client';
import { csvStream } from '@/server/exports/csv-writer';
import { exportFileName, exportUsers, USER_EXPORT_HEADER } from '@/server/exports/user-exports';
import { routeAccess } from '@/server/imports/route-access';
import { prismaTenantRepository } from '@/server/repositories/tenant-repository';
import { parseUserListFilter } from '@/server/queries/users-list';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await routeAccess(tenantId, 'directory.read');
  if (!access.ok) return access.response;
  const tenant = await prismaTenantRepository(db()).getById(tenantId);
  if (!tenant) return new Response('Not found.', { status: 404 });
  const filter = parseUserListFilter(Object.fromEntries(new URL(request.url).searchParams));
  const name = exportFileName('users', tenant.primaryDomain, systemClock.now());
  return new Response(csvStream(USER_EXPORT_HEADER, exportUsers(db(), tenantId, filter)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  });
}
