import type { Metadata } from 'next';
import { NotPermitted, PageHeader } from '@/app/_components/ui';
import { mayManageStaff } from '@/domain/partners/create-staff-member';
import { assignableRoles } from '@/domain/shared/permissions';
import { requirePartnerStaff } from '@/server/partners/party';
import { StaffForm } from './staff-form';

export const metadata: Metadata = { title: 'New staff member' };

export default async function NewStaffMemberPage() {
  const { party } = await requirePartnerStaff();
  if (!mayManageStaff(party)) return <NotPermitted message="Only a Global Administrator or a User Administrator of your organisation adds staff." />;
  return (
    <>
      <PageHeader
        title="New staff member"
        description="Add someone of your organisation: full name, a unique email and their role. The portal generates a temporary password; they choose their own at the first sign-in."
        breadcrumbs={[{ href: '/partner/staff', label: 'Staff' }]}
      />
      <StaffForm tenantId={party.tenantId} assignableRoles={assignableRoles(party.roles)} />
    </>
  );
}
