// Create an application user (seed 002): a row for an application (its
// application id), with '#' as first name, created enabled in access mode
// Non-interactive. It needs no licence and does not count against the limit of
// non-interactive users (R5). Only an environment with a Dataverse database has a
// user table (R0).
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { environmentNotFound, environmentTarget, isSecurityRole } from './environment';
import { authorizeEnvironmentChange } from './environment-permissions';
import { userTableRule } from './evaluate-user';

const APPLICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const APPLICATION_NAME_MAX = 256;

export async function createApplicationUser(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; environmentId: string; name: string; applicationId: string; securityRoles?: readonly string[] },
): Promise<Result<{ id: string; name: string }>> {
  const { actor, tenantId } = command;
  const allowed = authorizeEnvironmentChange(actor, tenantId);
  if (!allowed.ok) return allowed;
  const name = command.name.trim();
  const applicationId = command.applicationId.trim().toLowerCase();
  const securityRoles = [...new Set(command.securityRoles ?? [])];
  const fieldErrors: Record<string, string[]> = {};
  if (!name) fieldErrors.name = ['Enter a name for the application user.'];
  else if (Array.from(name).length > APPLICATION_NAME_MAX) fieldErrors.name = [`Use at most ${APPLICATION_NAME_MAX} characters.`];
  if (!APPLICATION_ID.test(applicationId)) fieldErrors.applicationId = ['Enter the application (client) id, a GUID like 00000000-0000-0000-0000-000000000000.'];
  if (securityRoles.some((r) => !isSecurityRole(r))) fieldErrors.securityRoles = ['Choose security roles from the list.'];
  if (Object.keys(fieldErrors).length) return fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors });
  const now = deps.clock.now();

  return deps.transaction(async (repos) => {
    const environment = await repos.environments.lock(tenantId, command.environmentId);
    if (!environment) return environmentNotFound();
    const r0 = userTableRule(environment);
    if (!r0.passed) return fail('CONFLICT', r0.message, { rule: r0.code, details: { fix: r0.fix } });
    if (await repos.environments.isApplicationIdTaken(tenantId, environment.id, applicationId)) {
      return fail('CONFLICT', `${environment.name} already has an application user for ${applicationId}.`, {
        fieldErrors: { applicationId: ['This application already has an application user here.'] },
      });
    }
    const created = await repos.environments.insertApplicationRow(tenantId, environment.id, { name, applicationId, securityRoles }, now);
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'environment.createApplicationUser',
      target: environmentTarget(environment),
      after: { name, applicationId, securityRoles },
    });
    return ok({ id: created.id, name });
  });
}
