// Block, unblock or delete many users: each user is decided and changed on its own
// (same rules as one by one: no self, no last Global Administrator, tier rules),
// so one refusal does not undo the others; the result names every refusal.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import type { Transaction } from '../shared/unit-of-work';
import { deleteUser } from './delete-user';
import { setSignInBlocked } from './set-sign-in-blocked';

export type BulkOperation = 'block' | 'unblock' | 'delete';
export type BulkResult = { operation: BulkOperation; requested: number; succeeded: number; unchanged: number; failed: { userId: string; reason: string }[] };

export const BULK_LIMIT = 5_000;

export async function bulkUserOperation(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; operation: BulkOperation; userIds: string[] },
): Promise<BulkResult> {
  const userIds = [...new Set(command.userIds)];
  const result: BulkResult = { operation: command.operation, requested: userIds.length, succeeded: 0, unchanged: 0, failed: [] };
  for (const userId of userIds) {
    const outcome =
      command.operation === 'delete'
        ? await deleteUser(deps, { actor: command.actor, tenantId: command.tenantId, userId })
        : await setSignInBlocked(deps, { actor: command.actor, tenantId: command.tenantId, userId, blocked: command.operation === 'block' });
    if (!outcome.ok) result.failed.push({ userId, reason: outcome.error.message });
    else if ('changed' in outcome.value && !outcome.value.changed) result.unchanged++;
    else result.succeeded++;
  }
  return result;
}
