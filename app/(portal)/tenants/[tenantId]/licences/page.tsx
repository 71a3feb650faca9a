import type { Metadata } from 'next';
import { ComingSoon } from '@/app/_components/coming-soon';
import { NotPermitted } from '@/app/_components/ui';
import { requireTenantAccess } from '@/server/auth/tenant-access';

export const metadata: Metadata = { title: 'Licences' };

export default async function Page({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  return <ComingSoon title="Licences" message="Subscriptions and seats arrive with the roles, licences and groups work." />;
}
