// "Add a customer", as the partner centre does it (issue #5): an Admin agent creates
// a customer tenant with its primary domain, the tenant's first Global Administrator
// (temporary password returned once) and a relationship request — all in one
// transaction. The request then waits for that administrator's approval like any other.
import { generateTemporaryPassword, type RandomBytes } from '../auth/passwords';
import type { PasswordHasher } from '../auth/password-hasher';
import type { Clock } from '../shared/clock';
import { roleName } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { isValidDomain, normaliseDomain } from '../tenants/tenant';
import { withSuggestions } from '../users/create-user';
import { checkProfile } from '../users/profile-rules';
import { composeSignInName } from '../users/sign-in-name';
import { signInNameKey } from '../users/user';
import { profileFromFullName } from './partner-staff';
import { checkMayRequest, checkTerms, type Party } from './relationship';
import { createPendingRelationship } from './request-relationship';

export const COMPANY_NAME_MAX = 120;

export type AddCustomerCommand = {
  party: Party;
  companyName: string;
  primaryDomain: string;
  adminName: string;
  /** The part before @: the administrator signs in as username@primaryDomain. */
  adminUsername: string;
  roles: string[];
  durationDays: number;
  autoExtend: boolean;
};

export type AddedCustomer = {
  tenantId: string;
  name: string;
  primaryDomain: string;
  relationshipId: string;
  admin: { id: string; displayName: string; signInName: string; temporaryPassword: string };
};

export async function addCustomer(
  deps: { clock: Clock; transaction: Transaction; hasher: PasswordHasher; random: RandomBytes },
  command: AddCustomerCommand,
): Promise<Result<AddedCustomer>> {
  const { party } = command;
  const allowed = checkMayRequest(party, party.tenantId);
  if (!allowed.ok) return allowed;

  // Every field error at once.
  const fieldErrors: Record<string, string[]> = {};
  const name = command.companyName.trim();
  if (!name) fieldErrors.companyName = ['Enter the company name.'];
  else if (name.length > COMPANY_NAME_MAX) fieldErrors.companyName = [`Use at most ${COMPANY_NAME_MAX} characters.`];
  const domain = normaliseDomain(command.primaryDomain);
  if (!domain) fieldErrors.primaryDomain = ['Enter the primary domain, like contoso.com.'];
  else if (!isValidDomain(domain)) fieldErrors.primaryDomain = ['That is not a valid domain name.'];
  const profile = checkProfile(profileFromFullName(command.adminName));
  if (!profile.ok) fieldErrors.adminName = ['Enter the administrator’s name.'];
  const signIn = fieldErrors.primaryDomain ? null : composeSignInName('username', command.adminUsername, domain);
  if (signIn && !signIn.ok) fieldErrors.adminUsername = signIn.error.fieldErrors?.username ?? [signIn.error.message];
  if (!signIn && !command.adminUsername.trim()) fieldErrors.adminUsername = ['Enter a username.'];
  const terms = checkTerms(command);
  if (!terms.ok) Object.assign(fieldErrors, terms.error.fieldErrors);
  if (Object.keys(fieldErrors).length || !profile.ok || !signIn?.ok || !terms.ok) return fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors });

  const now = deps.clock.now();
  const signInName = signIn.value;
  const temporaryPassword = generateTemporaryPassword(deps.random);
  const passwordHash = await deps.hasher.hash(temporaryPassword);
  const by = { id: party.userId, name: party.displayName };
  const actor = { userId: party.userId, displayName: party.displayName, onBehalfOf: null, homeTenantId: party.tenantId };

  const result = await deps.transaction(async (repos) => {
    if (await repos.partners.isDomainTaken(domain)) return domainTaken(domain);
    const tenant = await repos.partners.createCustomerTenant({ name, primaryDomain: domain });
    if (tenant === 'DOMAIN_TAKEN') return domainTaken(domain);
    if (await repos.users.isSignInNameTaken(signInNameKey(signInName))) return usernameTaken(signInName);
    const admin = await repos.users.create(
      tenant.id,
      { ...profile.value, kind: 'member', signInName, accountEnabled: true, passwordHash, mustChangePassword: true, roles: ['globalAdministrator'] },
      by,
      now,
    );
    if (admin === 'SIGN_IN_NAME_TAKEN') return usernameTaken(signInName);
    await repos.audit.append({
      tenantId: tenant.id,
      occurredAt: now,
      actor,
      action: 'tenant.create',
      target: { type: 'tenant', id: tenant.id, name },
      after: { name, primaryDomain: domain, kind: 'customer' },
      detail: `Created by ${party.displayName} of a partner.`,
    });
    await repos.audit.append({
      tenantId: tenant.id,
      occurredAt: now,
      actor,
      action: 'user.create',
      target: { type: 'user', id: admin.id, name: profile.value.displayName },
      after: { signInName, displayName: profile.value.displayName, roles: [roleName('globalAdministrator')] },
    });
    await repos.audit.append({
      tenantId: party.tenantId,
      occurredAt: now,
      actor,
      action: 'customer.create',
      target: { type: 'tenant', id: tenant.id, name },
      after: { name, primaryDomain: domain, globalAdministrator: signInName },
    });
    const relationship = await createPendingRelationship(repos, party, { id: tenant.id, name }, terms.value, now);
    if (!relationship.ok) return relationship;
    return ok({
      tenantId: tenant.id,
      name,
      primaryDomain: domain,
      relationshipId: relationship.value.id,
      admin: { id: admin.id, displayName: profile.value.displayName, signInName, temporaryPassword },
    });
  });
  if (!result.ok && result.error.rule === 'SIGN_IN_NAME_TAKEN') return withSuggestions(deps, result.error, profile.value);
  return result;
}

function domainTaken(domain: string) {
  const message = `${domain} already belongs to a tenant of the portal.`;
  return fail('CONFLICT', message, { rule: 'DOMAIN_TAKEN', fieldErrors: { primaryDomain: [message] } });
}

function usernameTaken(signInName: string) {
  const message = `${signInName} is already taken. Try a variation.`;
  return fail('CONFLICT', message, { rule: 'SIGN_IN_NAME_TAKEN', fieldErrors: { adminUsername: [message] }, details: { signInName, field: 'adminUsername' } });
}
