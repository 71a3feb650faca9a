import type { Metadata } from 'next';
import { NotPermitted, PageHeader } from '@/app/_components/ui';
import { assignableRoles, DIRECTORY_ROLES } from '@/domain/shared/permissions';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { CreateUserForm } from './create-user-form';

export const metadata: Metadata = { title: 'New user' };

export default async function NewUserPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('user.create');
  if (denied) return <NotPermitted message={denied} />;
  const roles = assignableRoles(access.actor.roles).map((id) => ({ id, ...DIRECTORY_ROLES[id] }));
  return (
    <>
      <PageHeader
        title="New user"
        description="Create an account in this directory. The portal generates a temporary password; the user chooses their own at the first sign-in."
        breadcrumbs={[{ href: `/tenants/${tenantId}/users`, label: 'Users' }]}
      />
      <CreateUserForm tenantId={tenantId} primaryDomain={access.tenant.primaryDomain} assignableRoles={roles} />
    </>
  );
}
