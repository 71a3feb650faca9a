import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotPermitted, PageHeader } from '@/app/_components/ui';
import { isUuid } from '@/domain/shared/ids';
import { assignableRoles, DIRECTORY_ROLES, ROLE_IDS } from '@/domain/shared/permissions';
import { PROFILE_FIELD_LABELS, PROFILE_FIELDS } from '@/domain/users/user';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { getUserDetail } from '@/server/queries/user-detail';
import { EditWizard } from './edit-wizard';

export const metadata: Metadata = { title: 'Edit user' };

export default async function EditUserPage({ params, searchParams }: { params: Promise<{ tenantId: string; userId: string }>; searchParams: Promise<{ step?: string | string[] }> }) {
  const { tenantId, userId } = await params;
  const { step } = await searchParams;
  const access = await requireTenantAccess(tenantId);
  if (!isUuid(userId)) notFound();
  const detail = await getUserDetail(access.actor, tenantId, userId);
  if (!detail) notFound();
  const canEditProfile = detail.denials['user.update'] === null;
  const canAssign = detail.denials['role.assign'] === null;
  if (!canEditProfile && !canAssign) return <NotPermitted message={detail.denials['user.update'] ?? 'You cannot edit this user.'} />;
  const { user } = detail;
  const original = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, user[f] ?? '']));
  const roles = canAssign ? assignableRoles(access.actor.roles).map((id) => ({ id, ...DIRECTORY_ROLES[id] })) : [];
  return (
    <>
      <PageHeader
        title={`Edit ${user.displayName}`}
        description="Change the information and roles, review the changes, then finish."
        breadcrumbs={[
          { href: `/tenants/${tenantId}/users`, label: 'Users' },
          { href: `/tenants/${tenantId}/users/${user.id}`, label: user.displayName },
        ]}
      />
      <EditWizard
        key={user.rowVersion}
        tenantId={tenantId}
        userId={user.id}
        rowVersion={user.rowVersion}
        original={original}
        originalRoles={user.roles}
        assignableRoles={roles}
        roleNames={Object.fromEntries(ROLE_IDS.map((r) => [r, DIRECTORY_ROLES[r].name]))}
        labels={PROFILE_FIELD_LABELS}
        canEditProfile={canEditProfile}
        startAt={step === 'roles' ? 'roles' : undefined}
      />
    </>
  );
}
