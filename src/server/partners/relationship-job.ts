// The relationship deadlines (lapse, expire or auto-extend, expiry warning), as the
// scheduled job and `npm run jobs:relationships` both run them.
import { applyRelationshipDeadlines } from '@/domain/partners/apply-relationship-deadlines';
import type { Clock } from '@/domain/shared/clock';
import { systemClock } from '../clock';
import { db } from '../db/client';
import { prismaTransaction } from '../db/transaction';

export const RELATIONSHIP_JOB = 'partner-relationships';

export async function runRelationshipDeadlines(options: { log?: (line: string) => void; clock?: Clock } = {}) {
  const log = options.log ?? console.log;
  const started = Date.now();
  const counts = await applyRelationshipDeadlines({ clock: options.clock ?? systemClock, transaction: prismaTransaction(db()) });
  log(
    `[jobs] partner relationships: ${counts.lapsed} lapsed, ${counts.expired} expired, ${counts.extended} extended, ${counts.warned} warned in ${Date.now() - started} ms`,
  );
  return counts;
}
