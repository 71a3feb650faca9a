import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ButtonLink, Card, NotPermitted, PageHeader, StatCard } from '@/app/_components/ui';
import { roleName } from '@/domain/shared/permissions';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { ownsAnyGroup } from '@/server/queries/partners';
import { getTenantOverview } from '@/server/queries/tenant-overview';
import { RelationshipNotice } from './partners/relationship-notice';

export const metadata: Metadata = { title: 'Overview' };

export default async function TenantOverviewPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<{ passwordChanged?: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) {
    // A group owner without admin roles enters their tenant for their groups (domain.md §5).
    if (!access.actor.onBehalfOf && (await ownsAnyGroup(tenantId, access.actor.userId))) redirect(`/tenants/${tenantId}/groups`);
    return <NotPermitted message={denied} />;
  }
  const [overview, { passwordChanged }] = await Promise.all([getTenantOverview(tenantId), searchParams]);
  const base = `/tenants/${tenantId}`;
  return (
    <>
      <PageHeader
        title={access.tenant.name}
        description={
          <>
            Primary domain <strong>{access.tenant.primaryDomain}</strong> · {access.tenant.kind === 'partner' ? 'Partner tenant' : 'Customer tenant'}
          </>
        }
        actions={access.can('user.create') ? <ButtonLink href={`${base}/users/new`} variant="primary">New user</ButtonLink> : undefined}
      />
      {passwordChanged && (
        <p role="status" className="mb-6 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          Your new password is set.
        </p>
      )}
      <RelationshipNotice tenantId={tenantId} tenantKind={access.tenant.kind} actor={access.actor} />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard label="Users" value={overview.users} href={`${base}/users`} hint="Live accounts" />
        <StatCard label="Blocked users" value={overview.blocked} href={`${base}/users?status=blocked`} hint="Sign-in blocked" />
        <StatCard label="Deleted users" value={overview.deleted} href={`${base}/users/deleted`} hint="Restorable for 30 days" />
        <StatCard label="Admins" value={overview.admins} href={`${base}/roles`} hint={`${overview.globalAdmins} Global Administrator${overview.globalAdmins === 1 ? '' : 's'}`} />
      </div>
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Card title="Your access here">
          <p className="text-sm text-slate-700">
            You are signed in as <strong>{access.user.displayName}</strong>
            {access.actor.roles.length ? (
              <>
                {' '}
                with {access.actor.roles.length === 1 ? 'the role' : 'the roles'} <strong>{access.actor.roles.map(roleName).join(', ')}</strong>.
              </>
            ) : (
              ' without admin roles.'
            )}
          </p>
        </Card>
        <Card title="Recent activity" actions={<ButtonLink href={`${base}/audit`} size="sm">View all activity</ButtonLink>}>
          <p className="text-sm text-slate-600">Every change in this tenant is recorded in the append-only audit log.</p>
        </Card>
      </div>
    </>
  );
}
