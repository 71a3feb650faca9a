// The preview of a bulk delete, restore, block or unblock: for each sign-in name, who
// will be affected and who is refused, and why — with the rules of one-by-one
// (domain.md §2, §3): no self, no last Global Administrator, tier ceilings, the 30-day
// window, a name taken meanwhile. The job then calls deleteUser / restoreUser /
// setSignInBlocked for each row, which decide again on the state of that moment.
//
// The last-admin rule is simulated down the list: deleting (or blocking) the first of
// two enabled Global Administrators passes, the second is refused, as the job would find.
import { authorize, type Actor, type RoleId } from '../shared/permissions';
import { purgeDate } from '../users/restore-user';
import { isValidSignInName } from '../users/sign-in-name';
import { signInNameKey } from '../users/user';
import type { RowError, RowPlan } from './bulk-job';

export type BulkTargetOperation = 'delete' | 'restore' | 'block' | 'unblock';

export type BulkTargetInput = { line: number; signInName: string };

/** A user of the tenant the list names: the live one, and the most recently deleted one. */
export type TargetCandidate = {
  id: string;
  tenantId: string;
  displayName: string;
  signInName: string;
  roles: readonly RoleId[];
  accountEnabled: boolean;
  deletedAt: Date | null;
};

export type BulkTargetContext = {
  actor: Actor;
  tenantId: string;
  operation: BulkTargetOperation;
  now: Date;
  /** By lower-cased sign-in name: the tenant's live user with it, and its most recently deleted one. */
  candidates: ReadonlyMap<string, { live?: TargetCandidate; deleted?: TargetCandidate }>;
  /** Lower-cased sign-in names held by a live user anywhere in the portal (a restore needs its name free). */
  takenByLiveUsers: ReadonlySet<string>;
  /** Enabled, live Global Administrators of the tenant now. */
  activeGlobalAdminCount: number;
};

export type ValidatedTargetRow = {
  line: number;
  signInName: string;
  displayName: string | null;
  errors: RowError[];
  plan: RowPlan | null;
  targetUserId: string | null;
};

const isEnabledGlobalAdmin = (user: TargetCandidate) => user.roles.includes('globalAdministrator') && user.accountEnabled && user.deletedAt === null;

const error = (code: string, message: string): RowError => ({ field: 'signInName', code, message });

export function validateBulkTargets(rows: readonly BulkTargetInput[], context: BulkTargetContext): ValidatedTargetRow[] {
  const { actor, tenantId, operation } = context;
  const firstLine = new Map<string, number>();
  let globalAdminsLeft = context.activeGlobalAdminCount;

  return rows.map((row): ValidatedTargetRow => {
    const signInName = row.signInName.trim();
    const refuse = (e: RowError, displayName: string | null = null): ValidatedTargetRow => ({
      line: row.line,
      signInName,
      displayName,
      errors: [e],
      plan: null,
      targetUserId: null,
    });
    if (!signInName) return refuse(error('REQUIRED', 'The sign-in name is empty.'));
    if (!isValidSignInName(signInName)) return refuse(error('INVALID', `“${signInName}” is not a sign-in name (name@domain).`));
    const key = signInNameKey(signInName);
    const seenOn = firstLine.get(key);
    if (seenOn !== undefined) return refuse(error('DUPLICATE_IN_FILE', `Already listed on line ${seenOn}.`));
    firstLine.set(key, row.line);

    const found = context.candidates.get(key);
    if (operation !== 'restore') {
      const user = found?.live;
      if (!user) {
        return found?.deleted
          ? refuse(error('ALREADY_DELETED', `${found.deleted.displayName} is deleted.`), found.deleted.displayName)
          : refuse(error('NOT_FOUND', 'No user of this tenant has this sign-in name.'));
      }
      // Unblocking never takes an administrator away; deleting and blocking do.
      const counted = operation !== 'unblock' && isEnabledGlobalAdmin(user);
      const allowed = authorize({
        actor,
        tenantId,
        action: operation === 'delete' ? 'user.delete' : 'user.block',
        target: user,
        facts: counted ? { activeGlobalAdminCount: globalAdminsLeft } : undefined,
      });
      if (!allowed.ok) return refuse(error(allowed.error.rule ?? allowed.error.code, allowed.error.message), user.displayName);
      if (counted) globalAdminsLeft--;
      return { line: row.line, signInName: user.signInName, displayName: user.displayName, errors: [], plan: operation, targetUserId: user.id };
    }

    const user = found?.deleted;
    if (!user?.deletedAt) {
      return found?.live
        ? refuse(error('NOT_DELETED', `${found.live.displayName} is not deleted.`), found.live.displayName)
        : refuse(error('NOT_FOUND', 'No deleted user of this tenant has this sign-in name.'));
    }
    const allowed = authorize({ actor, tenantId, action: 'user.restore', target: user });
    if (!allowed.ok) return refuse(error(allowed.error.rule ?? allowed.error.code, allowed.error.message), user.displayName);
    if (context.now.getTime() >= purgeDate(user.deletedAt).getTime()) {
      return refuse(error('RESTORE_WINDOW_PASSED', `${user.displayName} was deleted more than 30 days ago and can no longer be restored.`), user.displayName);
    }
    if (context.takenByLiveUsers.has(key)) {
      return refuse(
        error('SIGN_IN_NAME_TAKEN', `${user.signInName} has been taken by another user since ${user.displayName} was deleted. Restore them from Deleted users with a new sign-in name.`),
        user.displayName,
      );
    }
    return { line: row.line, signInName: user.signInName, displayName: user.displayName, errors: [], plan: 'restore', targetUserId: user.id };
  });
}
