// The sign-in use case through its ports: one message for every refusal, one
// hash comparison per attempt, smart lockout on the clock, no secret in the audit.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCKOUT_THRESHOLD } from '@/domain/auth/lockout';
import { signIn, SIGN_IN_REFUSED, type SignInDeps } from '@/domain/auth/sign-in';
import { manualClock, MINUTE, SECOND } from '@/domain/shared/clock';
import { aTenant, aUser, FakeHasher, InMemoryDirectory, type StoredUser } from '../support/in-memory-repositories';

const CONTOSO = 'tenant-contoso';
const T0 = new Date('2025-03-01T09:00:00Z');
const PASSWORD = 'Correct-Horse-Battery-9';
const MARY = 'mary@contoso.example';

const REFUSED = { ok: false, error: { code: 'UNAUTHENTICATED', message: SIGN_IN_REFUSED } };

function setup(users: StoredUser[]) {
  const clock = manualClock(T0);
  const directory = new InMemoryDirectory({ tenants: [aTenant({ id: CONTOSO, primaryDomain: 'contoso.example' })], users });
  const hasher = new FakeHasher();
  const deps: SignInDeps = {
    clock,
    hasher,
    store: directory.signInStore,
    audit: directory.auditLog,
    fingerprint: (userId, password) => createHmac('sha256', 'test-key').update(`${userId}\0${password}`).digest('hex'),
  };
  return { clock, directory, hasher, deps, signInAs: (signInName: string, password: string) => signIn(deps, { signInName, password }) };
}

const mary = (overrides: Partial<StoredUser> & { password?: string } = {}) =>
  aUser({ id: 'user-mary', tenantId: CONTOSO, displayName: 'Mary Smith', signInName: MARY, password: PASSWORD, ...overrides });

describe('signIn refuses every failure the same way', () => {
  const lockedUntil = new Date(T0.getTime() + MINUTE);
  const cases: { label: string; users: StoredUser[]; password: string; dummy: boolean }[] = [
    { label: 'unknown user', users: [], password: PASSWORD, dummy: true },
    { label: 'wrong password', users: [mary()], password: 'Wrong-Password-1', dummy: false },
    { label: 'blocked, correct password', users: [mary({ accountEnabled: false })], password: PASSWORD, dummy: false },
    { label: 'deleted, correct password', users: [mary({ deletedAt: new Date('2025-02-01T00:00:00Z') })], password: PASSWORD, dummy: true },
    { label: 'stub user', users: [mary({ kind: 'stub' })], password: PASSWORD, dummy: true },
    { label: 'application user', users: [mary({ kind: 'application' })], password: PASSWORD, dummy: true },
    { label: 'no password set', users: [mary({ passwordHash: null })], password: PASSWORD, dummy: true },
    {
      label: 'locked, correct password',
      users: [mary({ lockout: { failedSignInCount: 10, lockedUntil, recentFailedPasswords: [] } })],
      password: PASSWORD,
      dummy: true,
    },
  ];

  it.each(cases)('$label → the one refusal, one hash comparison (dummy: $dummy), no session', async ({ users, password, dummy }) => {
    const { signInAs, hasher, directory } = setup(users);
    const result = await signInAs(MARY, password);
    expect(result).toEqual(REFUSED);
    // Timing: every attempt costs exactly one bcrypt comparison, real or dummy.
    expect(hasher.calls).toHaveLength(1);
    expect(hasher.dummyVerifications).toBe(dummy ? 1 : 0);
    expect(directory.sessions).toHaveLength(0);
  });

  it('writes no audit event for a name that belongs to nobody', async () => {
    const { signInAs, directory } = setup([]);
    await signInAs('nobody@contoso.example', PASSWORD);
    expect(directory.audit).toHaveLength(0);
  });

  it.each<[string, Partial<StoredUser>, string, string]>([
    ['wrong password', {}, 'Wrong-Password-1', 'Wrong password.'],
    ['blocked', { accountEnabled: false }, PASSWORD, 'Sign-in is blocked for this account.'],
    [
      'locked',
      { lockout: { failedSignInCount: 10, lockedUntil: new Date(T0.getTime() + MINUTE), recentFailedPasswords: [] } },
      PASSWORD,
      'Account locked after repeated failed sign-ins.',
    ],
  ])('audits a refused known user (%s) as a failure, in their tenant', async (_label, overrides, password, detail) => {
    const { signInAs, directory } = setup([mary(overrides)]);
    await signInAs(MARY, password);
    expect(directory.audit).toEqual([
      expect.objectContaining({
        tenantId: CONTOSO,
        occurredAt: T0,
        action: 'user.signIn',
        outcome: 'failure',
        detail,
        target: { type: 'user', id: 'user-mary', name: 'Mary Smith' },
      }),
    ]);
  });
});

describe('signIn with smart lockout', () => {
  it('locks after 10 wrong passwords, then refuses even the right one until the clock passes the lock', async () => {
    const { signInAs, clock, directory, hasher } = setup([mary()]);
    for (let i = 1; i <= LOCKOUT_THRESHOLD; i++) {
      expect(await signInAs(MARY, `Wrong-Password-${i}`)).toEqual(REFUSED);
    }
    expect(directory.user('user-mary').lockout.failedSignInCount).toBe(10);
    expect(directory.user('user-mary').lockout.lockedUntil).toEqual(new Date(T0.getTime() + MINUTE));
    expect(directory.audit.at(-1)?.detail).toBe('Wrong password; account locked.');

    clock.advance(MINUTE - 1);
    hasher.calls.length = 0;
    expect(await signInAs(MARY, PASSWORD)).toEqual(REFUSED);
    expect(hasher.calls).toEqual([{ method: 'verifyDummy', password: PASSWORD }]);
    // A wrong password during the lock is not counted either.
    expect(await signInAs(MARY, 'Wrong-Password-99')).toEqual(REFUSED);
    expect(directory.user('user-mary').lockout.failedSignInCount).toBe(10);

    clock.advance(1);
    const result = await signInAs(MARY, PASSWORD);
    expect(result.ok).toBe(true);
    expect(directory.user('user-mary').lockout).toEqual({ failedSignInCount: 0, lockedUntil: null, recentFailedPasswords: [] });
  });

  it('does not lock someone who repeats the same wrong password', async () => {
    const { signInAs, directory } = setup([mary()]);
    for (let i = 0; i < 20; i++) await signInAs(MARY, 'Same-Typo-Password');
    expect(directory.user('user-mary').lockout).toMatchObject({ failedSignInCount: 1, lockedUntil: null });
    expect((await signInAs(MARY, PASSWORD)).ok).toBe(true);
  });

  it('keeps only fingerprints of wrong passwords, never the passwords', async () => {
    const { signInAs, directory } = setup([mary()]);
    await signInAs(MARY, 'Wrong-Password-1');
    const [remembered] = directory.user('user-mary').lockout.recentFailedPasswords;
    expect(remembered).toMatch(/^[0-9a-f]{64}$/);
    expect(remembered).not.toContain('Wrong-Password-1');
  });

  it('counts wrong passwords while blocked too (the account is still guessed at)', async () => {
    const { signInAs, directory } = setup([mary({ accountEnabled: false })]);
    await signInAs(MARY, 'Wrong-Password-1');
    expect(directory.user('user-mary').lockout.failedSignInCount).toBe(1);
  });
});

describe('signIn success', () => {
  it('opens a session at the user’s session version and changes nothing else about them', async () => {
    const { signInAs, directory, clock } = setup([
      mary({ sessionVersion: 7, lockout: { failedSignInCount: 3, lockedUntil: null, recentFailedPasswords: ['a', 'b', 'c'] } }),
    ]);
    const earlier = directory.openSession('user-mary', T0, 'session-earlier');
    earlier.sessionVersion = 7;
    const before = structuredClone(directory.user('user-mary'));
    clock.advance(5 * SECOND);

    const result = await signInAs(MARY, PASSWORD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({ sessionId: expect.any(String), userId: 'user-mary', tenantId: CONTOSO, mustChangePassword: false });

    const session = directory.session(result.value.sessionId);
    expect(session).toMatchObject({ userId: 'user-mary', tenantId: CONTOSO, sessionVersion: 7, createdAt: clock.now(), endedAt: null });
    // Another open session of the same user keeps working.
    expect(directory.session('session-earlier').endedAt).toBeNull();

    const after = directory.user('user-mary');
    expect(after.lockout).toEqual({ failedSignInCount: 0, lockedUntil: null, recentFailedPasswords: [] });
    const { lockout: _a, lastSignInAt: _b, ...restBefore } = before;
    const { lockout: _c, lastSignInAt: _d, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
  });

  it('accepts the sign-in name in any case and with spaces around it', async () => {
    const { signInAs } = setup([mary()]);
    expect((await signInAs('  MARY@Contoso.Example ', PASSWORD)).ok).toBe(true);
  });

  it('signs in the live user when a deleted one once had the same name', async () => {
    const { signInAs } = setup([
      mary({ id: 'user-old-mary', password: 'Old-Mary-Password-1', deletedAt: new Date('2025-02-01T00:00:00Z') }),
      mary(),
    ]);
    const result = await signInAs(MARY, PASSWORD);
    expect(result.ok && result.value.userId).toBe('user-mary');
    expect(await signInAs(MARY, 'Old-Mary-Password-1')).toEqual(REFUSED);
  });

  it('returns mustChangePassword for a temporary password, and says so in the audit', async () => {
    const { signInAs, directory } = setup([mary({ mustChangePassword: true })]);
    const result = await signInAs(MARY, PASSWORD);
    expect(result.ok && result.value.mustChangePassword).toBe(true);
    expect(directory.audit).toEqual([
      expect.objectContaining({ action: 'user.signIn', outcome: 'success', detail: 'Signed in with a temporary password.' }),
    ]);
    expect(directory.user('user-mary').mustChangePassword).toBe(true);
  });

  it('writes audit events with the actor and no password or hash anywhere', async () => {
    const { signInAs, directory } = setup([mary()]);
    await signInAs(MARY, 'Wrong-Password-1');
    await signInAs(MARY, PASSWORD);
    expect(directory.audit.map((e) => e.outcome)).toEqual(['failure', 'success']);
    expect(directory.audit[1]).toMatchObject({
      actor: { userId: 'user-mary', displayName: 'Mary Smith', homeTenantId: CONTOSO, onBehalfOf: null },
      detail: 'Signed in.',
    });
    const written = JSON.stringify(directory.audit);
    expect(written).not.toContain(PASSWORD);
    expect(written).not.toContain('Wrong-Password-1');
    expect(written).not.toContain(FakeHasher.hashOf(PASSWORD));
    expect(written).not.toMatch(/password"\s*:/i);
  });
});
