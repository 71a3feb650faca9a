import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClass, Badge, NotPermitted, PageHeader } from '@/app/_components/ui';
import { inputClassName } from '@/app/_components/styles';
import { DIRECTORY_ROLES, isRoleId } from '@/domain/shared/permissions';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { listRoleHolders } from '@/server/queries/roles';
import { RoleHolders } from './role-holders';

export const metadata: Metadata = { title: 'Role' };

export default async function RolePage({ params, searchParams }: { params: Promise<{ tenantId: string; roleId: string }>; searchParams: Promise<{ q?: string; after?: string }> }) {
  const { tenantId, roleId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  if (!isRoleId(roleId)) notFound();
  const { q, after } = await searchParams;
  const role = DIRECTORY_ROLES[roleId];
  const page = await listRoleHolders(tenantId, roleId, { q, after });
  const base = `/tenants/${tenantId}/roles/${roleId}`;
  const canAssign = access.can('role.assign');
  return (
    <>
      <PageHeader
        title={role.name}
        breadcrumbs={[{ href: `/tenants/${tenantId}/roles`, label: 'Roles' }]}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={role.tier === 3 ? 'red' : role.tier === 2 ? 'amber' : 'slate'}>Tier {role.tier}</Badge>
            {role.description}
          </span>
        }
      />
      {!canAssign && <p className="mb-4 text-sm text-slate-600">Only Global Administrators and Privileged Role Administrators assign or remove roles.</p>}
      <form method="get" action={base} role="search" aria-label={`Search holders of ${role.name}`} className="mb-4 flex flex-wrap items-end gap-3">
        <label className="min-w-64 text-sm font-medium text-slate-700">
          Search holders
          <input type="search" name="q" defaultValue={q ?? ''} className={inputClassName} />
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          Search
        </button>
        <span className="text-sm text-slate-600">{page.total} holder{page.total === 1 ? '' : 's'}</span>
      </form>
      <RoleHolders key={JSON.stringify([q, after])} tenantId={tenantId} roleId={roleId} roleName={role.name} holders={page.rows} canAssign={canAssign} />
      <nav aria-label="Pagination" className="mt-4 flex justify-end gap-2">
        {after && (
          <Link href={`${base}${q ? `?q=${encodeURIComponent(q)}` : ''}`} className={buttonClass('secondary', 'sm')}>
            First page
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`${base}?${new URLSearchParams({ ...(q ? { q } : {}), after: page.nextCursor }).toString()}`} className={buttonClass('secondary', 'sm')}>
            Next page
          </Link>
        )}
      </nav>
    </>
  );
}
