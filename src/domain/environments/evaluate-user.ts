// Reading the engine's verdict for one user without writing anything: for the
// Add user preview, the user page's environment lines and diagnostics.
import { evaluateEligibility, type EligibilityVerdict, type RuleResult, type SyncTrigger } from './eligibility';
import { toEligibilityEnvironment, type Environment } from './environment';
import type { EnvironmentRepository } from './environment-repository';
import { planSync, type ExistingSyncRow, type SyncCandidate } from './sync-plan';

export type UserEvaluation = {
  verdict: EligibilityVerdict;
  candidate: SyncCandidate;
  row: ExistingSyncRow | null;
};

/** The engine's verdict for `userId` in `environment` with `trigger`; null when the tenant has no such user. */
export async function evaluateUser(
  repo: EnvironmentRepository,
  environment: Environment,
  userId: string,
  trigger: SyncTrigger,
): Promise<UserEvaluation | null> {
  const input = await repo.loadSyncInput(environment.tenantId, environment, [userId]);
  const candidate = input.candidates.find((c) => c.user.id === userId);
  if (!candidate) return null;
  const verdict = planSync(environment, input, { trigger, createdVia: 'onDemand' }).verdicts.get(userId);
  if (!verdict) return null;
  return { verdict, candidate, row: input.rows.find((r) => r.userId === userId) ?? null };
}

/**
 * R0 as the engine states it, for rows that do not come from a directory user
 * (application users, imported stubs): an environment without a Dataverse database
 * has no user table at all.
 */
export function userTableRule(environment: Environment): RuleResult {
  const verdict = evaluateEligibility({
    user: {
      id: '',
      kind: 'application',
      accountEnabled: true,
      isDeleted: false,
      homeTenantId: environment.tenantId,
      displayName: 'This user',
      adminRoles: [],
      licences: [],
      directGroupIds: [],
      ownedGroupIds: [],
    },
    environment: toEligibilityEnvironment(environment),
    tenantHasMarketingLicence: false,
    trigger: 'onDemand',
    existingRow: null,
    nonInteractiveCount: 0,
  });
  const rule = verdict.rules.find((r) => r.code === 'R0_DATAVERSE');
  if (!rule) throw new Error('the engine reported no R0_DATAVERSE');
  return rule;
}

/** The first deciding rule that failed, for a Result's `rule`. */
export const firstFailedRule = (verdict: EligibilityVerdict): string | undefined =>
  verdict.rules.find((r) => !r.passed && r.code !== 'R6_SECURITY_ROLE')?.code;
