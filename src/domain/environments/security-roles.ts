// Assign and remove security roles on a row (domain.md §7, R6). A role can be
// assigned only to an enabled row, unless the environment allows role assignment
// on disabled users (canAssignSecurityRole). Removing is always possible. The
// placeholders' roles are managed by the service.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { rowNotFound } from './change-access-mode';
import { environmentNotFound, environmentTarget, isSecurityRole, SECURITY_ROLES } from './environment';
import { authorizeEnvironmentChange } from './environment-permissions';
import { canAssignSecurityRole } from './field-sync';

type Command = { actor: Actor; tenantId: string; environmentId: string; rowId: string; role: string; change: 'assign' | 'remove' };

export async function changeSecurityRole(
  deps: { clock: Clock; transaction: Transaction },
  command: Command,
): Promise<Result<{ changed: boolean; securityRoles: string[] }>> {
  const { actor, tenantId, role } = command;
  const allowed = authorizeEnvironmentChange(actor, tenantId);
  if (!allowed.ok) return allowed;
  if (!isSecurityRole(role)) {
    return fail('VALIDATION', 'Choose a security role.', { fieldErrors: { role: [`Choose one of ${SECURITY_ROLES.join(', ')}.`] } });
  }
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const environment = await repos.environments.getById(tenantId, command.environmentId);
    if (!environment) return environmentNotFound();
    const row = await repos.environments.getRow(tenantId, environment.id, command.rowId);
    if (!row) return rowNotFound();
    const name = row.fullName ?? row.signInName ?? 'This user';
    if (row.kind === 'supportUser' || row.kind === 'delegatedAdmin') {
      return fail('CONFLICT', `${name} is a placeholder; its security roles are managed by the service.`);
    }
    const has = row.securityRoles.includes(role);
    if (command.change === 'assign') {
      if (has) return ok({ changed: false, securityRoles: row.securityRoles });
      const may = canAssignSecurityRole(row, environment);
      if (!may.ok) return may;
    } else if (!has) {
      return ok({ changed: false, securityRoles: row.securityRoles });
    }
    const securityRoles = command.change === 'assign' ? [...row.securityRoles, role] : row.securityRoles.filter((r) => r !== role);
    await repos.environments.setSecurityRoles(tenantId, environment.id, row.id, securityRoles, now);
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: command.change === 'assign' ? 'environment.assignSecurityRole' : 'environment.removeSecurityRole',
      target: environmentTarget(environment),
      before: { user: name, securityRoles: row.securityRoles },
      after: { user: name, securityRoles },
    });
    return ok({ changed: true, securityRoles });
  });
}
