// The first use cases through an in-memory unit of work: changing one's own
// password, blocking sign-in, tenant settings.
import { describe, expect, it } from 'vitest';
import { sessionEnd } from '@/domain/auth/session-policy';
import { fixedClock, HOUR } from '@/domain/shared/clock';
import type { Actor, RoleId } from '@/domain/shared/permissions';
import { updateTenantSettings } from '@/domain/tenants/update-tenant-settings';
import { changeOwnPassword, type ChangeOwnPasswordInput } from '@/domain/users/change-own-password';
import { setSignInBlocked } from '@/domain/users/set-sign-in-blocked';
import { actorFor, aTenant, aUser, FakeHasher, InMemoryDirectory, type StoredUser } from '../support/in-memory-repositories';

const CONTOSO = 'tenant-contoso';
const FABRIKAM = 'tenant-fabrikam';
const SIGNED_IN = new Date('2025-03-01T09:00:00Z');
const NOW = new Date('2025-03-01T09:30:00Z');
const clock = fixedClock(NOW);

const tenants = () => [
  aTenant({ id: CONTOSO, name: 'Contoso', primaryDomain: 'contoso.example', domains: ['contoso.example', 'contoso-mail.example'] }),
  aTenant({ id: FABRIKAM, name: 'Fabrikam', primaryDomain: 'fabrikam.example' }),
];

const member = (id: string, roles: RoleId[] = [], overrides: Partial<StoredUser> & { password?: string } = {}) =>
  aUser({ id, tenantId: CONTOSO, displayName: id, signInName: `${id}@contoso.example`, roles, ...overrides });

function snapshotOf(directory: InMemoryDirectory) {
  return structuredClone({ users: directory.users, sessions: directory.sessions, audit: directory.audit });
}

describe('changeOwnPassword', () => {
  const OLD = 'Old-Password-123';
  const NEW = 'Brand-New-Password-456';

  function setup(overrides: Partial<StoredUser> = {}) {
    const directory = new InMemoryDirectory({ tenants: tenants(), users: [member('mary', [], { password: OLD, sessionVersion: 4, ...overrides })] });
    const mine = directory.openSession('mary', SIGNED_IN, 'session-mine');
    const laptop = directory.openSession('mary', SIGNED_IN, 'session-laptop');
    const hasher = new FakeHasher();
    const change = (input: Partial<ChangeOwnPasswordInput>) =>
      changeOwnPassword(
        { clock, hasher, transaction: directory.transaction },
        {
          tenantId: CONTOSO,
          userId: 'mary',
          sessionId: mine.id,
          currentPassword: null,
          newPassword: NEW,
          confirmation: input.newPassword ?? NEW,
          ...input,
        },
      );
    return { directory, hasher, change, mine, laptop };
  }

  it('replaces a temporary password without asking for it, ends the other sessions, keeps this one', async () => {
    const { directory, change } = setup({ mustChangePassword: true });
    const result = await change({ currentPassword: null });
    expect(result).toEqual({ ok: true, value: undefined });

    const mary = directory.user('mary');
    expect(mary).toMatchObject({ passwordHash: FakeHasher.hashOf(NEW), mustChangePassword: false, sessionVersion: 5 });
    expect(directory.session('session-mine')).toMatchObject({ endedAt: null, sessionVersion: 5 });
    expect(directory.session('session-laptop')).toMatchObject({ endedAt: NOW, endReason: 'CREDENTIALS_CHANGED' });
    // Seen through the session policy: this session carries on, the other one is over.
    expect(sessionEnd(directory.session('session-mine'), mary, NOW)).toBeNull();
    expect(sessionEnd(directory.session('session-laptop'), mary, NOW)).toBe('CREDENTIALS_CHANGED');

    expect(directory.audit).toEqual([
      expect.objectContaining({
        tenantId: CONTOSO,
        occurredAt: NOW,
        action: 'user.replaceTemporaryPassword',
        actor: { userId: 'mary', displayName: 'mary', onBehalfOf: null },
        target: { type: 'user', id: 'mary', name: 'mary' },
      }),
    ]);
    const written = JSON.stringify(directory.audit);
    expect(written).not.toContain(NEW);
    expect(written).not.toContain(OLD);
  });

  it('refuses the temporary password as the new one, and changes nothing', async () => {
    const { directory, change } = setup({ mustChangePassword: true });
    const before = snapshotOf(directory);
    const result = await change({ newPassword: OLD });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.fieldErrors?.newPassword).toEqual([expect.stringContaining('different')]);
    }
    expect(snapshotOf(directory)).toEqual(before);
  });

  it.each<[string, string | null]>([
    ['missing', null],
    ['wrong', 'Not-The-Password-1'],
  ])('from the account page, refuses a %s current password', async (_label, currentPassword) => {
    const { directory, change } = setup({ mustChangePassword: false });
    const before = snapshotOf(directory);
    const result = await change({ currentPassword });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Your current password is not correct.',
        fieldErrors: { currentPassword: ['Your current password is not correct.'] },
      },
    });
    expect(snapshotOf(directory)).toEqual(before);
  });

  it('from the account page, changes the password with the correct current one', async () => {
    const { directory, change } = setup({ mustChangePassword: false });
    const result = await change({ currentPassword: OLD });
    expect(result.ok).toBe(true);
    expect(directory.user('mary').passwordHash).toBe(FakeHasher.hashOf(NEW));
    expect(directory.session('session-laptop').endedAt).toEqual(NOW);
    expect(directory.session('session-mine')).toMatchObject({ endedAt: null, sessionVersion: 5 });
    expect(directory.audit.map((e) => e.action)).toEqual(['user.changePassword']);
  });

  it('refuses a new password equal to the current one', async () => {
    const { directory, change } = setup({ mustChangePassword: false });
    const before = snapshotOf(directory);
    const result = await change({ currentPassword: OLD, newPassword: OLD });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fieldErrors?.newPassword).toEqual([expect.stringContaining('different')]);
    expect(snapshotOf(directory)).toEqual(before);
  });

  it('applies the whole policy: sign-in name, length, confirmation', async () => {
    const { directory, change } = setup({ mustChangePassword: true, signInName: 'margaret.hamilton@contoso.example' });
    const byName = await change({ newPassword: 'Margaret.Hamilton' });
    expect(!byName.ok && byName.error.fieldErrors?.newPassword).toEqual(['The password cannot be your sign-in name.']);
    const tooShort = await change({ newPassword: 'short' });
    expect(!tooShort.ok && tooShort.error.fieldErrors?.newPassword).toEqual(['Use at least 12 characters.']);
    const mismatch = await change({ newPassword: NEW, confirmation: `${NEW}!` });
    expect(!mismatch.ok && mismatch.error.fieldErrors).toEqual({ confirmPassword: ['The passwords do not match.'] });
    expect(directory.user('mary').passwordHash).toBe(FakeHasher.hashOf(OLD));
  });

  it('does not find the user through another tenant', async () => {
    const { directory, change } = setup({ mustChangePassword: true });
    const result = await change({ tenantId: FABRIKAM });
    expect(!result.ok && result.error.code).toBe('NOT_FOUND');
    expect(directory.user('mary').passwordHash).toBe(FakeHasher.hashOf(OLD));
  });
});

describe('setSignInBlocked', () => {
  function setup(users: StoredUser[]) {
    const directory = new InMemoryDirectory({ tenants: tenants(), users });
    const run = (actor: Actor, userId: string, blocked: boolean, tenantId = CONTOSO) =>
      setSignInBlocked({ clock, transaction: directory.transaction }, { actor, tenantId, userId, blocked });
    return { directory, run };
  }
  const admin = member('uma', ['userAdministrator']);
  const grace = member('grace', ['globalAdministrator']);

  it('blocks: ends the user’s sessions, bumps their session version, audits before and after', async () => {
    const { directory, run } = setup([admin, member('mary', [], { sessionVersion: 2 })]);
    directory.openSession('mary', SIGNED_IN, 'mary-1').sessionVersion = 2;
    directory.openSession('mary', SIGNED_IN, 'mary-2').sessionVersion = 2;
    directory.openSession('uma', SIGNED_IN, 'uma-1');

    const result = await run(actorFor(admin), 'mary', true);
    expect(result).toEqual({ ok: true, value: { changed: true } });

    const mary = directory.user('mary');
    expect(mary).toMatchObject({ accountEnabled: false, sessionVersion: 3, rowVersion: 2, updatedByName: 'uma' });
    for (const id of ['mary-1', 'mary-2']) {
      expect(directory.session(id)).toMatchObject({ endedAt: NOW, endReason: 'BLOCKED' });
    }
    expect(directory.session('uma-1').endedAt).toBeNull();
    expect(directory.audit).toEqual([
      {
        tenantId: CONTOSO,
        occurredAt: NOW,
        actor: { userId: 'uma', displayName: 'uma', onBehalfOf: null },
        action: 'user.blockSignIn',
        target: { type: 'user', id: 'mary', name: 'mary' },
        before: { accountEnabled: true },
        after: { accountEnabled: false },
      },
    ]);
  });

  it('unblocks, audited the other way round', async () => {
    const { directory, run } = setup([admin, member('mary', [], { accountEnabled: false })]);
    const result = await run(actorFor(admin), 'mary', false);
    expect(result).toEqual({ ok: true, value: { changed: true } });
    expect(directory.user('mary').accountEnabled).toBe(true);
    expect(directory.audit).toEqual([
      expect.objectContaining({ action: 'user.unblockSignIn', before: { accountEnabled: false }, after: { accountEnabled: true } }),
    ]);
  });

  it('changes nothing when the user is already blocked', async () => {
    const { directory, run } = setup([admin, member('mary', [], { accountEnabled: false })]);
    const before = snapshotOf(directory);
    expect(await run(actorFor(admin), 'mary', true)).toEqual({ ok: true, value: { changed: false } });
    expect(snapshotOf(directory)).toEqual(before);
  });

  it('changes nothing when a blocked Global Administrator is blocked again beside one active one', async () => {
    // The blocked Global Administrator is not an active one: blocking them again takes nobody away.
    const pam = member('pam', ['privilegedAuthenticationAdministrator']);
    const { directory, run } = setup([pam, grace, member('gus', ['globalAdministrator'], { accountEnabled: false })]);
    const before = snapshotOf(directory);
    expect(await run(actorFor(pam), 'gus', true)).toEqual({ ok: true, value: { changed: false } });
    expect(snapshotOf(directory)).toEqual(before);
  });

  it.each<[string, StoredUser, string, string, string]>([
    ['a Helpdesk Administrator cannot block', member('hal', ['helpdeskAdministrator']), 'mary', 'FORBIDDEN', 'ROLE_REQUIRED'],
    ['nobody blocks themselves', grace, 'grace', 'FORBIDDEN', 'NOT_YOURSELF'],
    ['a User Administrator cannot block a tier-3 admin', admin, 'pam', 'FORBIDDEN', 'TIER_CEILING'],
  ])('%s', async (_label, actorUser, targetId, code, rule) => {
    const { directory, run } = setup([
      actorUser,
      grace,
      member('gail', ['globalAdministrator']),
      member('pam', ['privilegedAuthenticationAdministrator']),
      member('mary'),
    ]);
    directory.openSession(targetId, SIGNED_IN);
    const before = snapshotOf(directory);
    const result = await run(actorFor(actorUser), targetId, true);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code, rule });
    expect(snapshotOf(directory)).toEqual(before);
  });

  it('refuses to block the last active Global Administrator', async () => {
    const pam = member('pam', ['privilegedAuthenticationAdministrator']);
    // Gus is a Global Administrator too, but already blocked: he does not count.
    const { directory, run } = setup([pam, grace, member('gus', ['globalAdministrator'], { accountEnabled: false })]);
    const before = snapshotOf(directory);
    const result = await run(actorFor(pam), 'grace', true);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'FORBIDDEN', rule: 'LAST_GLOBAL_ADMIN' });
      expect(result.error.message).toContain('grace is the last Global Administrator');
    }
    expect(snapshotOf(directory)).toEqual(before);
  });

  it('blocks a Global Administrator when another active one remains', async () => {
    const pam = member('pam', ['privilegedAuthenticationAdministrator']);
    const { directory, run } = setup([pam, grace, member('gail', ['globalAdministrator'])]);
    expect(await run(actorFor(pam), 'grace', true)).toEqual({ ok: true, value: { changed: true } });
    expect(directory.user('grace').accountEnabled).toBe(false);
  });

  it('unblocks the only Global Administrator (it takes no administrator away)', async () => {
    const pam = member('pam', ['privilegedAuthenticationAdministrator']);
    const { directory, run } = setup([pam, member('grace', ['globalAdministrator'], { accountEnabled: false })]);
    expect(await run(actorFor(pam), 'grace', false)).toEqual({ ok: true, value: { changed: true } });
    expect(directory.user('grace').accountEnabled).toBe(true);
  });

  it.each<[string, string, string]>([
    ['a user of another tenant', CONTOSO, 'felix'],
    ['a tenant the actor is not in', FABRIKAM, 'felix'],
    ['a user that does not exist', CONTOSO, 'nobody'],
  ])('answers NOT_FOUND for %s, and changes nothing', async (_label, tenantId, userId) => {
    const { directory, run } = setup([admin, aUser({ id: 'felix', tenantId: FABRIKAM })]);
    const before = snapshotOf(directory);
    const result = await run(actorFor(admin), userId, true, tenantId);
    expect(!result.ok && result.error.code).toBe('NOT_FOUND');
    expect(snapshotOf(directory)).toEqual(before);
  });

  it('leaves a blocked user’s later sessions unusable through the session policy', async () => {
    const { directory, run } = setup([admin, member('mary')]);
    const session = directory.openSession('mary', SIGNED_IN);
    await run(actorFor(admin), 'mary', true);
    expect(sessionEnd(directory.session(session.id), directory.user('mary'), new Date(NOW.getTime() + HOUR / 2))).toBe('BLOCKED');
    expect(sessionEnd({ ...directory.session(session.id), endedAt: null }, directory.user('mary'), NOW)).toBe('BLOCKED');
  });
});

describe('updateTenantSettings', () => {
  function setup() {
    const directory = new InMemoryDirectory({ tenants: tenants(), users: [member('grace', ['globalAdministrator']), member('uma', ['userAdministrator'])] });
    const run = (actorId: string, input: { name?: string; primaryDomain?: string; domains?: string[]; tenantId?: string }) =>
      updateTenantSettings(
        { clock, transaction: directory.transaction },
        {
          actor: actorFor(directory.user(actorId)),
          tenantId: input.tenantId ?? CONTOSO,
          name: input.name ?? 'Contoso Ltd',
          primaryDomain: input.primaryDomain ?? 'contoso.example',
          domains: input.domains ?? ['contoso.example'],
        },
      );
    return { directory, run };
  }

  it('saves normalised settings and audits before and after', async () => {
    const { directory, run } = setup();
    const result = await run('grace', { name: '  Contoso Ltd  ', primaryDomain: 'Contoso.COM.', domains: ['contoso.example', ' Sales.Contoso.com ', ''] });
    expect(result).toEqual({ ok: true, value: undefined });
    expect(directory.tenant(CONTOSO)).toMatchObject({
      name: 'Contoso Ltd',
      primaryDomain: 'contoso.com',
      domains: ['contoso.com', 'contoso.example', 'sales.contoso.com'],
    });
    expect(directory.audit).toEqual([
      {
        tenantId: CONTOSO,
        occurredAt: NOW,
        actor: { userId: 'grace', displayName: 'grace', onBehalfOf: null },
        action: 'tenant.updateSettings',
        target: { type: 'tenant', id: CONTOSO, name: 'Contoso Ltd' },
        before: { name: 'Contoso', primaryDomain: 'contoso.example', domains: ['contoso.example', 'contoso-mail.example'] },
        after: { name: 'Contoso Ltd', primaryDomain: 'contoso.com', domains: ['contoso.com', 'contoso.example', 'sales.contoso.com'] },
      },
    ]);
  });

  it.each<[string, { name?: string; primaryDomain?: string; domains?: string[] }, Record<string, string[]>]>([
    ['an invalid domain', { domains: ['not a domain'] }, { domains: ['Not a valid domain name: not a domain.'] }],
    ['an invalid primary domain', { primaryDomain: 'localhost', domains: [] }, { domains: ['Not a valid domain name: localhost.'] }],
    ['an empty name', { name: '   ' }, { name: ['Enter the organisation name.'] }],
    ['a name over 120 characters', { name: 'x'.repeat(121) }, { name: ['Use at most 120 characters.'] }],
  ])('refuses %s with field errors and changes nothing', async (_label, input, fieldErrors) => {
    const { directory, run } = setup();
    const before = structuredClone(directory.tenant(CONTOSO));
    const result = await run('grace', input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.fieldErrors).toEqual(fieldErrors);
    }
    expect(directory.tenant(CONTOSO)).toEqual(before);
    expect(directory.audit).toHaveLength(0);
  });

  it('refuses a domain owned by another tenant, naming it, and changes nothing', async () => {
    const { directory, run } = setup();
    const before = structuredClone(directory.tenant(CONTOSO));
    const result = await run('grace', { domains: ['contoso.example', 'FABRIKAM.example'] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('CONFLICT');
      expect(result.error.fieldErrors).toEqual({ domains: ['fabrikam.example already belongs to another tenant.'] });
    }
    expect(directory.tenant(CONTOSO)).toEqual(before);
    expect(directory.tenant(FABRIKAM).domains).toEqual(['fabrikam.example']);
    expect(directory.audit).toHaveLength(0);
  });

  it('lets only a Global Administrator change tenant settings', async () => {
    const { directory, run } = setup();
    const result = await run('uma', { name: 'Hijacked' });
    expect(!result.ok && result.error).toMatchObject({ code: 'FORBIDDEN', rule: 'ROLE_REQUIRED' });
    expect(directory.tenant(CONTOSO).name).toBe('Contoso');
  });

  it('answers NOT_FOUND for another tenant', async () => {
    const { directory, run } = setup();
    const result = await run('grace', { tenantId: FABRIKAM, name: 'Hijacked', primaryDomain: 'fabrikam.example', domains: [] });
    expect(!result.ok && result.error.code).toBe('NOT_FOUND');
    expect(directory.tenant(FABRIKAM).name).toBe('Fabrikam');
  });
});
