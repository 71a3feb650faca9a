// Tenant name and domains; the primary domain names username sign-ins (domain.md §1, §3).
import { auditActor } from '../users/user-audit';
import { authorize, type Actor } from '../shared/permissions';
import type { Clock } from '../shared/clock';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { isValidDomain, normaliseDomain } from './tenant';

export async function updateTenantSettings(
  deps: { clock: Clock; transaction: Transaction },
  input: { actor: Actor; tenantId: string; name: string; primaryDomain: string; domains: string[] },
): Promise<Result<void>> {
  const allowed = authorize({ actor: input.actor, tenantId: input.tenantId, action: 'tenant.updateSettings' });
  if (!allowed.ok) return allowed;
  const name = input.name.trim();
  const primaryDomain = normaliseDomain(input.primaryDomain);
  const domains = [...new Set([primaryDomain, ...input.domains.map(normaliseDomain).filter(Boolean)])];
  const fieldErrors: Record<string, string[]> = {};
  if (!name) fieldErrors.name = ['Enter the organisation name.'];
  if (name.length > 120) fieldErrors.name = ['Use at most 120 characters.'];
  const invalid = domains.filter((d) => !isValidDomain(d));
  if (invalid.length) fieldErrors.domains = [`Not a valid domain name: ${invalid.join(', ')}.`];
  if (Object.keys(fieldErrors).length) return fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors });

  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const tenant = await repos.tenants.getById(input.tenantId);
    if (!tenant) return fail('NOT_FOUND', 'Tenant not found.');
    const taken = await repos.tenants.domainsOwnedElsewhere(input.tenantId, domains);
    if (taken.length) {
      return fail('CONFLICT', `${taken.join(', ')} already belongs to another tenant.`, {
        fieldErrors: { domains: [`${taken.join(', ')} already belongs to another tenant.`] },
      });
    }
    await repos.tenants.updateSettings(input.tenantId, { name, primaryDomain, domains });
    await repos.audit.append({
      tenantId: input.tenantId,
      occurredAt: now,
      actor: auditActor(input.actor),
      action: 'tenant.updateSettings',
      target: { type: 'tenant', id: tenant.id, name },
      before: { name: tenant.name, primaryDomain: tenant.primaryDomain, domains: tenant.domains },
      after: { name, primaryDomain, domains },
    });
    return ok(undefined);
  });
}
