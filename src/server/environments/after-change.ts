// Called by server actions after a committed change that can affect eligibility.
// The change stands whatever happens here: if the immediate sync fails, the
// periodic background sync catches up, so a failure is logged, not returned.
import 'server-only';
import { requestUserSync } from './request-sync';

export async function syncAfterChange(tenantId: string, userIds: string[]): Promise<void> {
  try {
    await requestUserSync(tenantId, userIds);
  } catch (error) {
    console.error('[sync] immediate sync after a change failed; the background sync will catch up.', error);
  }
}
