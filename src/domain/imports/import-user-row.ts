// One row of a bulk add, written (domain.md §3, §4, §5, §8): a new user with a
// temporary password, their licences and groups — or, for a sign-in name that exists
// in the tenant, a skip or an update, as the admin chose. All of it in one
// transaction: a row whose licence finds no seat, or whose group has gone, leaves
// nothing behind, and the caller records the failure by itself.
//
// The rules are the single-user form's: the same authorisation function, profile rules
// and repositories as createUser, and assignLicences, addMembers, updateUser and
// setSignInBlocked themselves, run inside this row's transaction (a unit of work that
// hands them the same repositories), so seats are taken under the subscription's lock
// as one by one.
import { generateTemporaryPassword, type RandomBytes } from '../auth/passwords';
import type { PasswordHasher } from '../auth/password-hasher';
import { addMembers } from '../groups/add-members';
import { assignLicences } from '../licences/assign-licences';
import type { Clock } from '../shared/clock';
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type DomainError, type Result } from '../shared/result';
import type { Repositories, Transaction } from '../shared/unit-of-work';
import { setSignInBlocked } from '../users/set-sign-in-blocked';
import { updateUser } from '../users/update-user';
import { PROFILE_FIELD_LABELS, PROFILE_FIELDS, type UserProfile } from '../users/user';
import { auditActor } from '../users/user-audit';
import type { ExistingMode } from './bulk-job';
import { domainNotInTenant, isTenantDomain, signInNameTaken, type NormalisedImportRow, type TenantDomains } from './import-rows';

/** Look-ups by name that the single-user ports do not offer. */
export type ImportLookups = {
  /** The live user holding this (lower-cased) sign-in name anywhere in the portal, or null. */
  liveUserBySignInName(signInNameKey: string): Promise<{ id: string; tenantId: string } | null>;
  /** The tenant's subscriptions with these product names, by lower-cased name. */
  subscriptionsByName(tenantId: string, names: readonly string[]): Promise<Map<string, { id: string; productName: string }>>;
  /** The tenant's groups with these names, by lower-cased name. */
  groupsByName(tenantId: string, names: readonly string[]): Promise<Map<string, { id: string; name: string }>>;
};

export type ImportRepositories = Repositories & { importLookups: ImportLookups };
export type ImportTransaction = <T>(work: (repos: ImportRepositories) => Promise<T>) => Promise<T>;

export type ImportUserRowDeps = { clock: Clock; transaction: ImportTransaction; hasher: PasswordHasher; random: RandomBytes };

/** A temporary password and its hash, made before the transaction (hashing is the slow part). */
export type PreparedCredentials = { temporaryPassword: string; passwordHash: string };

export type ImportUserRowCommand = {
  actor: Actor;
  tenantId: string;
  row: NormalisedImportRow;
  existingMode: ExistingMode;
  credentials?: PreparedCredentials | null;
  /** The tenant's domains, when the caller has them (a job reads them once per run). */
  tenant?: TenantDomains;
};

export type ImportedRow =
  | { outcome: 'created'; userId: string; signInName: string; displayName: string; temporaryPassword: string; message: string }
  | { outcome: 'updated' | 'skipped'; userId: string; signInName: string; displayName: string; message: string };

/** Makes a temporary password and its hash, as createUser does. */
export async function prepareCredentials(deps: { hasher: PasswordHasher; random: RandomBytes }): Promise<PreparedCredentials> {
  const temporaryPassword = generateTemporaryPassword(deps.random);
  return { temporaryPassword, passwordHash: await deps.hasher.hash(temporaryPassword) };
}

/** The error, naming the column it belongs to (details.field) for the row's report. */
function inColumn(error: DomainError, field: string): { ok: false; error: DomainError } {
  const column = error.rule === 'USAGE_LOCATION_REQUIRED' ? 'usageLocation' : field;
  return { ok: false, error: { ...error, details: { ...error.details, field: column } } };
}

const rowFailure = (field: string, code: string, message: string) => fail('CONFLICT', message, { rule: code, details: { field } });

const nonEmpty = (profile: UserProfile) => Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== null && v !== ''));

export async function importUserRow(deps: ImportUserRowDeps, command: ImportUserRowCommand): Promise<Result<ImportedRow>> {
  const { actor, tenantId, row } = command;
  const now = deps.clock.now();

  return deps.transaction(async (repos) => {
    // The use cases below open "their" transaction on this one.
    const inner: Transaction = (work) => work(repos);
    const innerDeps = { clock: deps.clock, transaction: inner };

    const tenant = command.tenant ?? (await repos.tenants.getById(tenantId));
    if (!tenant) return fail('NOT_FOUND', 'Tenant not found.');
    if (!isTenantDomain(tenant, row.signInName)) {
      const e = domainNotInTenant(tenant, row.signInName);
      return rowFailure(e.field, e.code, e.message);
    }

    // Names first: a licence or group deleted since the preview fails the row before anything is written.
    const subscriptions = await repos.importLookups.subscriptionsByName(tenantId, row.licenceNames);
    const missingLicences = row.licenceNames.filter((n) => !subscriptions.has(n.toLowerCase()));
    if (missingLicences.length) {
      return rowFailure('licences', 'UNKNOWN_LICENCE', `${missingLicences.map((n) => `“${n}”`).join(', ')} is no longer a subscription of this tenant.`);
    }
    const groups = await repos.importLookups.groupsByName(tenantId, row.groupNames);
    const missingGroups = row.groupNames.filter((n) => !groups.has(n.toLowerCase()));
    if (missingGroups.length) {
      return rowFailure('groups', 'UNKNOWN_GROUP', `${missingGroups.map((n) => `“${n}”`).join(', ')} is no longer a group of this tenant.`);
    }
    const subscriptionIds = row.licenceNames.map((n) => subscriptions.get(n.toLowerCase())?.id).filter((id): id is string => Boolean(id));
    const groupIds = row.groupNames.map((n) => groups.get(n.toLowerCase())?.id).filter((id): id is string => Boolean(id));

    const existing = await repos.importLookups.liveUserBySignInName(row.signInNameKey);
    if (existing && existing.tenantId !== tenantId) {
      const e = signInNameTaken(row.signInName);
      return rowFailure(e.field, e.code, e.message);
    }
    const by = { id: actor.userId, name: actor.displayName };

    if (existing) {
      const user = await repos.users.getById(tenantId, existing.id);
      if (!user) return fail('NOT_FOUND', 'User not found.');
      const base = { userId: user.id, signInName: user.signInName, displayName: user.displayName };
      if (command.existingMode === 'skip') return ok({ outcome: 'skipped', ...base, message: `${user.signInName} already exists: skipped.` });

      const changed: string[] = [];
      const current = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, user[f]])) as UserProfile;
      const profile: UserProfile = { ...current };
      for (const field of row.provided) (profile as Record<string, string | null>)[field] = row.profile[field];
      const updated = await updateUser(innerDeps, { actor, tenantId, userId: user.id, expectedRowVersion: user.rowVersion, profile });
      if (!updated.ok) return inColumn(updated.error, 'row');
      changed.push(...updated.value.changed.map((f) => (f in PROFILE_FIELD_LABELS ? PROFILE_FIELD_LABELS[f as keyof typeof PROFILE_FIELD_LABELS] : f).toLowerCase()));

      if (row.blockSignIn !== null && row.blockSignIn === user.accountEnabled) {
        const blocked = await setSignInBlocked(innerDeps, { actor, tenantId, userId: user.id, blocked: row.blockSignIn });
        if (!blocked.ok) return inColumn(blocked.error, 'blockSignIn');
        if (blocked.value.changed) changed.push(row.blockSignIn ? 'sign-in blocked' : 'sign-in unblocked');
      }
      if (subscriptionIds.length) {
        const assigned = await assignLicences(innerDeps, { actor, tenantId, userId: user.id, subscriptionIds });
        if (!assigned.ok) return inColumn(assigned.error, 'licences');
        if (assigned.value.assigned.length) changed.push(`licences ${assigned.value.assigned.join(', ')}`);
      }
      for (const groupId of groupIds) {
        const added = await addMembers(innerDeps, { actor, tenantId, groupId, userIds: [user.id], groupIds: [] });
        if (!added.ok) return inColumn(added.error, 'groups');
        if (added.value.added.length) changed.push(`group ${added.value.group.name}`);
      }
      const name = row.provided.includes('displayName') ? row.profile.displayName : user.displayName;
      return changed.length
        ? ok({ outcome: 'updated', ...base, displayName: name, message: `Updated: ${changed.join('; ')}.` })
        : ok({ outcome: 'skipped', ...base, message: `${user.signInName} is already up to date: nothing to change.` });
    }

    const allowed = authorize({ actor, tenantId, action: 'user.create' });
    if (!allowed.ok) return allowed;
    const credentials = command.credentials ?? (await prepareCredentials(deps));
    const accountEnabled = !(row.blockSignIn ?? false);
    const created = await repos.users.create(
      tenantId,
      { ...row.profile, kind: 'member', signInName: row.signInName, accountEnabled, passwordHash: credentials.passwordHash, mustChangePassword: true, roles: [] },
      by,
      now,
    );
    // Another admin created the name at the same moment: the unique index let theirs through.
    if (created === 'SIGN_IN_NAME_TAKEN') {
      const e = signInNameTaken(row.signInName);
      return rowFailure(e.field, e.code, e.message);
    }
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'user.create',
      target: { type: 'user', id: created.id, name: row.profile.displayName },
      after: { signInName: row.signInName, ...nonEmpty(row.profile), accountEnabled, roles: [] },
      detail: 'Created by a bulk add from a spreadsheet.',
    });

    const extras: string[] = [];
    if (subscriptionIds.length) {
      const assigned = await assignLicences(innerDeps, { actor, tenantId, userId: created.id, subscriptionIds });
      if (!assigned.ok) return inColumn(assigned.error, 'licences');
      if (assigned.value.assigned.length) extras.push(`licences ${assigned.value.assigned.join(', ')}`);
    }
    for (const groupId of groupIds) {
      const added = await addMembers(innerDeps, { actor, tenantId, groupId, userIds: [created.id], groupIds: [] });
      if (!added.ok) return inColumn(added.error, 'groups');
      extras.push(`group ${added.value.group.name}`);
    }
    return ok({
      outcome: 'created',
      userId: created.id,
      signInName: row.signInName,
      displayName: row.profile.displayName,
      temporaryPassword: credentials.temporaryPassword,
      message: `Created${accountEnabled ? '' : ' with sign-in blocked'}${extras.length ? `, with ${extras.join('; ')}` : ''}.`,
    });
  });
}
