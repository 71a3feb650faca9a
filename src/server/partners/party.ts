// The signed-in user as the relationship rules see them (a party of their HOME
// tenant), and the guard of the /partner pages.
import 'server-only';
import { notFound } from 'next/navigation';
import type { Party } from '@/domain/partners/relationship';
import { requireUser, type CurrentUser } from '../auth/current-user';

export const partyOf = (user: CurrentUser): Party => ({
  userId: user.userId,
  displayName: user.displayName,
  tenantId: user.tenantId,
  roles: user.roles,
  partnerRole: user.partnerRole,
});

/** Is this user one of a partner tenant's staff (a partner role, or any directory role there)? */
export const isPartnerStaff = (user: CurrentUser) => user.tenantKind === 'partner' && (user.partnerRole !== null || user.roles.length > 0);

/** For /partner pages: the signed-in staff member of a partner tenant, else "not found". */
export async function requirePartnerStaff(): Promise<{ user: CurrentUser; party: Party }> {
  const user = await requireUser();
  if (!isPartnerStaff(user)) notFound();
  return { user, party: partyOf(user) };
}
