// A partner's own staff (seed 004): a Global Administrator or User Administrator of
// the partner adds a person with full name, a unique email (the sign-in name) and a
// partner role and/or directory roles. The temporary password is returned once; the
// new member must change it at the first sign-in. A taken email comes back with free
// variations, as for any user (create-user.ts).
import { generateTemporaryPassword, type RandomBytes } from '../auth/passwords';
import type { PasswordHasher } from '../auth/password-hasher';
import type { Clock } from '../shared/clock';
import { roleName, type Actor, type RoleId } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { checkGrantableRoles, withSuggestions } from '../users/create-user';
import { checkProfile } from '../users/profile-rules';
import { composeSignInName } from '../users/sign-in-name';
import { signInNameKey } from '../users/user';
import { profileFromFullName } from './partner-staff';
import { PARTNER_ROLE_LABELS, type Party, type PartnerRole } from './relationship';

export type CreateStaffMemberCommand = {
  party: Party;
  fullName: string;
  email: string;
  partnerRole: PartnerRole | null;
  roles: RoleId[];
};

export type CreatedStaffMember = {
  id: string;
  displayName: string;
  signInName: string;
  temporaryPassword: string;
  partnerRole: PartnerRole | null;
  roles: RoleId[];
};

/** Seed 004: a Global Administrator or a User Administrator manages the partner's users. */
export const mayManageStaff = (party: Pick<Party, 'roles'>) =>
  party.roles.includes('globalAdministrator') || party.roles.includes('userAdministrator');

export async function createStaffMember(
  deps: { clock: Clock; transaction: Transaction; hasher: PasswordHasher; random: RandomBytes },
  command: CreateStaffMemberCommand,
): Promise<Result<CreatedStaffMember>> {
  const { party } = command;
  if (!mayManageStaff(party)) {
    return fail('FORBIDDEN', 'Only a Global Administrator or a User Administrator of the partner can add staff.', { rule: 'STAFF_ADMIN_ONLY' });
  }
  const actor: Actor = { userId: party.userId, displayName: party.displayName, tenantId: party.tenantId, roles: party.roles, onBehalfOf: null };
  const roles = [...new Set(command.roles)];
  const roleCheck = checkGrantableRoles(actor, roles);
  if (!roleCheck.ok) return roleCheck;

  const fieldErrors: Record<string, string[]> = {};
  const profile = checkProfile(profileFromFullName(command.fullName));
  if (!profile.ok) fieldErrors.fullName = profile.error.fieldErrors?.displayName ?? ['Enter the full name.'];
  const signIn = composeSignInName('email', command.email, 'unused.example');
  if (!signIn.ok) fieldErrors.email = signIn.error.fieldErrors?.email ?? [signIn.error.message];
  if (!command.partnerRole && !roles.length) fieldErrors.partnerRole = ['Choose a partner role, a directory role, or both.'];
  if (Object.keys(fieldErrors).length || !profile.ok || !signIn.ok) return fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors });

  const now = deps.clock.now();
  const temporaryPassword = generateTemporaryPassword(deps.random);
  const passwordHash = await deps.hasher.hash(temporaryPassword);
  const signInName = signIn.value;
  const result = await deps.transaction(async (repos) => {
    const tenant = await repos.tenants.getById(party.tenantId);
    if (!tenant) return fail('NOT_FOUND', 'Tenant not found.');
    if (tenant.kind !== 'partner') return fail('FORBIDDEN', 'Staff with partner roles exist only in partner tenants.', { rule: 'PARTNER_TENANT_ONLY' });
    if (await repos.users.isSignInNameTaken(signInNameKey(signInName))) return emailTaken(signInName);
    const created = await repos.users.create(
      party.tenantId,
      { ...profile.value, kind: 'member', signInName, accountEnabled: true, passwordHash, mustChangePassword: true, roles },
      { id: party.userId, name: party.displayName },
      now,
    );
    if (created === 'SIGN_IN_NAME_TAKEN') return emailTaken(signInName);
    if (command.partnerRole) await repos.partners.setPartnerRole(party.tenantId, created.id, command.partnerRole);
    await repos.audit.append({
      tenantId: party.tenantId,
      occurredAt: now,
      actor: { userId: party.userId, displayName: party.displayName, onBehalfOf: null },
      action: 'user.create',
      target: { type: 'user', id: created.id, name: profile.value.displayName },
      after: {
        signInName,
        displayName: profile.value.displayName,
        partnerRole: command.partnerRole ? PARTNER_ROLE_LABELS[command.partnerRole] : null,
        roles: roles.map(roleName),
      },
      detail: 'Partner staff member added.',
    });
    return ok({ id: created.id, displayName: profile.value.displayName, signInName, temporaryPassword, partnerRole: command.partnerRole, roles });
  });
  if (!result.ok && result.error.rule === 'SIGN_IN_NAME_TAKEN') return withSuggestions(deps, result.error, profile.value);
  return result;
}

function emailTaken(signInName: string) {
  const message = `${signInName} is already taken. Try a variation.`;
  return fail('CONFLICT', message, { rule: 'SIGN_IN_NAME_TAKEN', fieldErrors: { email: [message] }, details: { signInName, field: 'email' } });
}
