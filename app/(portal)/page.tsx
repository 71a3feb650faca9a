import { redirect } from 'next/navigation';
import { can } from '@/domain/shared/permissions';
import { requireUser } from '@/server/auth/current-user';

/** Where "/" leads: the admin's home tenant, or the account page for users without admin roles. */
export default async function Home() {
  const user = await requireUser();
  if (can(user.roles, 'directory.read')) redirect(`/tenants/${user.tenantId}`);
  redirect('/account');
}
