// Change a row's access mode (domain.md §7). Most access modes follow from the
// user (a licensed user is Read-Write, an unlicensed administrator Administrative,
// a non-interactive account Non-interactive), and the sync re-applies them; so a
// change is accepted only when the engine, reading the row with the new mode,
// keeps it — otherwise the next sync would silently undo it. The placeholders'
// modes (support user, delegated admin) are fixed.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { evaluateEligibility, type AccessMode } from './eligibility';
import { ACCESS_MODE_LABELS, ASSIGNABLE_ACCESS_MODES, environmentNotFound, environmentTarget, toEligibilityEnvironment } from './environment';
import { authorizeEnvironmentChange } from './environment-permissions';
import { countsAsNonInteractive, toEngineRow } from './sync-plan';

export const rowNotFound = () => fail('NOT_FOUND', 'That user is not in the environment’s user table.');

export async function changeAccessMode(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; environmentId: string; rowId: string; accessMode: string },
): Promise<Result<{ changed: boolean; accessMode: AccessMode }>> {
  const { actor, tenantId } = command;
  const allowed = authorizeEnvironmentChange(actor, tenantId);
  if (!allowed.ok) return allowed;
  const accessMode = ASSIGNABLE_ACCESS_MODES.find((m) => m === command.accessMode);
  if (!accessMode) {
    return fail('VALIDATION', 'Choose an access mode.', { fieldErrors: { accessMode: [`Choose one of ${ASSIGNABLE_ACCESS_MODES.map((m) => ACCESS_MODE_LABELS[m]).join(', ')}.`] } });
  }
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const environment = await repos.environments.lock(tenantId, command.environmentId);
    if (!environment) return environmentNotFound();
    const row = await repos.environments.getRow(tenantId, environment.id, command.rowId);
    if (!row) return rowNotFound();
    const name = row.fullName ?? row.signInName ?? 'This user';
    if (row.kind !== 'user' || row.userId === null) {
      return fail('CONFLICT', `The access mode of ${name} is fixed: it is ${row.kind === 'stub' ? 'an imported stub' : row.kind === 'application' ? 'an application user' : 'a placeholder'}.`, {
        fieldErrors: { accessMode: ['This row’s access mode cannot be changed.'] },
      });
    }
    if (row.accessMode === accessMode) return ok({ changed: false, accessMode });

    const input = await repos.environments.loadSyncInput(tenantId, environment, [row.userId]);
    const candidate = input.candidates.find((c) => c.user.id === row.userId);
    if (candidate) {
      const own = countsAsNonInteractive(row) ? 1 : 0;
      const verdict = evaluateEligibility({
        user: candidate.user,
        environment: toEligibilityEnvironment(environment),
        tenantHasMarketingLicence: input.tenantHasMarketingLicence,
        trigger: 'background',
        existingRow: toEngineRow({ ...row, accessMode }),
        nonInteractiveCount: input.nonInteractiveCount - own,
      });
      if (verdict.accessMode !== null && verdict.accessMode !== accessMode) {
        const kept = ACCESS_MODE_LABELS[verdict.accessMode];
        return fail(
          'CONFLICT',
          `${candidate.user.displayName} cannot be ${ACCESS_MODE_LABELS[accessMode]} here: the sync derives this access mode from the account and its licences, and would set it back to ${kept} at the next run.`,
          { rule: 'ACCESS_MODE_DERIVED', fieldErrors: { accessMode: [`The sync keeps ${candidate.user.displayName} at ${kept}.`] } },
        );
      }
    }
    await repos.environments.setAccessMode(tenantId, environment.id, row.id, accessMode, now);
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'environment.changeAccessMode',
      target: environmentTarget(environment),
      before: { user: name, accessMode: row.accessMode },
      after: { user: name, accessMode },
    });
    return ok({ changed: true, accessMode });
  });
}
