// Change a staff member's partner role (seed 004): Admin agent, Helpdesk agent, Sales
// agent, or none. Only the partner's Global or User Administrators; audited. The
// change reaches customers at the agent's next request (access is resolved per request).
import type { Clock } from '../shared/clock';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { mayManageStaff } from './create-staff-member';
import { PARTNER_ROLE_LABELS, type Party, type PartnerRole } from './relationship';

const label = (role: PartnerRole | null) => (role ? PARTNER_ROLE_LABELS[role] : 'No partner role');

export async function changeStaffPartnerRole(
  deps: { clock: Clock; transaction: Transaction },
  command: { party: Party; userId: string; partnerRole: PartnerRole | null },
): Promise<Result<{ displayName: string; changed: boolean }>> {
  const { party } = command;
  if (!mayManageStaff(party)) {
    return fail('FORBIDDEN', 'Only a Global Administrator or a User Administrator of the partner can change staff roles.', { rule: 'STAFF_ADMIN_ONLY' });
  }
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const tenant = await repos.tenants.getById(party.tenantId);
    if (!tenant || tenant.kind !== 'partner') return fail('FORBIDDEN', 'Partner roles exist only in partner tenants.', { rule: 'PARTNER_TENANT_ONLY' });
    const user = await repos.users.getById(party.tenantId, command.userId);
    if (!user) return fail('NOT_FOUND', 'Staff member not found.');
    const before = await repos.partners.getPartnerRole(party.tenantId, user.id);
    if (before === command.partnerRole) return ok({ displayName: user.displayName, changed: false });
    await repos.partners.setPartnerRole(party.tenantId, user.id, command.partnerRole);
    await repos.audit.append({
      tenantId: party.tenantId,
      occurredAt: now,
      actor: { userId: party.userId, displayName: party.displayName, onBehalfOf: null },
      action: 'partner.changeStaffRole',
      target: { type: 'user', id: user.id, name: user.displayName },
      before: { partnerRole: label(before) },
      after: { partnerRole: label(command.partnerRole) },
    });
    return ok({ displayName: user.displayName, changed: true });
  });
}
