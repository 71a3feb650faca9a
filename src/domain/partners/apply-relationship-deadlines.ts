// The relationship job (domain.md §6): what the passing of time does — a pending
// request lapses after 90 days, an active relationship expires at its end (or is
// extended by 180 days with auto-extend), and both sides are warned 30 days before
// the end. Rows are claimed FOR UPDATE SKIP LOCKED, so several workers never apply
// the same deadline twice. "now" is the injected clock's.
import type { Clock } from '../shared/clock';
import type { Transaction } from '../shared/unit-of-work';
import { auditBothSides } from './relationship-audit';
import { applyDeadlines, AUTO_EXTEND_DAYS, EXPIRY_WARNING_DAYS, LAPSE_AFTER_DAYS, type RelationshipChanges } from './relationship';

export type DeadlineCounts = { lapsed: number; expired: number; extended: number; warned: number };

export async function applyRelationshipDeadlines(
  deps: { clock: Clock; transaction: Transaction },
  options: { batchSize?: number } = {},
): Promise<DeadlineCounts> {
  const batchSize = options.batchSize ?? 100;
  const counts: DeadlineCounts = { lapsed: 0, expired: 0, extended: 0, warned: 0 };
  const now = deps.clock.now();
  for (;;) {
    const batch = await deps.transaction(async (repos) => {
      const due = await repos.partners.claimDue(now, batchSize);
      let changed = 0;
      for (const r of due) {
        const outcomes = applyDeadlines(r, now);
        if (!outcomes.length) continue;
        const changes: RelationshipChanges = Object.assign({}, ...outcomes.map((o) => o.changes));
        const written = await repos.partners.updateRelationship(r.partnerTenantId, r.id, r.rowVersion, changes, now);
        if (written === 'STALE') continue;
        changed++;
        for (const o of outcomes) {
          counts[o.kind]++;
          if (o.kind === 'lapsed') {
            await auditBothSides(repos.audit, r, null, now, {
              action: 'relationship.lapse',
              before: { status: 'pending' },
              after: { status: 'lapsed' },
              detail: `Not approved within ${LAPSE_AFTER_DAYS} days of the request.`,
            });
          } else if (o.kind === 'expired') {
            await auditBothSides(repos.audit, r, null, now, {
              action: 'relationship.expire',
              before: { status: 'active', endsAt: r.endsAt },
              after: { status: 'expired' },
              detail: 'The relationship reached its end date. Agents no longer have access.',
            });
          } else if (o.kind === 'extended') {
            await auditBothSides(repos.audit, r, null, now, {
              action: 'relationship.extend',
              before: { endsAt: o.from },
              after: { endsAt: o.to },
              detail: `Auto-extended by ${AUTO_EXTEND_DAYS} days.`,
            });
          } else {
            const endsAt = changes.endsAt ?? r.endsAt;
            await auditBothSides(repos.audit, r, null, now, {
              action: 'relationship.expiryWarning',
              after: { endsAt },
              detail: `The relationship ends within ${EXPIRY_WARNING_DAYS} days${endsAt ? `, on ${endsAt.toISOString().slice(0, 10)}` : ''}${r.autoExtend ? ' and will be extended automatically' : ''}.`,
            });
          }
        }
      }
      return { claimed: due.length, changed };
    });
    // A batch that changed nothing would be claimed again as it is: stop rather than spin.
    if (batch.claimed < batchSize || batch.changed === 0) return counts;
  }
}
