// The user life cycle (issue "Users and the account life cycle", domain.md §2–§3)
// through the domain's use cases and the in-memory ports: create with a temporary
// password and name suggestions, edit with optimistic concurrency, reset, delete,
// restore within 30 days, purge (by hand and by the job), bulk operations.
// Time comes from a manual clock; nothing here waits.
import { describe, expect, it } from 'vitest';
import { DIGITS, LOWER, SYMBOLS, TEMPORARY_PASSWORD_LENGTH, UPPER } from '@/domain/auth/passwords';
import { DAY, HOUR, manualClock, SECOND } from '@/domain/shared/clock';
import { roleName, type Actor, type RoleId } from '@/domain/shared/permissions';
import type { DomainError, Result } from '@/domain/shared/result';
import type { Transaction } from '@/domain/shared/unit-of-work';
import { bulkUserOperation, type BulkOperation } from '@/domain/users/bulk-user-operation';
import { createUser, type CreateUserCommand } from '@/domain/users/create-user';
import { deleteUser } from '@/domain/users/delete-user';
import { purgeExpiredUsers } from '@/domain/users/purge-expired-users';
import { purgeUser } from '@/domain/users/purge-user';
import { resetPassword } from '@/domain/users/reset-password';
import { daysLeft, restoreUser } from '@/domain/users/restore-user';
import { suggestSignInNames } from '@/domain/users/sign-in-name';
import { updateUser } from '@/domain/users/update-user';
import { PROFILE_FIELDS, signInNameKey, type UserProfile } from '@/domain/users/user';
import {
  actorFor,
  aSubscription,
  aTenant,
  aUser,
  FakeHasher,
  InMemoryDirectory,
  seededRandom,
  type StoredSubscription,
  type StoredUser,
} from '../support/in-memory-repositories';

const CONTOSO = 'tenant-contoso';
const FABRIKAM = 'tenant-fabrikam';
const T0 = new Date('2025-03-01T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const E3 = aSubscription({ id: 'sub-e3', tenantId: CONTOSO, productName: 'Office 365 E3', seats: 1 });
const VISIO = aSubscription({ id: 'sub-visio', tenantId: CONTOSO, productName: 'Visio Plan 2', seats: 5 });

const contosoUser = (id: string, displayName: string, roles: RoleId[], overrides: Partial<StoredUser> = {}) =>
  aUser({ id, tenantId: CONTOSO, displayName, signInName: `${id}@contoso.example`, roles, ...overrides });

/** Contoso's staff: one Global Administrator and one holder of each other role, plus two ordinary users. */
const staff = (): StoredUser[] => [
  contosoUser('ga', 'Gloria Admin', ['globalAdministrator']),
  contosoUser('useradmin', 'Uma Users', ['userAdministrator']),
  contosoUser('writer', 'Walt Writer', ['directoryWriters']),
  contosoUser('helpdesk', 'Hank Helpdesk', ['helpdeskAdministrator']),
  contosoUser('licadmin', 'Lena Licences', ['licenseAdministrator']),
  contosoUser('pra', 'Priya Roles', ['privilegedRoleAdministrator']),
  contosoUser('paa', 'Paul Auth', ['privilegedAuthenticationAdministrator']),
  contosoUser('reader', 'Rita Reader', ['globalReader']),
  contosoUser('mary', 'Mary Parker', [], {
    firstName: 'Mary',
    lastName: 'Parker',
    signInName: 'mary.parker@contoso.example',
    jobTitle: 'Analyst',
    rowVersion: 3,
  }),
  contosoUser('bob', 'Bob Brown', []),
  aUser({ id: 'fay', tenantId: FABRIKAM, displayName: 'Fay Fabrikam', signInName: 'fay@fabrikam.example', roles: ['globalAdministrator'] }),
];

const secondGlobalAdmin = (overrides: Partial<StoredUser> = {}) => contosoUser('ga2', 'Gus Admin', ['globalAdministrator'], overrides);

/** A partner's agent working in Contoso with Global Administrator rights: the one GA-powered actor who is not a Contoso user. */
const PARTNER_AGENT: Actor = {
  userId: 'agent',
  displayName: 'Pat Partner',
  tenantId: CONTOSO,
  roles: ['globalAdministrator'],
  onBehalfOf: { partnerTenantId: 'tenant-partner', partnerName: 'Partner Ltd', relationshipId: 'rel-1' },
};

function setup(seed: { users?: StoredUser[]; subscriptions?: StoredSubscription[] } = {}) {
  const clock = manualClock(T0);
  const directory = new InMemoryDirectory({
    tenants: [
      aTenant({ id: CONTOSO, name: 'Contoso', primaryDomain: 'contoso.example', domains: ['contoso.example', 'contoso-mail.example'] }),
      aTenant({ id: FABRIKAM, name: 'Fabrikam', primaryDomain: 'fabrikam.example' }),
    ],
    users: [...staff(), ...(seed.users ?? [])],
    subscriptions: seed.subscriptions ?? [],
  });
  const hasher = new FakeHasher();
  const deps = { clock, transaction: directory.transaction, hasher, random: seededRandom(7) };
  const actor = (id: string): Actor => (id === PARTNER_AGENT.userId ? PARTNER_AGENT : actorFor(directory.user(id)));
  return { clock, directory, hasher, deps, actor };
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function errorOf(result: Result<unknown>): DomainError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const stateOf = (directory: InMemoryDirectory) =>
  structuredClone({ users: directory.users, sessions: directory.sessions, licences: directory.licenceAssignments, audit: directory.audit });

const profileOf = (user: StoredUser): UserProfile => {
  const profile: UserProfile = { ...EMPTY_PROFILE, displayName: user.displayName };
  for (const field of PROFILE_FIELDS) if (field !== 'displayName') profile[field] = user[field];
  return profile;
};

const EMPTY_PROFILE: UserProfile = {
  displayName: '',
  firstName: null,
  lastName: null,
  jobTitle: null,
  department: null,
  officeLocation: null,
  officePhone: null,
  mobilePhone: null,
  faxNumber: null,
  streetAddress: null,
  city: null,
  stateOrProvince: null,
  postalCode: null,
  countryOrRegion: null,
  usageLocation: null,
  alternateEmail: null,
};

const hasAllCharacterClasses = (password: string) =>
  [UPPER, LOWER, DIGITS, SYMBOLS].every((alphabet) => [...password].some((c) => alphabet.includes(c)));

// ---------------------------------------------------------------------------------------------

describe('createUser', () => {
  const nora = (overrides: Partial<UserProfile> = {}): UserProfile => ({
    ...EMPTY_PROFILE,
    displayName: 'Nora Quinn',
    firstName: 'Nora',
    lastName: 'Quinn',
    usageLocation: 'GB',
    ...overrides,
  });

  function creating(overrides: Partial<CreateUserCommand> & { by?: string } = {}) {
    const context = setup({ users: [aUser({ id: 'old', tenantId: CONTOSO, signInName: 'former@contoso.example', deletedAt: at(-DAY) })] });
    const { by = 'ga', ...rest } = overrides;
    const command: CreateUserCommand = {
      actor: context.actor(by),
      tenantId: CONTOSO,
      signInMethod: 'email',
      signInValue: 'nora.quinn@contoso.example',
      profile: nora(),
      blockSignIn: false,
      roles: [],
      ...rest,
    };
    return { ...context, create: () => createUser(context.deps, command) };
  }

  it.each([
    { method: 'email' as const, value: 'Nora.Quinn@contoso-mail.example', signInName: 'Nora.Quinn@contoso-mail.example' },
    { method: 'username' as const, value: 'nora.quinn', signInName: 'nora.quinn@contoso.example' },
    { method: 'username' as const, value: '  nquinn  ', signInName: 'nquinn@contoso.example' },
  ])('sign-in by $method "$value" → $signInName', async ({ method, value, signInName }) => {
    const { create, directory } = creating({ signInMethod: method, signInValue: value });
    const created = valueOf(await create());
    expect(created).toMatchObject({ displayName: 'Nora Quinn', signInName });
    expect(directory.user(created.id)).toMatchObject({
      tenantId: CONTOSO,
      kind: 'member',
      signInName,
      accountEnabled: true,
      mustChangePassword: true,
      roles: [],
      createdAt: T0,
      updatedByName: 'Gloria Admin',
    });
  });

  it('returns the temporary password once: at least 16 characters of all four classes, stored only as a hash, never audited', async () => {
    const { create, directory, hasher } = creating();
    const { id, temporaryPassword } = valueOf(await create());

    expect(temporaryPassword.length).toBeGreaterThanOrEqual(TEMPORARY_PASSWORD_LENGTH);
    expect(hasAllCharacterClasses(temporaryPassword)).toBe(true);
    expect(hasher.calls).toEqual([{ method: 'hash', password: temporaryPassword }]);
    expect(directory.user(id)).toMatchObject({ passwordHash: FakeHasher.hashOf(temporaryPassword), mustChangePassword: true });
    expect(JSON.stringify(directory.users)).not.toContain(`"${temporaryPassword}"`);

    expect(directory.audit).toEqual([
      expect.objectContaining({
        tenantId: CONTOSO,
        occurredAt: T0,
        action: 'user.create',
        actor: { userId: 'ga', displayName: 'Gloria Admin', onBehalfOf: null },
        target: { type: 'user', id, name: 'Nora Quinn' },
        after: expect.objectContaining({ signInName: 'nora.quinn@contoso.example', accountEnabled: true, roles: [] }),
      }),
    ]);
    const audited = JSON.stringify(directory.audit);
    expect(audited).not.toContain(temporaryPassword);
    expect(audited).not.toContain(FakeHasher.hashOf(temporaryPassword));
    expect(audited.toLowerCase()).not.toContain('password');
  });

  it('gives every user a different temporary password', async () => {
    const { deps, actor } = setup();
    const make = (value: string) =>
      createUser(deps, {
        actor: actor('ga'),
        tenantId: CONTOSO,
        signInMethod: 'username',
        signInValue: value,
        profile: nora({ displayName: value }),
        blockSignIn: false,
        roles: [],
      });
    const first = valueOf(await make('one'));
    const second = valueOf(await make('two'));
    expect(first.temporaryPassword).not.toBe(second.temporaryPassword);
  });

  it('the block sign-in switch creates the user disabled', async () => {
    const { create, directory } = creating({ blockSignIn: true });
    const { id } = valueOf(await create());
    expect(directory.user(id).accountEnabled).toBe(false);
    expect(directory.audit[0]?.after).toMatchObject({ accountEnabled: false });
  });

  it('keeps the profile it was given, trimmed and with the usage location as a country code', async () => {
    const { create, directory } = creating({ profile: nora({ displayName: '  Nora Quinn ', jobTitle: 'Buyer', department: '', usageLocation: 'de' }) });
    const { id } = valueOf(await create());
    expect(directory.user(id)).toMatchObject({ displayName: 'Nora Quinn', jobTitle: 'Buyer', department: null, usageLocation: 'DE' });
  });

  it.each([
    { label: 'an invalid email', signInMethod: 'email' as const, signInValue: 'nora.quinn', profile: {}, field: 'email' },
    { label: 'an email with two @', signInMethod: 'email' as const, signInValue: 'nora@quinn@contoso.example', profile: {}, field: 'email' },
    { label: 'an empty email', signInMethod: 'email' as const, signInValue: '   ', profile: {}, field: 'email' },
    { label: 'a username with @', signInMethod: 'username' as const, signInValue: 'nora@contoso.example', profile: {}, field: 'username' },
    { label: 'a username with a space', signInMethod: 'username' as const, signInValue: 'nora quinn', profile: {}, field: 'username' },
    { label: 'a username ending in a dot', signInMethod: 'username' as const, signInValue: 'nora.', profile: {}, field: 'username' },
    { label: 'an empty username', signInMethod: 'username' as const, signInValue: '', profile: {}, field: 'username' },
    { label: 'no display name', signInMethod: 'email' as const, signInValue: 'nora@contoso.example', profile: { displayName: '   ' }, field: 'displayName' },
    { label: 'a country name as usage location', signInMethod: 'email' as const, signInValue: 'nora@contoso.example', profile: { usageLocation: 'Germany' }, field: 'usageLocation' },
    { label: 'an unknown country code', signInMethod: 'email' as const, signInValue: 'nora@contoso.example', profile: { usageLocation: 'XX' }, field: 'usageLocation' },
  ])('refuses $label with a field error on $field, storing nothing', async ({ signInMethod, signInValue, profile, field }) => {
    const { create, directory } = creating({ signInMethod, signInValue, profile: nora(profile) });
    const before = stateOf(directory);
    const error = errorOf(await create());
    expect(error.code).toBe('VALIDATION');
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    expect(error.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(stateOf(directory)).toEqual(before);
  });

  it.each([
    { by: 'ga', roles: ['userAdministrator', 'helpdeskAdministrator'] as RoleId[], outcome: 'created' },
    { by: 'ga', roles: ['globalAdministrator'] as RoleId[], outcome: 'created' },
    { by: 'useradmin', roles: [] as RoleId[], outcome: 'created' },
    { by: 'writer', roles: [] as RoleId[], outcome: 'created' },
    { by: 'useradmin', roles: ['helpdeskAdministrator'] as RoleId[], outcome: 'ROLE_ABOVE_GRANT' },
    { by: 'writer', roles: ['globalReader'] as RoleId[], outcome: 'ROLE_ABOVE_GRANT' },
    { by: 'pra', roles: ['helpdeskAdministrator'] as RoleId[], outcome: 'ROLE_REQUIRED' },
    { by: 'helpdesk', roles: [] as RoleId[], outcome: 'ROLE_REQUIRED' },
    { by: 'licadmin', roles: [] as RoleId[], outcome: 'ROLE_REQUIRED' },
    { by: 'reader', roles: [] as RoleId[], outcome: 'ROLE_REQUIRED' },
    { by: 'bob', roles: [] as RoleId[], outcome: 'ROLE_REQUIRED' },
  ])('$by creating with roles $roles → $outcome', async ({ by, roles, outcome }) => {
    const { create, directory } = creating({ by, roles });
    const before = stateOf(directory);
    const result = await create();
    if (outcome === 'created') {
      const { id } = valueOf(result);
      expect(directory.user(id).roles).toEqual(roles);
      expect(directory.audit[0]?.after).toMatchObject({ roles: roles.map(roleName) });
      return;
    }
    const error = errorOf(result);
    expect(error).toMatchObject({ code: 'FORBIDDEN', rule: outcome });
    if (outcome === 'ROLE_ABOVE_GRANT') expect(error.fieldErrors?.roles?.[0]).toMatch(/cannot assign/);
    expect(stateOf(directory)).toEqual(before);
  });

  it('audits the names of the roles given', async () => {
    const { create, directory } = creating({ roles: ['helpdeskAdministrator'] });
    valueOf(await create());
    expect(directory.audit[0]?.after).toMatchObject({ roles: ['Helpdesk Administrator'] });
  });

  it.each([
    { label: 'another tenant\'s Global Administrator', by: 'fay', tenantId: CONTOSO },
    { label: 'a Global Administrator, in a tenant that does not exist', by: 'ga', tenantId: 'tenant-nowhere' },
  ])('$label gets NOT_FOUND', async ({ by, tenantId }) => {
    const { create, directory } = creating({ by, tenantId });
    const before = stateOf(directory);
    expect(errorOf(await create()).code).toBe('NOT_FOUND');
    expect(stateOf(directory)).toEqual(before);
  });

  describe('a sign-in name already taken by a live user', () => {
    it.each([
      { signInMethod: 'email' as const, signInValue: 'mary.parker@contoso.example', field: 'email' },
      { signInMethod: 'email' as const, signInValue: 'MARY.Parker@Contoso.Example', field: 'email' },
      { signInMethod: 'username' as const, signInValue: 'Mary.Parker', field: 'username' },
    ])('$signInMethod "$signInValue" → CONFLICT beside $field with three free suggestions', async ({ signInMethod, signInValue, field }) => {
      const { create, directory } = creating({
        signInMethod,
        signInValue,
        profile: nora({ displayName: 'Mary Parker', firstName: 'Mary', lastName: 'Parker' }),
      });
      // The first variation is taken as well, so it must be skipped.
      directory.addUser(contosoUser('mparker', 'M. Parker', []));
      const before = stateOf(directory);

      const error = errorOf(await create());
      expect(error).toMatchObject({ code: 'CONFLICT', rule: 'SIGN_IN_NAME_TAKEN' });
      expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
      expect(error.fieldErrors?.[field]?.[0]).toMatch(/already taken/);

      const suggestions = error.details?.suggestions;
      expect(suggestions).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
      const names = suggestions as string[];
      expect(names).not.toContain('mparker@contoso.example');
      expect(new Set(names.map(signInNameKey)).size).toBe(3);
      for (const name of names) {
        expect(name).toMatch(/@contoso\.example$/i);
        expect(await directory.userRepository.isSignInNameTaken(signInNameKey(name))).toBe(false);
      }
      expect(stateOf(directory)).toEqual(before);
    });

    it('a suggestion can be used straight away', async () => {
      const { create, deps, actor, directory } = creating({ signInValue: 'mary.parker@contoso.example' });
      const [suggestion] = (errorOf(await create()).details?.suggestions ?? []) as string[];
      expect(suggestion).toBeDefined();
      const created = valueOf(
        await createUser(deps, {
          actor: actor('ga'),
          tenantId: CONTOSO,
          signInMethod: 'email',
          signInValue: suggestion ?? '',
          profile: nora(),
          blockSignIn: false,
          roles: [],
        }),
      );
      expect(directory.user(created.id).signInName).toBe(suggestion);
    });

    it('two admins, one name, the same instant: the insert refused by the store is the same conflict', async () => {
      const { deps, actor, directory } = creating();
      // The name is checked free, then someone else's insert wins before ours.
      const racing: Transaction = (work) =>
        directory.transaction((repos) =>
          work({
            ...repos,
            users: {
              ...repos.users,
              isSignInNameTaken: async () => false,
              create: async (tenantId, user, by, now) => {
                await repos.users.create(tenantId, { ...user, roles: [] }, { id: 'other', name: 'Other Admin' }, now);
                return repos.users.create(tenantId, user, by, now);
              },
            },
          }),
        );
      const error = errorOf(
        await createUser(
          { ...deps, transaction: racing },
          { actor: actor('ga'), tenantId: CONTOSO, signInMethod: 'email', signInValue: 'nora.quinn@contoso.example', profile: nora(), blockSignIn: false, roles: [] },
        ),
      );
      expect(error).toMatchObject({ code: 'CONFLICT', rule: 'SIGN_IN_NAME_TAKEN', fieldErrors: { email: [expect.any(String)] } });
      expect(error.details?.suggestions).toHaveLength(3);
      expect(directory.audit).toEqual([]);
    });

    it('a name held only by a deleted user may be taken again', async () => {
      const { create, directory } = creating({ signInValue: 'Former@contoso.example' });
      const { id } = valueOf(await create());
      expect(directory.user(id).signInName).toBe('Former@contoso.example');
      expect(directory.user('old').deletedAt).not.toBeNull();
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('updateUser', () => {
  function editing(seed: { users?: StoredUser[] } = {}) {
    const context = setup(seed);
    const edit = (by: string | Actor, userId: string, change: { profile?: Partial<UserProfile>; roles?: RoleId[]; expectedRowVersion?: number } = {}) => {
      const target = context.directory.user(userId);
      return updateUser(context.deps, {
        actor: typeof by === 'string' ? context.actor(by) : by,
        tenantId: CONTOSO,
        userId,
        expectedRowVersion: change.expectedRowVersion ?? target.rowVersion,
        profile: { ...profileOf(target), ...change.profile },
        roles: change.roles,
      });
    };
    return { ...context, edit };
  }

  it('saves the changes and audits before/after of the changed fields only', async () => {
    const { edit, directory, clock } = editing();
    clock.set(at(HOUR));
    const result = valueOf(await edit('ga', 'mary', { profile: { jobTitle: 'Lead Analyst', department: 'Finance', city: null } }));
    expect(result).toEqual({ changed: ['jobTitle', 'department'] });
    expect(directory.user('mary')).toMatchObject({
      jobTitle: 'Lead Analyst',
      department: 'Finance',
      rowVersion: 4,
      updatedAt: at(HOUR),
      updatedByName: 'Gloria Admin',
    });
    expect(directory.audit).toEqual([
      {
        tenantId: CONTOSO,
        occurredAt: at(HOUR),
        actor: { userId: 'ga', displayName: 'Gloria Admin', onBehalfOf: null },
        action: 'user.update',
        target: { type: 'user', id: 'mary', name: 'Mary Parker' },
        before: { jobTitle: 'Analyst', department: null },
        after: { jobTitle: 'Lead Analyst', department: 'Finance' },
      },
    ]);
  });

  it('a save without changes writes nothing', async () => {
    const { edit, directory } = editing();
    const before = stateOf(directory);
    expect(valueOf(await edit('ga', 'mary', { profile: { jobTitle: '  Analyst ' } }))).toEqual({ changed: [] });
    expect(stateOf(directory)).toEqual(before);
  });

  it('an edit made on an older version is refused, naming who changed the user and when; nothing is overwritten', async () => {
    const { edit, directory, clock } = editing();
    const opened = directory.user('mary').rowVersion;
    clock.set(at(HOUR));
    valueOf(await edit('useradmin', 'mary', { profile: { jobTitle: 'Controller' } }));
    const afterFirst = stateOf(directory);

    clock.set(at(2 * HOUR));
    const error = errorOf(await edit('ga', 'mary', { expectedRowVersion: opened, profile: { jobTitle: 'Lead Analyst', city: 'Leeds' } }));
    expect(error).toMatchObject({
      code: 'CONFLICT',
      rule: 'STALE_VERSION',
      details: { changedBy: 'Uma Users', changedAt: at(HOUR).toISOString(), currentVersion: opened + 1 },
    });
    expect(error.message).toContain('Uma Users');
    expect(error.message).toContain('2025-03-01 10:00 UTC');
    expect(stateOf(directory)).toEqual(afterFirst);
    expect(directory.user('mary').jobTitle).toBe('Controller');
  });

  it('a change committed between reading and writing is caught by the store, and nothing is overwritten', async () => {
    const { deps, actor, directory, clock } = editing();
    clock.set(at(HOUR));
    const racing: Transaction = (work) =>
      directory.transaction((repos) =>
        work({
          ...repos,
          users: {
            ...repos.users,
            update: async (tenantId, userId, expected, changes, options) => {
              await repos.users.update(tenantId, userId, expected, { jobTitle: 'Auditor' }, { by: { id: 'writer', name: 'Walt Writer' }, now: at(HOUR - SECOND) });
              return repos.users.update(tenantId, userId, expected, changes, options);
            },
          },
        }),
      );
    const mary = directory.user('mary');
    const error = errorOf(
      await updateUser(
        { ...deps, transaction: racing },
        { actor: actor('ga'), tenantId: CONTOSO, userId: 'mary', expectedRowVersion: mary.rowVersion, profile: { ...profileOf(mary), jobTitle: 'Lead Analyst' } },
      ),
    );
    expect(error).toMatchObject({ code: 'CONFLICT', rule: 'STALE_VERSION', details: { changedBy: 'Walt Writer' } });
    expect(directory.user('mary').jobTitle).toBe('Analyst');
    expect(directory.audit).toEqual([]);
  });

  describe('who may edit whom', () => {
    it.each([
      { by: 'ga', target: 'ga2', profile: { jobTitle: 'CTO' }, outcome: 'saved' },
      { by: 'useradmin', target: 'mary', profile: { jobTitle: 'Controller' }, outcome: 'saved' },
      { by: 'useradmin', target: 'writer', profile: { jobTitle: 'Editor' }, outcome: 'saved' },
      { by: 'useradmin', target: 'ga', profile: { jobTitle: 'CEO' }, outcome: 'TIER_CEILING' },
      { by: 'useradmin', target: 'paa', profile: { jobTitle: 'Security' }, outcome: 'TIER_CEILING' },
      { by: 'useradmin', target: 'ga', profile: { usageLocation: 'FR' }, outcome: 'TIER_CEILING' },
      { by: 'writer', target: 'mary', profile: { department: 'Sales' }, outcome: 'saved' },
      { by: 'writer', target: 'useradmin', profile: { department: 'IT' }, outcome: 'saved' },
      { by: 'writer', target: 'pra', profile: { department: 'IT' }, outcome: 'TIER_CEILING' },
      { by: 'licadmin', target: 'mary', profile: { usageLocation: 'FR' }, outcome: 'saved' },
      { by: 'licadmin', target: 'ga', profile: { usageLocation: 'fr' }, outcome: 'saved' },
      { by: 'licadmin', target: 'mary', profile: { jobTitle: 'Controller' }, outcome: 'ROLE_REQUIRED' },
      { by: 'licadmin', target: 'mary', profile: { usageLocation: 'FR', jobTitle: 'Controller' }, outcome: 'ROLE_REQUIRED' },
      { by: 'helpdesk', target: 'mary', profile: { jobTitle: 'Controller' }, outcome: 'ROLE_REQUIRED' },
      { by: 'reader', target: 'mary', profile: { usageLocation: 'FR' }, outcome: 'ROLE_REQUIRED' },
      { by: 'pra', target: 'mary', profile: { jobTitle: 'Controller' }, outcome: 'ROLE_REQUIRED' },
    ])('$by changing $profile of $target → $outcome', async ({ by, target, profile, outcome }) => {
      const { edit, directory } = editing({ users: [secondGlobalAdmin()] });
      const before = stateOf(directory);
      const result = await edit(by, target, { profile });
      if (outcome === 'saved') {
        expect(valueOf(result).changed).toEqual(Object.keys(profile));
        expect(directory.audit).toHaveLength(1);
        return;
      }
      expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN', rule: outcome });
      expect(stateOf(directory)).toEqual(before);
    });

    it('the tier refusal names the role that protects the user', async () => {
      const { edit } = editing();
      const error = errorOf(await edit('useradmin', 'ga', { profile: { jobTitle: 'CEO' } }));
      expect(error.message).toContain('Gloria Admin holds Global Administrator (tier 3)');
    });

    it.each([
      { label: 'with a change', profile: { jobTitle: 'Spy' }, expectedRowVersion: undefined },
      { label: 'without a change', profile: {}, expectedRowVersion: undefined },
      { label: 'on an old version', profile: { jobTitle: 'Spy' }, expectedRowVersion: 1 },
    ])('another tenant\'s Global Administrator gets NOT_FOUND $label, and learns nothing', async ({ profile, expectedRowVersion }) => {
      const { edit, directory } = editing();
      directory.user('mary').updatedByName = 'Uma Users';
      const before = stateOf(directory);
      const error = errorOf(await edit('fay', 'mary', { profile, expectedRowVersion }));
      expect(error.code).toBe('NOT_FOUND');
      expect(JSON.stringify(error)).not.toContain('Uma');
      expect(stateOf(directory)).toEqual(before);
    });

    it('a user without roles learns nothing about who changed a user either', async () => {
      const { edit, directory } = editing();
      directory.user('mary').updatedByName = 'Uma Users';
      const before = stateOf(directory);
      const error = errorOf(await edit('bob', 'mary', { expectedRowVersion: 1 }));
      expect(error).toMatchObject({ code: 'FORBIDDEN', rule: 'ROLE_REQUIRED' });
      expect(JSON.stringify(error)).not.toContain('Uma');
      expect(stateOf(directory)).toEqual(before);
    });

    it('a deleted user cannot be edited', async () => {
      const { edit, directory } = editing({ users: [contosoUser('gone', 'Gone Girl', [], { deletedAt: at(-DAY) })] });
      const before = stateOf(directory);
      expect(errorOf(await edit('ga', 'gone', { profile: { jobTitle: 'Ghost' } })).code).toBe('NOT_FOUND');
      expect(stateOf(directory)).toEqual(before);
    });
  });

  describe('role changes', () => {
    it('are saved, audited by role name, and listed as changed', async () => {
      const { edit, directory } = editing();
      expect(valueOf(await edit('ga', 'mary', { roles: ['helpdeskAdministrator', 'globalReader'] }))).toEqual({ changed: ['roles'] });
      expect(directory.user('mary').roles).toEqual(['helpdeskAdministrator', 'globalReader']);
      expect(directory.audit).toEqual([
        expect.objectContaining({ before: { roles: [] }, after: { roles: ['Helpdesk Administrator', 'Global Reader'] } }),
      ]);
    });

    it.each([
      { by: 'ga', target: 'mary', roles: ['userAdministrator'] as RoleId[], outcome: 'saved' },
      { by: 'pra', target: 'mary', roles: ['globalAdministrator'] as RoleId[], outcome: 'saved' },
      { by: 'pra', target: 'useradmin', roles: [] as RoleId[], outcome: 'saved' },
      { by: 'useradmin', target: 'mary', roles: ['helpdeskAdministrator'] as RoleId[], outcome: 'ROLE_REQUIRED' },
      { by: 'useradmin', target: 'helpdesk', roles: [] as RoleId[], outcome: 'ROLE_REQUIRED' },
      { by: 'licadmin', target: 'mary', roles: ['licenseAdministrator'] as RoleId[], outcome: 'ROLE_REQUIRED' },
      { by: 'helpdesk', target: 'mary', roles: ['globalReader'] as RoleId[], outcome: 'ROLE_REQUIRED' },
    ])('$by setting the roles of $target to $roles → $outcome', async ({ by, target, roles, outcome }) => {
      const { edit, directory } = editing();
      const before = stateOf(directory);
      const result = await edit(by, target, { roles });
      if (outcome === 'saved') {
        expect(valueOf(result).changed).toEqual(['roles']);
        expect(directory.user(target).roles).toEqual(roles);
        return;
      }
      expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN', rule: outcome });
      expect(stateOf(directory)).toEqual(before);
    });

    it('a profile change and a refused role change together save nothing', async () => {
      const { edit, directory } = editing();
      const before = stateOf(directory);
      expect(errorOf(await edit('useradmin', 'mary', { profile: { jobTitle: 'Controller' }, roles: ['globalReader'] }))).toMatchObject({
        code: 'FORBIDDEN',
        rule: 'ROLE_REQUIRED',
      });
      expect(stateOf(directory)).toEqual(before);
    });

    it.each([
      { label: 'the only Global Administrator, by themselves', by: 'ga', target: 'ga', others: [], outcome: 'LAST_GLOBAL_ADMIN' },
      { label: 'the only Global Administrator, by a Privileged Role Administrator', by: 'pra', target: 'ga', others: [], outcome: 'LAST_GLOBAL_ADMIN' },
      { label: 'the only Global Administrator, by a partner agent', by: 'agent', target: 'ga', others: [], outcome: 'LAST_GLOBAL_ADMIN' },
      { label: 'the only enabled Global Administrator (the other is blocked)', by: 'pra', target: 'ga', others: [secondGlobalAdmin({ accountEnabled: false })], outcome: 'LAST_GLOBAL_ADMIN' },
      { label: 'the only live Global Administrator (the other is deleted)', by: 'pra', target: 'ga', others: [secondGlobalAdmin({ deletedAt: at(-DAY) })], outcome: 'LAST_GLOBAL_ADMIN' },
      { label: 'one of two Global Administrators', by: 'ga', target: 'ga', others: [secondGlobalAdmin()], outcome: 'saved' },
    ])('removing the Global Administrator role from $label → $outcome', async ({ by, target, others, outcome }) => {
      const { edit, directory } = editing({ users: others });
      const before = stateOf(directory);
      const result = await edit(by, target, { roles: [] });
      if (outcome === 'saved') {
        expect(valueOf(result).changed).toEqual(['roles']);
        expect(directory.user(target).roles).toEqual([]);
        return;
      }
      const error = errorOf(result);
      expect(error).toMatchObject({ code: 'FORBIDDEN', rule: outcome });
      expect(error.message).toContain('last Global Administrator');
      expect(stateOf(directory)).toEqual(before);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('resetPassword', () => {
  const OLD = 'Old-Password-123';

  function resetting() {
    const context = setup();
    for (const id of ['mary', 'ga', 'paa', 'useradmin', 'writer']) {
      Object.assign(context.directory.user(id), { passwordHash: FakeHasher.hashOf(OLD), sessionVersion: 4 });
    }
    context.directory.openSession('mary', at(-HOUR), 'mary-laptop');
    context.directory.openSession('mary', at(-HOUR), 'mary-phone');
    context.directory.openSession('bob', at(-HOUR), 'bob-laptop');
    const reset = (by: string, userId: string) => resetPassword(context.deps, { actor: context.actor(by), tenantId: CONTOSO, userId });
    return { ...context, reset };
  }

  it('issues a new temporary password that replaces the old one at once, ends the sessions and asks for a change', async () => {
    const { reset, directory, hasher, clock } = resetting();
    clock.set(at(HOUR));
    const { temporaryPassword, signInName, displayName } = valueOf(await reset('ga', 'mary'));

    expect({ signInName, displayName }).toEqual({ signInName: 'mary.parker@contoso.example', displayName: 'Mary Parker' });
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(TEMPORARY_PASSWORD_LENGTH);
    expect(hasAllCharacterClasses(temporaryPassword)).toBe(true);
    const mary = directory.user('mary');
    expect(mary).toMatchObject({ passwordHash: FakeHasher.hashOf(temporaryPassword), mustChangePassword: true, sessionVersion: 5, updatedAt: at(HOUR) });
    expect(await hasher.verify(OLD, mary.passwordHash ?? '')).toBe(false);
    expect(await hasher.verify(temporaryPassword, mary.passwordHash ?? '')).toBe(true);

    expect(directory.session('mary-laptop')).toMatchObject({ endedAt: at(HOUR), endReason: 'CREDENTIALS_CHANGED' });
    expect(directory.session('mary-phone')).toMatchObject({ endedAt: at(HOUR), endReason: 'CREDENTIALS_CHANGED' });
    expect(directory.session('bob-laptop').endedAt).toBeNull();

    expect(directory.audit).toEqual([
      expect.objectContaining({ action: 'user.resetPassword', occurredAt: at(HOUR), target: { type: 'user', id: 'mary', name: 'Mary Parker' } }),
    ]);
    expect(JSON.stringify(directory.audit)).not.toContain(temporaryPassword);
  });

  it('a second reset gives another password, and the first one stops working', async () => {
    const { reset, directory } = resetting();
    const first = valueOf(await reset('ga', 'mary')).temporaryPassword;
    const second = valueOf(await reset('ga', 'mary')).temporaryPassword;
    expect(second).not.toBe(first);
    expect(directory.user('mary').passwordHash).toBe(FakeHasher.hashOf(second));
  });

  it.each([
    { by: 'helpdesk', target: 'mary', outcome: 'reset', names: '' },
    { by: 'helpdesk', target: 'licadmin', outcome: 'reset', names: '' },
    { by: 'helpdesk', target: 'ga', outcome: 'TIER_CEILING', names: 'Global Administrator' },
    { by: 'helpdesk', target: 'useradmin', outcome: 'TIER_CEILING', names: 'User Administrator' },
    { by: 'useradmin', target: 'writer', outcome: 'reset', names: '' },
    { by: 'useradmin', target: 'mary', outcome: 'reset', names: '' },
    { by: 'useradmin', target: 'paa', outcome: 'TIER_CEILING', names: 'Privileged Authentication Administrator' },
    { by: 'useradmin', target: 'ga', outcome: 'TIER_CEILING', names: 'Global Administrator' },
    { by: 'paa', target: 'ga', outcome: 'reset', names: '' },
    { by: 'ga', target: 'paa', outcome: 'reset', names: '' },
    { by: 'writer', target: 'mary', outcome: 'ROLE_REQUIRED', names: '' },
    { by: 'reader', target: 'mary', outcome: 'ROLE_REQUIRED', names: '' },
    { by: 'fay', target: 'mary', outcome: 'NOT_FOUND', names: '' },
  ])('$by resetting the password of $target → $outcome', async ({ by, target, outcome, names }) => {
    const { reset, directory } = resetting();
    const before = stateOf(directory);
    const result = await reset(by, target);
    if (outcome === 'reset') {
      expect(directory.user(target).passwordHash).toBe(FakeHasher.hashOf(valueOf(result).temporaryPassword));
      return;
    }
    const error = errorOf(result);
    if (outcome === 'NOT_FOUND') expect(error.code).toBe('NOT_FOUND');
    else expect(error).toMatchObject({ code: 'FORBIDDEN', rule: outcome });
    if (names) expect(error.message).toContain(`holds ${names} (tier`);
    expect(stateOf(directory)).toEqual(before);
  });

  it('a deleted user cannot be reset', async () => {
    const { reset, directory } = resetting();
    directory.user('mary').deletedAt = at(-DAY);
    const before = stateOf(directory);
    expect(errorOf(await reset('ga', 'mary')).code).toBe('NOT_FOUND');
    expect(stateOf(directory)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('deleteUser', () => {
  function deleting(seed: { users?: StoredUser[] } = {}) {
    const context = setup({ users: seed.users, subscriptions: [E3, VISIO] });
    context.directory.user('mary').roles = ['helpdeskAdministrator'];
    context.directory.assignLicence(E3.id, 'mary');
    context.directory.assignLicence(VISIO.id, 'mary');
    context.directory.openSession('mary', at(-HOUR), 'mary-laptop');
    const remove = (by: string, userId: string) => deleteUser(context.deps, { actor: context.actor(by), tenantId: CONTOSO, userId });
    return { ...context, remove };
  }

  it('soft-deletes: not found any more, sessions ended, licences released, roles kept', async () => {
    const { remove, directory, clock } = deleting();
    clock.set(at(HOUR));
    expect(directory.freeSeats(E3.id)).toBe(0);

    expect(valueOf(await remove('ga', 'mary'))).toEqual({ displayName: 'Mary Parker', releasedLicences: ['Office 365 E3', 'Visio Plan 2'] });

    expect(await directory.userRepository.getById(CONTOSO, 'mary')).toBeNull();
    expect(await directory.userRepository.getById(CONTOSO, 'mary', { includeDeleted: true })).toMatchObject({
      deletedAt: at(HOUR),
      deletedByName: 'Gloria Admin',
      roles: ['helpdeskAdministrator'],
    });
    expect(directory.session('mary-laptop')).toMatchObject({ endedAt: at(HOUR), endReason: 'DELETED' });
    expect(directory.freeSeats(E3.id)).toBe(1);
    expect(directory.licencesOf('mary').map((a) => a.suspendedAt)).toEqual([at(HOUR), at(HOUR)]);
    expect(directory.audit).toEqual([
      expect.objectContaining({
        action: 'user.delete',
        target: { type: 'user', id: 'mary', name: 'Mary Parker' },
        after: { deletedAt: at(HOUR).toISOString(), releasedLicences: ['Office 365 E3', 'Visio Plan 2'] },
      }),
    ]);
    // The freed seat can be given to someone else.
    expect(() => directory.assignLicence(E3.id, 'bob')).not.toThrow();
  });

  it('a deleted user is deleted only once', async () => {
    const { remove, directory } = deleting();
    valueOf(await remove('ga', 'mary'));
    const before = stateOf(directory);
    expect(errorOf(await remove('ga', 'mary')).code).toBe('NOT_FOUND');
    expect(stateOf(directory)).toEqual(before);
  });

  it.each([
    { label: 'a Global Administrator deletes themselves', by: 'ga', target: 'ga', others: [secondGlobalAdmin()], outcome: 'NOT_YOURSELF' },
    { label: 'a User Administrator deletes themselves', by: 'useradmin', target: 'useradmin', others: [], outcome: 'NOT_YOURSELF' },
    { label: 'a partner agent deletes the only Global Administrator', by: 'agent', target: 'ga', others: [], outcome: 'LAST_GLOBAL_ADMIN' },
    { label: 'a partner agent deletes the only enabled Global Administrator', by: 'agent', target: 'ga', others: [secondGlobalAdmin({ accountEnabled: false })], outcome: 'LAST_GLOBAL_ADMIN' },
    { label: 'a User Administrator deletes the only Global Administrator', by: 'useradmin', target: 'ga', others: [], outcome: 'LAST_GLOBAL_ADMIN' },
    { label: 'a User Administrator deletes one of two Global Administrators', by: 'useradmin', target: 'ga2', others: [secondGlobalAdmin()], outcome: 'TIER_CEILING' },
    { label: 'a User Administrator deletes a Privileged Role Administrator', by: 'useradmin', target: 'pra', others: [], outcome: 'TIER_CEILING' },
    { label: 'a Helpdesk Administrator deletes an ordinary user', by: 'helpdesk', target: 'mary', others: [], outcome: 'ROLE_REQUIRED' },
    { label: 'a Directory Writer deletes an ordinary user', by: 'writer', target: 'mary', others: [], outcome: 'ROLE_REQUIRED' },
    { label: 'another tenant\'s Global Administrator deletes a user', by: 'fay', target: 'mary', others: [], outcome: 'NOT_FOUND' },
    { label: 'a User Administrator deletes an ordinary user', by: 'useradmin', target: 'mary', others: [], outcome: 'deleted' },
    { label: 'a User Administrator deletes a Directory Writer', by: 'useradmin', target: 'writer', others: [], outcome: 'deleted' },
    { label: 'a Global Administrator deletes the other one', by: 'ga', target: 'ga2', others: [secondGlobalAdmin()], outcome: 'deleted' },
    { label: 'a Global Administrator deletes a blocked Global Administrator', by: 'ga', target: 'ga2', others: [secondGlobalAdmin({ accountEnabled: false })], outcome: 'deleted' },
  ])('$label → $outcome', async ({ by, target, others, outcome }) => {
    const { remove, directory } = deleting({ users: others });
    const before = stateOf(directory);
    const result = await remove(by, target);
    if (outcome === 'deleted') {
      valueOf(result);
      expect(directory.user(target).deletedAt).toEqual(T0);
      return;
    }
    const error = errorOf(result);
    if (outcome === 'NOT_FOUND') expect(error.code).toBe('NOT_FOUND');
    else expect(error).toMatchObject({ code: 'FORBIDDEN', rule: outcome });
    expect(stateOf(directory)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('restoreUser', () => {
  /** Mary, holding an E3 licence (1 seat) and Visio, and the Helpdesk role, is deleted at T0. */
  async function deletedMary(seed: { users?: StoredUser[] } = {}) {
    const context = setup({ users: seed.users, subscriptions: [E3, VISIO] });
    const { directory, deps, actor } = context;
    directory.user('mary').roles = ['helpdeskAdministrator'];
    directory.assignLicence(E3.id, 'mary');
    directory.assignLicence(VISIO.id, 'mary');
    valueOf(await deleteUser(deps, { actor: actor('ga'), tenantId: CONTOSO, userId: 'mary' }));
    const restore = (by = 'ga', newSignInName?: string, userId = 'mary') =>
      restoreUser(deps, { actor: actor(by), tenantId: CONTOSO, userId, newSignInName });
    return { ...context, restore };
  }

  it('brings the user back as they were, roles and licences included', async () => {
    const { restore, directory, clock } = await deletedMary();
    clock.set(at(3 * DAY));
    expect(valueOf(await restore())).toEqual({
      displayName: 'Mary Parker',
      signInName: 'mary.parker@contoso.example',
      reassignedLicences: ['Office 365 E3', 'Visio Plan 2'],
      notReassignedLicences: [],
    });
    expect(await directory.userRepository.getById(CONTOSO, 'mary')).toMatchObject({
      deletedAt: null,
      deletedByName: null,
      roles: ['helpdeskAdministrator'],
      jobTitle: 'Analyst',
      signInName: 'mary.parker@contoso.example',
    });
    expect(directory.licencesOf('mary').map((a) => a.suspendedAt)).toEqual([null, null]);
    expect(directory.audit.at(-1)).toMatchObject({
      action: 'user.restore',
      occurredAt: at(3 * DAY),
      before: { deletedAt: T0.toISOString() },
      after: { deletedAt: null, reassignedLicences: ['Office 365 E3', 'Visio Plan 2'], notReassignedLicences: [] },
    });
  });

  it.each([
    { after: 0, outcome: 'restored' },
    { after: 29 * DAY, outcome: 'restored' },
    { after: 30 * DAY - SECOND, outcome: 'restored' },
    { after: 30 * DAY, outcome: 'RESTORE_WINDOW_PASSED' },
    { after: 30 * DAY + SECOND, outcome: 'RESTORE_WINDOW_PASSED' },
    { after: 45 * DAY, outcome: 'RESTORE_WINDOW_PASSED' },
  ])('$after ms after the deletion → $outcome', async ({ after, outcome }) => {
    const { restore, directory, clock } = await deletedMary();
    clock.set(at(after));
    const before = stateOf(directory);
    const result = await restore();
    if (outcome === 'restored') {
      valueOf(result);
      expect(directory.user('mary').deletedAt).toBeNull();
      return;
    }
    const error = errorOf(result);
    expect(error).toMatchObject({ code: 'FORBIDDEN', rule: outcome });
    expect(error.message).toContain('more than 30 days ago');
    expect(stateOf(directory)).toEqual(before);
  });

  it('a sign-in name taken meanwhile asks for a new one, with free suggestions; restoring under one of them works', async () => {
    const { restore, directory, deps, actor, clock } = await deletedMary();
    clock.set(at(DAY));
    valueOf(
      await createUser(deps, {
        actor: actor('ga'),
        tenantId: CONTOSO,
        signInMethod: 'email',
        signInValue: 'Mary.Parker@contoso.example',
        profile: { ...EMPTY_PROFILE, displayName: 'Mary Parker (new)' },
        blockSignIn: false,
        roles: [],
      }),
    );
    clock.set(at(2 * DAY));
    const before = stateOf(directory);

    const error = errorOf(await restore());
    expect(error).toMatchObject({
      code: 'CONFLICT',
      rule: 'SIGN_IN_NAME_TAKEN',
      fieldErrors: { newSignInName: [expect.stringContaining('already taken')] },
      details: { signInName: 'mary.parker@contoso.example', needsNewSignInName: true },
    });
    const suggestions = error.details?.suggestions as string[];
    expect(suggestions).toHaveLength(3);
    for (const name of suggestions) expect(await directory.userRepository.isSignInNameTaken(signInNameKey(name))).toBe(false);
    expect(stateOf(directory)).toEqual(before);

    const [newName = ''] = suggestions;
    expect(valueOf(await restore('ga', newName))).toMatchObject({ signInName: newName });
    expect(directory.user('mary')).toMatchObject({ deletedAt: null, signInName: newName, roles: ['helpdeskAdministrator'] });
    expect(directory.audit.at(-1)).toMatchObject({
      before: { signInName: 'mary.parker@contoso.example' },
      after: { signInName: newName },
    });
  });

  it.each([
    { label: 'an invalid one', newSignInName: 'not an address', code: 'VALIDATION', rule: undefined },
    { label: 'one that is taken too (any letter case)', newSignInName: 'BOB@contoso.example', code: 'CONFLICT', rule: 'SIGN_IN_NAME_TAKEN' },
  ])('restoring under a new sign-in name refuses $label', async ({ newSignInName, code, rule }) => {
    const { restore, directory } = await deletedMary();
    const before = stateOf(directory);
    const error = errorOf(await restore('ga', newSignInName));
    expect(error).toMatchObject({ code, ...(rule ? { rule } : {}), fieldErrors: { newSignInName: [expect.any(String)] } });
    expect(stateOf(directory)).toEqual(before);
  });

  it('re-assigns each licence whose subscription has a free seat and lists the others', async () => {
    const { restore, directory } = await deletedMary();
    directory.assignLicence(E3.id, 'bob'); // the seat Mary freed is taken
    const restored = valueOf(await restore());
    expect(restored).toMatchObject({ reassignedLicences: ['Visio Plan 2'], notReassignedLicences: ['Office 365 E3'] });
    expect(directory.freeSeats(E3.id)).toBe(0);
    expect(directory.licencesOf('mary')).toEqual([expect.objectContaining({ subscriptionId: VISIO.id, suspendedAt: null })]);
    expect(directory.licencesOf('bob')).toEqual([expect.objectContaining({ subscriptionId: E3.id, suspendedAt: null })]);
  });

  it.each([
    { label: 'a live user', by: 'ga', userId: 'bob', code: 'CONFLICT', rule: undefined },
    { label: 'an unknown user', by: 'ga', userId: 'nobody', code: 'NOT_FOUND', rule: undefined },
    { label: 'as a Helpdesk Administrator', by: 'helpdesk', userId: 'mary', code: 'FORBIDDEN', rule: 'ROLE_REQUIRED' },
    { label: 'from another tenant', by: 'fay', userId: 'mary', code: 'NOT_FOUND', rule: undefined },
  ])('refuses to restore $label', async ({ by, userId, code, rule }) => {
    const { restore, directory } = await deletedMary();
    const before = stateOf(directory);
    expect(errorOf(await restore(by, undefined, userId))).toMatchObject({ code, ...(rule ? { rule } : {}) });
    expect(stateOf(directory)).toEqual(before);
  });

  it.each([
    { by: 'useradmin', target: 'mary', outcome: 'restored' },
    { by: 'writer', target: 'mary', outcome: 'restored' },
    { by: 'useradmin', target: 'ga2', outcome: 'TIER_CEILING' },
    { by: 'ga', target: 'ga2', outcome: 'restored' },
  ])('$by restoring $target → $outcome', async ({ by, target, outcome }) => {
    const { restore, directory } = await deletedMary({ users: [secondGlobalAdmin({ deletedAt: at(-DAY) })] });
    const before = stateOf(directory);
    const result = await restore(by, undefined, target);
    if (outcome === 'restored') {
      valueOf(result);
      expect(directory.user(target).deletedAt).toBeNull();
      return;
    }
    expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN', rule: outcome });
    expect(stateOf(directory)).toEqual(before);
  });

  it.each([
    { after: 0, left: 30 },
    { after: HOUR, left: 30 },
    { after: DAY, left: 29 },
    { after: 29 * DAY, left: 1 },
    { after: 30 * DAY - SECOND, left: 1 },
    { after: 30 * DAY, left: 0 },
    { after: 30 * DAY + SECOND, left: 0 },
    { after: 60 * DAY, left: 0 },
  ])('daysLeft $after ms after the deletion is $left', ({ after, left }) => {
    expect(daysLeft(T0, at(after))).toBe(left);
  });
});

// ---------------------------------------------------------------------------------------------

describe('purgeUser', () => {
  function purging() {
    const context = setup({
      users: [
        contosoUser('gone', 'Gone Girl', ['helpdeskAdministrator'], { deletedAt: at(-DAY), deletedByName: 'Gloria Admin' }),
        secondGlobalAdmin({ deletedAt: at(-DAY) }),
      ],
      subscriptions: [VISIO],
    });
    context.directory.assignLicence(VISIO.id, 'gone', { suspendedAt: at(-DAY) });
    const purge = (by: string, userId: string) => purgeUser(context.deps, { actor: context.actor(by), tenantId: CONTOSO, userId });
    return { ...context, purge };
  }

  it('deletes a deleted user permanently, irreversibly, and audits it', async () => {
    const { purge, directory, deps, actor } = purging();
    expect(valueOf(await purge('ga', 'gone'))).toEqual({ displayName: 'Gone Girl' });
    expect(directory.hasUser('gone')).toBe(false);
    expect(directory.licencesOf('gone')).toEqual([]);
    expect(await directory.userRepository.getById(CONTOSO, 'gone', { includeDeleted: true })).toBeNull();
    expect(directory.audit).toEqual([
      expect.objectContaining({
        action: 'user.purge',
        occurredAt: T0,
        actor: { userId: 'ga', displayName: 'Gloria Admin', onBehalfOf: null },
        target: { type: 'user', id: 'gone', name: 'Gone Girl' },
        before: { signInName: 'gone@contoso.example', deletedAt: at(-DAY).toISOString() },
      }),
    ]);

    expect(errorOf(await restoreUser(deps, { actor: actor('ga'), tenantId: CONTOSO, userId: 'gone' })).code).toBe('NOT_FOUND');
    expect(errorOf(await purge('ga', 'gone')).code).toBe('NOT_FOUND');
  });

  it.each([
    { label: 'a live user', by: 'ga', target: 'mary', code: 'CONFLICT', rule: undefined },
    { label: 'by a Helpdesk Administrator', by: 'helpdesk', target: 'gone', code: 'FORBIDDEN', rule: 'ROLE_REQUIRED' },
    { label: 'by a Directory Writer', by: 'writer', target: 'gone', code: 'FORBIDDEN', rule: 'ROLE_REQUIRED' },
    { label: 'a deleted Global Administrator by a User Administrator', by: 'useradmin', target: 'ga2', code: 'FORBIDDEN', rule: 'TIER_CEILING' },
    { label: 'from another tenant', by: 'fay', target: 'gone', code: 'NOT_FOUND', rule: undefined },
  ])('refuses $label, changing nothing', async ({ by, target, code, rule }) => {
    const { purge, directory } = purging();
    const before = stateOf(directory);
    expect(errorOf(await purge(by, target))).toMatchObject({ code, ...(rule ? { rule } : {}) });
    expect(stateOf(directory)).toEqual(before);
  });

  it('a User Administrator may purge an ordinary deleted user', async () => {
    const { purge, directory } = purging();
    valueOf(await purge('useradmin', 'gone'));
    expect(directory.hasUser('gone')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe('purgeExpiredUsers', () => {
  const NOW = at(40 * DAY);
  const deletedDaysAgo = (id: string, days: number, tenantId = CONTOSO, extraMs = 0) =>
    aUser({ id, tenantId, displayName: `User ${id}`, signInName: `${id}@${tenantId}.example`, deletedAt: new Date(NOW.getTime() - days * DAY - extraMs) });

  function expiring(users: StoredUser[]) {
    const context = setup({ users });
    context.clock.set(NOW);
    return { ...context, run: (options: { batchSize?: number; maxBatches?: number } = {}) => purgeExpiredUsers(context.deps, options) };
  }

  it.each([
    { days: 29, purged: false },
    { days: 30, purged: true },
    { days: 31, purged: true },
    { days: 365, purged: true },
  ])('a user deleted $days days ago is purged: $purged', async ({ days, purged }) => {
    const { run, directory } = expiring([deletedDaysAgo('x', days)]);
    expect(await run()).toEqual({ purged: purged ? 1 : 0 });
    expect(directory.hasUser('x')).toBe(!purged);
  });

  it('leaves live users and users deleted less than 30 days ago alone', async () => {
    const { run, directory } = expiring([deletedDaysAgo('old', 31), deletedDaysAgo('recent', 29, CONTOSO, 23 * HOUR)]);
    const liveBefore = directory.users.filter((u) => u.deletedAt === null).map((u) => u.id);
    expect(await run()).toEqual({ purged: 1 });
    expect(directory.hasUser('old')).toBe(false);
    expect(directory.hasUser('recent')).toBe(true);
    expect(directory.users.filter((u) => u.deletedAt === null).map((u) => u.id)).toEqual(liveBefore);
  });

  it('works in batches, oldest first, each purge audited in the user\'s tenant; a second run purges nothing', async () => {
    const { run, directory } = expiring([
      deletedDaysAgo('a', 35),
      deletedDaysAgo('b', 34, FABRIKAM),
      deletedDaysAgo('c', 33),
      deletedDaysAgo('d', 32, FABRIKAM),
      deletedDaysAgo('e', 31),
      deletedDaysAgo('young', 10),
    ]);
    expect(await run({ batchSize: 2 })).toEqual({ purged: 5 });
    expect(directory.transactions.started).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].filter((id) => directory.hasUser(id))).toEqual([]);
    expect(directory.hasUser('young')).toBe(true);
    expect(directory.audit.map((e) => [e.tenantId, e.target?.id, e.action, e.actor, e.occurredAt])).toEqual([
      [CONTOSO, 'a', 'user.purge', null, NOW],
      [FABRIKAM, 'b', 'user.purge', null, NOW],
      [CONTOSO, 'c', 'user.purge', null, NOW],
      [FABRIKAM, 'd', 'user.purge', null, NOW],
      [CONTOSO, 'e', 'user.purge', null, NOW],
    ]);
    expect(directory.audit[1]).toMatchObject({ before: { signInName: `b@${FABRIKAM}.example`, deletedAt: new Date(NOW.getTime() - 34 * DAY).toISOString() } });

    const audited = directory.audit.length;
    expect(await run({ batchSize: 2 })).toEqual({ purged: 0 });
    expect(directory.audit).toHaveLength(audited);
  });

  it('maxBatches stops early; the next run carries on', async () => {
    const { run, directory } = expiring(['a', 'b', 'c', 'd', 'e'].map((id, i) => deletedDaysAgo(id, 35 - i)));
    expect(await run({ batchSize: 2, maxBatches: 1 })).toEqual({ purged: 2 });
    expect(['a', 'b', 'c', 'd', 'e'].filter((id) => directory.hasUser(id))).toEqual(['c', 'd', 'e']);
    expect(await run({ batchSize: 2 })).toEqual({ purged: 3 });
  });

  it('a batch that fails half-way is rolled back whole; the batches before it stay done', async () => {
    const { deps, directory } = expiring(['a', 'b', 'c', 'd'].map((id, i) => deletedDaysAgo(id, 35 - i)));
    let appended = 0;
    const failingThird: Transaction = (work) =>
      directory.transaction((repos) =>
        work({
          ...repos,
          audit: {
            append: async (event) => {
              if (++appended === 3) throw new Error('audit store unavailable');
              await repos.audit.append(event);
            },
            appendMany: async (events) => {
              for (let i = 0; i < events.length; i++) if (++appended === 3) throw new Error('audit store unavailable');
              await repos.audit.appendMany(events);
            },
          },
        }),
      );
    await expect(purgeExpiredUsers({ ...deps, transaction: failingThird }, { batchSize: 2 })).rejects.toThrow('audit store unavailable');
    expect(['a', 'b', 'c', 'd'].filter((id) => directory.hasUser(id))).toEqual(['c', 'd']);
    expect(directory.audit.map((e) => e.target?.id)).toEqual(['a', 'b']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('bulkUserOperation', () => {
  const blocked = (id: string, roles: RoleId[] = []) => contosoUser(id, `Blocked ${id}`, roles, { accountEnabled: false });

  it.each([
    {
      label: 'a Privileged Authentication Administrator blocks themselves, both Global Administrators, a blocked user, an ordinary one and a stranger',
      by: 'paa',
      operation: 'block' as BulkOperation,
      users: [secondGlobalAdmin(), blocked('carol')],
      targets: ['paa', 'ga2', 'ga', 'carol', 'mary', 'nobody'],
      succeeded: ['ga2', 'mary'],
      unchanged: ['carol'],
      failed: [
        ['paa', 'You cannot block or unblock sign-in of yourself.'],
        ['ga', 'last Global Administrator'],
        ['nobody', 'User not found.'],
      ],
    },
    {
      label: 'a User Administrator blocks a Global Administrator, a Directory Writer and an ordinary user',
      by: 'useradmin',
      operation: 'block' as BulkOperation,
      users: [secondGlobalAdmin()],
      targets: ['ga', 'writer', 'mary'],
      succeeded: ['writer', 'mary'],
      unchanged: [],
      failed: [['ga', 'only up to privilege tier 2']],
    },
    {
      label: 'a User Administrator unblocks a blocked user, an enabled one and a blocked Global Administrator',
      by: 'useradmin',
      operation: 'unblock' as BulkOperation,
      users: [blocked('carol'), blocked('ga2', ['globalAdministrator'])],
      targets: ['carol', 'mary', 'ga2'],
      succeeded: ['carol'],
      unchanged: ['mary'],
      failed: [['ga2', 'only up to privilege tier 2']],
    },
    {
      label: 'a User Administrator deletes themselves, a Global Administrator and two users',
      by: 'useradmin',
      operation: 'delete' as BulkOperation,
      users: [secondGlobalAdmin()],
      targets: ['useradmin', 'ga2', 'mary', 'writer'],
      succeeded: ['mary', 'writer'],
      unchanged: [],
      failed: [
        ['useradmin', 'You cannot delete yourself.'],
        ['ga2', 'only up to privilege tier 2'],
      ],
    },
    {
      label: 'a Helpdesk Administrator tries to delete two users',
      by: 'helpdesk',
      operation: 'delete' as BulkOperation,
      users: [],
      targets: ['mary', 'bob'],
      succeeded: [],
      unchanged: [],
      failed: [
        ['mary', 'Your roles do not allow you to delete this user.'],
        ['bob', 'Your roles do not allow you to delete this user.'],
      ],
    },
  ])('$label', async ({ by, operation, users, targets, succeeded, unchanged, failed }) => {
    const { deps, actor, directory } = setup({ users });
    const unchangedBefore = Object.fromEntries(unchanged.map((id) => [id, structuredClone(directory.user(id))]));
    const result = await bulkUserOperation(deps, { actor: actor(by), tenantId: CONTOSO, operation, userIds: targets });

    expect(result).toMatchObject({ operation, requested: targets.length, succeeded: succeeded.length, unchanged: unchanged.length });
    expect(result.failed.map((f) => f.userId)).toEqual(failed.map(([id]) => id));
    result.failed.forEach((f, i) => expect(f.reason).toContain(failed[i]?.[1]));

    for (const id of succeeded) {
      const user = directory.user(id);
      if (operation === 'delete') expect(user.deletedAt).toEqual(T0);
      else expect(user.accountEnabled).toBe(operation === 'unblock');
    }
    for (const id of unchanged) expect(directory.user(id)).toEqual(unchangedBefore[id]);
    for (const [id] of failed) {
      if (!id || !directory.hasUser(id)) continue;
      const user = directory.user(id);
      expect(user.deletedAt).toBeNull();
      expect(directory.audit.some((e) => e.target?.id === id)).toBe(false);
    }
    expect(directory.audit).toHaveLength(succeeded.length);
  });

  it('the last Global Administrator is counted after each change: of two, the second one blocked is refused', async () => {
    const { deps, actor, directory } = setup({ users: [secondGlobalAdmin()] });
    const result = await bulkUserOperation(deps, { actor: actor('paa'), tenantId: CONTOSO, operation: 'block', userIds: ['ga', 'ga2'] });
    expect(result).toMatchObject({ succeeded: 1, failed: [{ userId: 'ga2', reason: expect.stringContaining('last Global Administrator') }] });
    expect(await directory.userRepository.countActiveGlobalAdmins(CONTOSO)).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe('suggestSignInNames', () => {
  const takenAmong = (taken: string[]) => {
    const keys = new Set(taken.map(signInNameKey));
    const asked: string[][] = [];
    const isTaken = async (candidates: string[]) => {
      asked.push(candidates);
      return new Set(candidates.filter((c) => keys.has(c)));
    };
    return { isTaken, asked };
  };

  it.each([
    {
      label: 'from the person\'s names, skipping the taken ones',
      name: 'mary.parker@contoso.example',
      person: { firstName: 'Mary', lastName: 'Parker' },
      taken: ['mary.parker@contoso.example', 'MParker@contoso.example'],
      expected: ['maryp@contoso.example', 'mary_parker@contoso.example', 'mary.parker2@contoso.example'],
    },
    {
      label: 'numbered when there are no names',
      name: 'admin@contoso.example',
      person: {},
      taken: ['admin@contoso.example', 'admin2@contoso.example'],
      expected: ['admin3@contoso.example', 'admin4@contoso.example', 'admin5@contoso.example'],
    },
    {
      label: 'with the year once 2 to 9 are all taken',
      name: 'admin@contoso.example',
      person: { firstName: null, lastName: null },
      taken: ['admin', 'admin2', 'admin3', 'admin4', 'admin5', 'admin6', 'admin7', 'admin8', 'admin9'].map((n) => `${n}@contoso.example`),
      expected: ['admin.2025@contoso.example', 'admin10@contoso.example', 'admin11@contoso.example'],
    },
    {
      label: 'names with accents and spaces reduced to plain letters',
      name: 'jl@contoso.example',
      person: { firstName: 'Jo Ann', lastName: "O'Neil" },
      taken: ['joann.oneil@contoso.example'],
      expected: ['joneil@contoso.example', 'joanno@contoso.example', 'joann_oneil@contoso.example'],
    },
  ])('three free variations $label', async ({ name, person, taken, expected }) => {
    const { isTaken, asked } = takenAmong(taken);
    const suggestions = await suggestSignInNames(name, person, isTaken, { year: 2025 });
    expect(suggestions).toEqual(expected);
    expect(asked).toHaveLength(1);
    for (const key of asked[0] ?? []) expect(key).toBe(key.toLowerCase());
  });

  it('keeps to the requested count and never offers the taken name itself', async () => {
    const { isTaken } = takenAmong([]);
    const suggestions = await suggestSignInNames('Mary.Parker@contoso.example', { firstName: 'Mary', lastName: 'Parker' }, isTaken, { count: 5 });
    expect(suggestions).toHaveLength(5);
    expect(suggestions.map(signInNameKey)).not.toContain('mary.parker@contoso.example');
  });
});
