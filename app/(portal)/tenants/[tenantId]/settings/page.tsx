import type { Metadata } from 'next';
import { Card, NotPermitted, PageHeader } from '@/app/_components/ui';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { SettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Tenant settings' };

export default async function TenantSettingsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  const canEdit = access.can('tenant.updateSettings');
  return (
    <>
      <PageHeader title="Settings" description="The organisation’s name and domains. Only Global Administrators can change them." />
      <Card title="Organisation">
        <SettingsForm tenantId={tenantId} name={access.tenant.name} primaryDomain={access.tenant.primaryDomain} domains={access.tenant.domains} canEdit={canEdit} />
      </Card>
    </>
  );
}
