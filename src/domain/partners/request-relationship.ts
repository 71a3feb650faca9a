// An Admin agent asks a customer for directory roles for a time (domain.md §6). The
// request waits for the customer's Global Administrator and lapses after 90 days.
import type { Clock } from '../shared/clock';
import { fail, ok, type Result } from '../shared/result';
import type { Repositories, Transaction } from '../shared/unit-of-work';
import { normaliseDomain } from '../tenants/tenant';
import { auditBothSides, termsOf } from './relationship-audit';
import { checkMayRequest, checkTerms, RELATIONSHIP_STATUS_LABELS, type Party, type Relationship, type RelationshipTerms } from './relationship';
import type { TenantRef } from './partner-repository';

export type RequestRelationshipCommand = {
  party: Party;
  /** The customer's primary domain, as the partner knows it. */
  customerDomain: string;
  roles: string[];
  durationDays: number;
  autoExtend: boolean;
};

export async function requestRelationship(
  deps: { clock: Clock; transaction: Transaction },
  command: RequestRelationshipCommand,
): Promise<Result<{ id: string; customerName: string }>> {
  const { party } = command;
  const allowed = checkMayRequest(party, party.tenantId);
  if (!allowed.ok) return allowed;
  const terms = checkTerms(command);
  const domain = normaliseDomain(command.customerDomain);
  if (!domain) {
    const fieldErrors = { ...(terms.ok ? {} : terms.error.fieldErrors), customerDomain: ['Enter the customer’s primary domain.'] };
    return fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors });
  }
  if (!terms.ok) return terms;
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const customer = await repos.partners.findTenantByPrimaryDomain(domain);
    if (!customer || customer.kind !== 'customer' || customer.id === party.tenantId) {
      return fail('NOT_FOUND', `No customer tenant has the primary domain ${domain}.`, {
        fieldErrors: { customerDomain: [`No customer tenant has the primary domain ${domain}.`] },
      });
    }
    return createPendingRelationship(repos, party, customer, terms.value, now);
  });
}

/** Inside a transaction: one open (pending or active) relationship per partner and customer. */
export async function createPendingRelationship(
  repos: Repositories,
  party: Party,
  customer: Pick<TenantRef, 'id' | 'name'>,
  terms: RelationshipTerms,
  now: Date,
): Promise<Result<{ id: string; customerName: string }>> {
  const partner = await repos.partners.getTenant(party.tenantId);
  if (!partner || partner.kind !== 'partner') return fail('FORBIDDEN', 'Only partner tenants can request relationships.', { rule: 'PARTNER_TENANT_ONLY' });
  await repos.partners.lockPair(partner.id, customer.id);
  const open = await repos.partners.openRelationshipBetween(partner.id, customer.id);
  if (open) return alreadyOpen(open, customer.name);
  const created = await repos.partners.createRelationship({
    partnerTenantId: partner.id,
    customerTenantId: customer.id,
    ...terms,
    requestedAt: now,
    requestedBy: { id: party.userId, name: party.displayName },
  });
  const relationship = { id: created.id, partnerTenantId: partner.id, partnerName: partner.name, customerTenantId: customer.id, customerName: customer.name };
  await auditBothSides(repos.audit, relationship, party, now, { action: 'relationship.request', after: { ...termsOf(terms), status: 'pending' } });
  return ok({ id: created.id, customerName: customer.name });
}

function alreadyOpen(open: Relationship, customerName: string) {
  const message =
    open.status === 'active'
      ? `You already have an active relationship with ${customerName}${open.endsAt ? ` until ${open.endsAt.toISOString().slice(0, 10)}` : ''}.`
      : `A request to ${customerName} is already ${RELATIONSHIP_STATUS_LABELS[open.status].toLowerCase()}.`;
  return fail('CONFLICT', message, { rule: 'RELATIONSHIP_OPEN', fieldErrors: { customerDomain: [message] }, details: { relationshipId: open.id } });
}
