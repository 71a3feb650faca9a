// Approve, decline, terminate (domain.md §6): the pure transition decides, this writes
// it with optimistic concurrency on the locked row and audits it in both tenants.
import type { Clock } from '../shared/clock';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditBothSides, termsOf } from './relationship-audit';
import { approve, decline, terminate, type Party, type Relationship, type RelationshipChanges } from './relationship';

export type RelationshipDecision = 'approve' | 'decline' | 'terminate';

const TRANSITIONS: Record<RelationshipDecision, (r: Relationship, party: Party, now: Date) => Result<RelationshipChanges>> = {
  approve,
  decline,
  terminate,
};

export type ChangeRelationshipCommand = { party: Party; relationshipId: string; decision: RelationshipDecision };

export async function changeRelationship(
  deps: { clock: Clock; transaction: Transaction },
  command: ChangeRelationshipCommand,
): Promise<Result<Relationship>> {
  const { party, relationshipId, decision } = command;
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    // Read through the party's own tenant: a relationship of other tenants is not found.
    const current = await repos.partners.lockRelationship(party.tenantId, relationshipId);
    if (!current) return fail('NOT_FOUND', 'Relationship not found.');
    const changes = TRANSITIONS[decision](current, party, now);
    if (!changes.ok) return changes;
    const written = await repos.partners.updateRelationship(party.tenantId, relationshipId, current.rowVersion, changes.value, now);
    if (written === 'STALE') return fail('CONFLICT', 'Someone changed this relationship a moment ago. Reload the page and try again.', { rule: 'STALE' });
    const { decidedById: _decidedById, ...shown } = changes.value;
    const next: Relationship = { ...current, ...shown, rowVersion: current.rowVersion + 1 };
    await auditBothSides(repos.audit, current, party, now, {
      action: `relationship.${decision}`,
      before: { status: current.status, ...(current.endsAt ? { endsAt: current.endsAt } : {}) },
      after: { status: next.status, ...termsOf(next), ...(next.endsAt ? { endsAt: next.endsAt } : {}) },
    });
    return ok(next);
  });
}
