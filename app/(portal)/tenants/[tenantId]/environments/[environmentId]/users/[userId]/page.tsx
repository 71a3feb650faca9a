import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge, ButtonLink, Card, DefinitionList, formatDateTime, NotPermitted, PageHeader } from '@/app/_components/ui';
import { ACCESS_MODE_LABELS } from '@/domain/environments/environment';
import { isUuid } from '@/domain/shared/ids';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { getEnvironmentDetail, listUserEnvironments } from '@/server/queries/environments';
import { DiagnosticsView } from '../../../diagnostics-view';

export const metadata: Metadata = { title: 'Environment user' };

/** One directory user in one environment: the row, the engine's verdict, and Run diagnostics. */
export default async function EnvironmentUserPage({ params }: { params: Promise<{ tenantId: string; environmentId: string; userId: string }> }) {
  const { tenantId, environmentId, userId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  if (!isUuid(environmentId) || !isUuid(userId)) notFound();
  const [environment, user] = await Promise.all([
    getEnvironmentDetail(db(), tenantId, environmentId),
    db().user.findFirst({ where: { tenantId, id: userId }, select: { id: true, displayName: true, signInName: true, deletedAt: true } }),
  ]);
  if (!environment || !user) notFound();
  const line = (await listUserEnvironments(db(), tenantId, userId)).find((l) => l.environment.id === environmentId);
  const base = `/tenants/${tenantId}/environments`;
  return (
    <>
      <PageHeader
        title={`${user.displayName} in ${environment.name}`}
        breadcrumbs={[
          { href: base, label: 'Environments' },
          { href: `${base}/${environment.id}`, label: environment.name },
        ]}
        description={<span className="font-mono">{user.signInName}</span>}
        actions={user.deletedAt ? undefined : <ButtonLink href={`/tenants/${tenantId}/users/${user.id}?tab=environments`}>Open user</ButtonLink>}
      />
      <div className="space-y-6">
        <Card title="Row in the user table">
          {line?.row ? (
            <DefinitionList
              items={[
                { label: 'State', value: line.row.isEnabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge> },
                { label: 'Access mode', value: ACCESS_MODE_LABELS[line.row.accessMode] },
                { label: 'Security roles', value: line.row.securityRoles.length ? line.row.securityRoles.join(', ') : 'None' },
                { label: 'Last synchronised', value: formatDateTime(line.row.lastSyncedAt) },
              ]}
            />
          ) : (
            <p className="text-sm text-slate-600">{user.displayName} has no row in {environment.name}.</p>
          )}
        </Card>
        <Card title="Eligibility">
          <div className="space-y-4">
            <section aria-label={environment.name}>
              <DiagnosticsView
                tenantId={tenantId}
                environmentId={environment.id}
                environmentName={environment.name}
                userId={user.id}
                displayName={user.displayName}
                canRun={access.can('environment.manage')}
                current={line?.verdict ?? null}
              />
            </section>
          </div>
        </Card>
      </div>
    </>
  );
}
