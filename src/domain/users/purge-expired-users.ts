// The purge job: users deleted more than 30 days ago are deleted permanently.
// Batched (each batch one transaction), safe to interrupt (a batch commits whole
// or not at all), idempotent (a purged user is gone; a second run finds nothing),
// and safe with several workers (rows are claimed FOR UPDATE SKIP LOCKED).
import type { Clock } from '../shared/clock';
import type { Transaction } from '../shared/unit-of-work';
import { RESTORE_WINDOW_MS } from './restore-user';

export async function purgeExpiredUsers(
  deps: { clock: Clock; transaction: Transaction },
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<{ purged: number }> {
  const batchSize = options.batchSize ?? 500;
  const now = deps.clock.now();
  // "Older than 30 days" is fixed once per run, so a long run does not chase the clock.
  const cutoff = new Date(now.getTime() - RESTORE_WINDOW_MS);
  let purged = 0;
  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
    const count = await deps.transaction(async (repos) => {
      const expired = await repos.users.claimExpired(cutoff, batchSize);
      // One delete and one audit write per batch, not per user.
      await repos.users.purgeClaimed(expired.map((u) => u.id));
      await repos.audit.appendMany(
        expired.map((user) => ({
          tenantId: user.tenantId,
          occurredAt: now,
          actor: null,
          action: 'user.purge',
          target: { type: 'user', id: user.id, name: user.displayName },
          before: { signInName: user.signInName, deletedAt: user.deletedAt.toISOString() },
          detail: 'Deleted permanently: the 30-day restore window had passed.',
        })),
      );
      return expired.length;
    });
    purged += count;
    if (count < batchSize) break;
  }
  return { purged };
}
