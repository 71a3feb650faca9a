import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotPermitted, PageHeader } from '@/app/_components/ui';
import { isUuid } from '@/domain/shared/ids';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { getEnvironmentDetail, listGroupOptions } from '@/server/queries/environments';
import { EnvironmentForm } from '../../environment-form';

export const metadata: Metadata = { title: 'Edit environment' };

export default async function EditEnvironmentPage({ params }: { params: Promise<{ tenantId: string; environmentId: string }> }) {
  const { tenantId, environmentId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('environment.manage');
  if (denied) return <NotPermitted message={denied} />;
  if (!isUuid(environmentId)) notFound();
  const [environment, groups] = await Promise.all([getEnvironmentDetail(db(), tenantId, environmentId), listGroupOptions(db(), tenantId)]);
  if (!environment) notFound();
  const base = `/tenants/${tenantId}/environments`;
  return (
    <>
      <PageHeader
        title={`Edit ${environment.name}`}
        breadcrumbs={[
          { href: base, label: 'Environments' },
          { href: `${base}/${environment.id}`, label: environment.name },
        ]}
        description="Saving re-synchronises the environment: a new group, type or setting can change who is eligible."
      />
      <EnvironmentForm tenantId={tenantId} groups={groups} environment={{ id: environment.id, rowVersion: environment.rowVersion }} initial={environment} />
    </>
  );
}
