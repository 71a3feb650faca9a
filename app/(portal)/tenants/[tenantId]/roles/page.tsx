import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, NotPermitted, PageHeader } from '@/app/_components/ui';
import { DIRECTORY_ROLES, ROLE_IDS } from '@/domain/shared/permissions';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { countRoleHolders } from '@/server/queries/roles';

export const metadata: Metadata = { title: 'Roles' };

export default async function RolesPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  const counts = await countRoleHolders(tenantId);
  const roles = [...ROLE_IDS].sort((a, b) => DIRECTORY_ROLES[b].tier - DIRECTORY_ROLES[a].tier || DIRECTORY_ROLES[a].name.localeCompare(DIRECTORY_ROLES[b].name));
  return (
    <>
      <PageHeader
        title="Roles"
        description={
          <>
            Directory roles decide what an admin may do in this tenant. The tier says on whom: an admin may reset, block, edit or delete only users whose highest role is at or below their
            ceiling. {access.can('role.assign') ? 'Open a role to see its holders and add or remove assignments.' : 'Only Global Administrators and Privileged Role Administrators assign roles.'}
          </>
        }
      />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Directory roles</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Role</th>
              <th scope="col" className="px-4 py-3">What it may do</th>
              <th scope="col" className="px-4 py-3">Tier</th>
              <th scope="col" className="px-4 py-3 text-right">Holders</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {roles.map((id) => (
              <tr key={id}>
                <td className="px-4 py-3">
                  <Link href={`/tenants/${tenantId}/roles/${id}`} className="font-medium text-brand-700 hover:underline">
                    {DIRECTORY_ROLES[id].name}
                  </Link>
                </td>
                <td className="px-4 py-3 text-slate-600">{DIRECTORY_ROLES[id].description}</td>
                <td className="px-4 py-3">
                  <Badge tone={DIRECTORY_ROLES[id].tier === 3 ? 'red' : DIRECTORY_ROLES[id].tier === 2 ? 'amber' : 'slate'}>Tier {DIRECTORY_ROLES[id].tier}</Badge>
                </td>
                <td className="px-4 py-3 text-right tabular-nums">{counts[id]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
