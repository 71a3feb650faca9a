import { redirect } from 'next/navigation';
import { can } from '@/domain/shared/permissions';
import { requireUser } from '@/server/auth/current-user';
import { isPartnerStaff } from '@/server/partners/party';

/**
 * Where "/" leads: the admin's home tenant; for partner staff without an admin role
 * there, their customers; the account page for everyone else.
 */
export default async function Home() {
  const user = await requireUser();
  if (can(user.roles, 'directory.read')) redirect(`/tenants/${user.tenantId}`);
  if (isPartnerStaff(user)) redirect('/partner/customers');
  redirect('/account');
}
