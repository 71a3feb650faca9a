// Impact preview (domain.md §7): before a change that affects eligibility is
// saved — removing a licence or a group member, blocking or deleting a user,
// changing an environment's security group — say what the sync will then do
// ("Mary Parker will be disabled in Contoso Production"). Computed by running the
// same engine twice, on the inputs as they are and on the inputs as the change
// would leave them; no rule is restated here.
import { evaluateEligibility, type EligibilityVerdict } from './eligibility';
import { ACCESS_MODE_LABELS, toEligibilityEnvironment, type Environment } from './environment';
import { countsAsNonInteractive, toEngineRow, type ExistingSyncRow, type SyncCandidate, type SyncInput } from './sync-plan';

export type ImpactChange =
  | { kind: 'removeLicence'; userId: string; subscriptionId: string }
  | { kind: 'removeGroupMember'; groupId: string; userId: string }
  | { kind: 'blockUser'; userId: string }
  | { kind: 'deleteUser'; userId: string }
  /** A bulk block or delete of the users selected in the users list. */
  | { kind: 'blockUsers'; userIds: string[] }
  | { kind: 'deleteUsers'; userIds: string[] }
  | { kind: 'changeEnvironmentGroup'; environmentId: string; groupId: string | null };

/** The most users a bulk change's preview covers (a page of the users list is at most 200). */
export const MAX_PREVIEW_USERS = 200;

export type ImpactEffect = 'add' | 'enable' | 'disable' | 'accessMode';

export type ImpactLine = {
  userId: string;
  displayName: string;
  environmentId: string;
  environmentName: string;
  effect: ImpactEffect;
  sentence: string;
};

export type Impact = {
  /** "No environment changes", or e.g. "Disables Mary Parker in 2 environments". */
  headline: string;
  lines: ImpactLine[];
};

/** The users whose inputs the change touches (null: every user, for an environment's group). */
export const usersInScope = (change: ImpactChange): string[] | null => {
  if (change.kind === 'changeEnvironmentGroup') return null;
  if (change.kind === 'blockUsers' || change.kind === 'deleteUsers') return change.userIds;
  return [change.userId];
};

/** The environment as the change would leave it. */
export function environmentAfter(environment: Environment, change: ImpactChange, groupName: string | null): Environment {
  if (change.kind !== 'changeEnvironmentGroup' || change.environmentId !== environment.id) return environment;
  return { ...environment, securityGroupId: change.groupId, securityGroupName: change.groupId === null ? null : groupName };
}

/** The directory user as the change would leave them. */
export function candidateAfter(candidate: SyncCandidate, change: ImpactChange): SyncCandidate {
  if (change.kind === 'changeEnvironmentGroup') return candidate;
  if (change.kind === 'blockUsers' || change.kind === 'deleteUsers') {
    if (!change.userIds.includes(candidate.user.id)) return candidate;
    return candidateAfter(candidate, { kind: change.kind === 'blockUsers' ? 'blockUser' : 'deleteUser', userId: candidate.user.id });
  }
  if (candidate.user.id !== change.userId) return candidate;
  const user = candidate.user;
  switch (change.kind) {
    case 'removeLicence':
      return { ...candidate, user: { ...user, licences: user.licences.filter((l) => l.subscriptionId !== change.subscriptionId) } };
    case 'removeGroupMember':
      return { ...candidate, user: { ...user, directGroupIds: user.directGroupIds.filter((g) => g !== change.groupId) } };
    case 'blockUser':
      return { ...candidate, user: { ...user, accountEnabled: false } };
    case 'deleteUser':
      // A deleted user's licences are released at once (domain.md §3).
      return { ...candidate, user: { ...user, isDeleted: true, licences: [] } };
  }
}

/** The row as the next sync leaves it without the change (so only the change's own effect is described). */
function rowAfterSync(row: ExistingSyncRow | null, verdict: EligibilityVerdict): ExistingSyncRow | null {
  if (row === null) {
    if (verdict.decision !== 'add' || verdict.accessMode === null) return null;
    return {
      id: '',
      userId: '',
      kind: 'user',
      isEnabled: true,
      accessMode: verdict.accessMode,
      securityRoles: [],
      createdVia: 'backgroundSync',
      internalEmailEditedInEnvironment: false,
    };
  }
  return { ...row, isEnabled: verdict.isEnabled, accessMode: verdict.accessMode ?? row.accessMode };
}

function lineFor(
  environment: Environment,
  candidate: SyncCandidate,
  before: ExistingSyncRow | null,
  after: EligibilityVerdict,
): ImpactLine | null {
  const base = { userId: candidate.user.id, displayName: candidate.user.displayName, environmentId: environment.id, environmentName: environment.name };
  switch (after.decision) {
    case 'add':
      return { ...base, effect: 'add', sentence: after.summary };
    case 'enable':
      return { ...base, effect: 'enable', sentence: after.summary };
    case 'disable':
      return { ...base, effect: 'disable', sentence: after.summary };
    case 'update': {
      if (before === null || after.accessMode === null || after.accessMode === before.accessMode) return null;
      const becomes =
        after.accessMode === 'Administrative'
          ? 'an administrative user (settings only, no access to data)'
          : `${ACCESS_MODE_LABELS[after.accessMode]} (was ${ACCESS_MODE_LABELS[before.accessMode]})`;
      return { ...base, effect: 'accessMode', sentence: `${candidate.user.displayName} stays enabled in ${environment.name} but becomes ${becomes}` };
    }
    default:
      return null;
  }
}

const VERBS: Record<ImpactEffect, string> = { add: 'Adds', enable: 'Enables', disable: 'Disables', accessMode: 'Changes the access mode of' };

function headlineOf(lines: readonly ImpactLine[]): string {
  if (lines.length === 0) return 'No environment changes';
  const first = lines[0];
  if (first && lines.every((l) => l.userId === first.userId && l.effect === first.effect)) {
    const count = new Set(lines.map((l) => l.environmentId)).size;
    return `${VERBS[first.effect]} ${first.displayName} ${first.effect === 'add' ? 'to' : 'in'} ${count === 1 ? first.environmentName : `${count} environments`}`;
  }
  if (first && lines.every((l) => l.effect === first.effect)) {
    const users = new Set(lines.map((l) => l.userId)).size;
    const environments = new Set(lines.map((l) => l.environmentId)).size;
    return `${VERBS[first.effect]} ${users} users ${environments === 1 ? `${first.effect === 'add' ? 'to' : 'in'} ${first.environmentName}` : `across ${environments} environments`}`;
  }
  return `${lines.length} changes in environments`;
}

/**
 * What the change does, environment by environment: the engine's background
 * verdict on the inputs as they will be, read against the rows as the next sync
 * would leave them anyway.
 */
export function computeImpact(
  scopes: readonly { environment: Environment; input: SyncInput }[],
  change: ImpactChange,
  groupName: string | null,
): Impact {
  const lines: ImpactLine[] = [];
  for (const { environment, input } of scopes) {
    const rows = new Map(input.rows.map((r) => [r.userId, r]));
    const envBefore = toEligibilityEnvironment(environment);
    const changedEnvironment = environmentAfter(environment, change, groupName);
    const envAfter = toEligibilityEnvironment(changedEnvironment);
    for (const candidate of input.candidates) {
      const row = rows.get(candidate.user.id) ?? null;
      const nonInteractiveCount = input.nonInteractiveCount - (row !== null && countsAsNonInteractive(row) ? 1 : 0);
      const common = { tenantHasMarketingLicence: input.tenantHasMarketingLicence, trigger: 'background' as const, nonInteractiveCount };
      const before = evaluateEligibility({ ...common, user: candidate.user, environment: envBefore, existingRow: row === null ? null : toEngineRow(row) });
      const settled = rowAfterSync(row, before);
      const after = evaluateEligibility({
        ...common,
        user: candidateAfter(candidate, change).user,
        environment: envAfter,
        existingRow: settled === null ? null : toEngineRow(settled),
      });
      const line = lineFor(changedEnvironment, candidate, settled, after);
      if (line) lines.push(line);
    }
  }
  return { headline: headlineOf(lines), lines };
}
