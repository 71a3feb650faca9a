// Create a user (seeds 000/001/003/004): the server generates the temporary
// password, which is returned once and never stored in plain text.
import { generateTemporaryPassword, type RandomBytes } from '../auth/passwords';
import type { PasswordHasher } from '../auth/password-hasher';
import type { Clock } from '../shared/clock';
import { assignableRoles, authorize, roleName, type Actor, type RoleId } from '../shared/permissions';
import { fail, ok, type DomainError, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { composeSignInName, suggestSignInNames, type SignInMethod } from './sign-in-name';
import { signInNameKey, type UserProfile } from './user';
import { auditActor } from './user-audit';
import { checkProfile } from './profile-rules';

export type CreateUserDeps = { clock: Clock; transaction: Transaction; hasher: PasswordHasher; random: RandomBytes };

export type CreateUserCommand = {
  actor: Actor;
  tenantId: string;
  signInMethod: SignInMethod;
  /** The email address (method email) or the username (method username). */
  signInValue: string;
  profile: UserProfile;
  blockSignIn: boolean;
  roles: RoleId[];
};

export type CreatedUser = { id: string; displayName: string; signInName: string; temporaryPassword: string };

export async function createUser(deps: CreateUserDeps, command: CreateUserCommand): Promise<Result<CreatedUser>> {
  const { actor, tenantId } = command;
  const allowed = authorize({ actor, tenantId, action: 'user.create' });
  if (!allowed.ok) return allowed;
  const roleCheck = checkGrantableRoles(actor, command.roles);
  if (!roleCheck.ok) return roleCheck;
  const profileCheck = checkProfile(command.profile);
  if (!profileCheck.ok) return profileCheck;

  const now = deps.clock.now();
  const temporaryPassword = generateTemporaryPassword(deps.random);
  const passwordHash = await deps.hasher.hash(temporaryPassword);
  const field = command.signInMethod === 'email' ? 'email' : 'username';

  const result = await deps.transaction(async (repos) => {
    const tenant = await repos.tenants.getById(tenantId);
    if (!tenant) return fail('NOT_FOUND', 'Tenant not found.');
    const composed = composeSignInName(command.signInMethod, command.signInValue, tenant.primaryDomain);
    if (!composed.ok) return composed;
    const signInName = composed.value;
    if (await repos.users.isSignInNameTaken(signInNameKey(signInName))) return taken(signInName, field);

    const created = await repos.users.create(
      tenantId,
      {
        ...profileCheck.value,
        kind: 'member',
        signInName,
        accountEnabled: !command.blockSignIn,
        passwordHash,
        mustChangePassword: true,
        roles: command.roles,
      },
      { id: actor.userId, name: actor.displayName },
      now,
    );
    // Two admins, one name, the same instant: the unique index lets exactly one through.
    if (created === 'SIGN_IN_NAME_TAKEN') return taken(signInName, field);
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'user.create',
      target: { type: 'user', id: created.id, name: profileCheck.value.displayName },
      after: { signInName, ...nonEmpty(profileCheck.value), accountEnabled: !command.blockSignIn, roles: command.roles.map(roleName) },
    });
    return ok({ id: created.id, displayName: profileCheck.value.displayName, signInName, temporaryPassword });
  });

  if (!result.ok && result.error.rule === 'SIGN_IN_NAME_TAKEN') return withSuggestions(deps, result.error, command.profile);
  return result;
}

function taken(signInName: string, field: string) {
  return fail('CONFLICT', `${signInName} is already taken. Try a variation.`, {
    rule: 'SIGN_IN_NAME_TAKEN',
    fieldErrors: { [field]: [`${signInName} is already taken. Try a variation.`] },
    details: { signInName, field },
  });
}

/** Suggestions are looked up in a fresh transaction: the failed insert aborted the first. */
export async function withSuggestions(
  deps: { transaction: Transaction; clock: Clock },
  error: DomainError,
  person: { firstName?: string | null; lastName?: string | null },
): Promise<Result<never>> {
  const signInName = String(error.details?.signInName ?? '');
  const suggestions = await deps.transaction((repos) =>
    suggestSignInNames(signInName, person, (keys) => repos.users.takenSignInNames(keys), { year: deps.clock.now().getUTCFullYear() }),
  );
  return { ok: false, error: { ...error, details: { ...error.details, suggestions } } };
}

export function checkGrantableRoles(actor: Actor, roles: readonly RoleId[]): Result<void> {
  if (!roles.length) return ok(undefined);
  const grantable = assignableRoles(actor.roles);
  const refused = roles.filter((r) => !grantable.includes(r));
  if (refused.length) {
    return fail('FORBIDDEN', `You cannot assign ${refused.map(roleName).join(', ')}: only Global Administrators and Privileged Role Administrators assign roles.`, {
      rule: 'ROLE_ABOVE_GRANT',
      fieldErrors: { roles: [`You cannot assign ${refused.map(roleName).join(', ')}.`] },
    });
  }
  return ok(undefined);
}

const nonEmpty = (profile: UserProfile) => Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== null && v !== ''));
