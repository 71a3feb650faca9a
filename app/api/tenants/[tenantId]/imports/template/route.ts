// The bulk-add template: the anchor product's columns plus the portal's, with an example row.
import { routeAccess } from '@/server/imports/route-access';
import { userImportTemplateCsv } from '@/server/imports/user-import-template';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await routeAccess(tenantId, 'directory.read');
  if (!access.ok) return access.response;
  return new Response(userImportTemplateCsv(), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="bulk-add-users-template.csv"',
      'Cache-Control': 'no-store',
    },
  });
}
