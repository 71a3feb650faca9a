import type { Metadata } from 'next';
import { NotPermitted, PageHeader } from '@/app/_components/ui';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { listGroupOptions } from '@/server/queries/environments';
import { EnvironmentForm } from '../environment-form';

export const metadata: Metadata = { title: 'New environment' };

export default async function NewEnvironmentPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('environment.manage');
  if (denied) return <NotPermitted message={denied} />;
  const groups = await listGroupOptions(db(), tenantId);
  return (
    <>
      <PageHeader
        title="New environment"
        breadcrumbs={[{ href: `/tenants/${tenantId}/environments`, label: 'Environments' }]}
        description="You become its creator: in a developer environment, the only user who is ever added."
      />
      <EnvironmentForm
        tenantId={tenantId}
        groups={groups}
        initial={{ name: '', type: 'production', hasDataverse: true, securityGroupId: null, appPassCapacity: 0, allowRoleAssignmentOnDisabledUsers: false, hasSalesApp: false }}
      />
    </>
  );
}
