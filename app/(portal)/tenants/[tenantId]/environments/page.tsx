import type { Metadata } from 'next';
import { ComingSoon } from '@/app/_components/coming-soon';
import { NotPermitted } from '@/app/_components/ui';
import { requireTenantAccess } from '@/server/auth/tenant-access';

export const metadata: Metadata = { title: 'Environments' };

export default async function Page({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  return <ComingSoon title="Environments" message="Environments and sync eligibility arrive with the environments work." />;
}
