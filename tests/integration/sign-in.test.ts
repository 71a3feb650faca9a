// Sign-in against PostgreSQL: lockout counters live in the database and follow the clock.
import { createHmac } from 'node:crypto';
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, SIGN_IN_REFUSED, type SignInDeps } from '@/domain/auth/sign-in';
import { manualClock, SECOND } from '@/domain/shared/clock';
import { prismaAuditLog } from '@/server/repositories/audit-repository';
import { prismaSignInStore } from '@/server/repositories/sign-in-store';
import { createTenant, createUser, TEST_BCRYPT_COST, toJson } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('sign-in with smart lockout (real PostgreSQL)', () => {
  let t: TestDatabase;
  const clock = manualClock('2026-03-01T09:00:00Z');
  let deps: SignInDeps;
  let tenant: { id: string; primaryDomain: string };

  beforeAll(async () => {
    t = await createTestDatabase();
    tenant = await createTenant(t.prisma);
    let dummy: string | null = null;
    deps = {
      clock,
      hasher: {
        hash: (p) => bcrypt.hash(p, TEST_BCRYPT_COST),
        verify: (p, h) => bcrypt.compare(p, h),
        verifyDummy: async (p) => {
          dummy ??= await bcrypt.hash('dummy', TEST_BCRYPT_COST);
          await bcrypt.compare(p, dummy);
        },
      },
      store: prismaSignInStore(t.prisma),
      audit: prismaAuditLog(t.prisma),
      fingerprint: (userId, password) => createHmac('sha256', 'test-secret').update(`${userId}:${password}`).digest('hex'),
    };
  });
  afterAll(async () => {
    await t.drop();
  });

  const attempt = (signInName: string, password: string) => signIn(deps, { signInName, password });

  it('signs in with the right password, case-insensitively on the name, and opens a session row', async () => {
    const user = await createUser(t.prisma, tenant, { password: 'Right-Password-1' });
    const result = await attempt(user.signInName.toUpperCase(), 'Right-Password-1');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await t.prisma.userSession.findUniqueOrThrow({ where: { id: result.value.sessionId } });
    expect(session.userId).toBe(user.id);
  });

  it('counts ten different wrong passwords, then locks for 60 s even against the right one, then lets the user in', async () => {
    const user = await createUser(t.prisma, tenant, { password: 'Right-Password-1' });
    for (let i = 1; i <= 10; i++) {
      const r = await attempt(user.signInName, `wrong-${i}`);
      expect(r.ok).toBe(false);
    }
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedSignInCount).toBe(10);
    expect(row.lockedUntil?.getTime()).toBe(clock.now().getTime() + 60 * SECOND);

    const locked = await attempt(user.signInName, 'Right-Password-1');
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(locked.error.message).toBe(SIGN_IN_REFUSED);

    clock.advance(61 * SECOND);
    expect((await attempt(user.signInName, 'Right-Password-1')).ok).toBe(true);
    const after = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.failedSignInCount).toBe(0);
    expect(after.lockedUntil).toBeNull();
  });

  it('counts the same wrong password repeated only once', async () => {
    const user = await createUser(t.prisma, tenant, { password: 'Right-Password-1' });
    for (let i = 0; i < 15; i++) await attempt(user.signInName, 'Summer2026!');
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedSignInCount).toBe(1);
    expect(row.lockedUntil).toBeNull();
    expect(row.recentFailedPasswords).toHaveLength(1);
    expect(row.recentFailedPasswords[0]).not.toContain('Summer');
  });

  it('grows the lockout with further failures after the first lock', async () => {
    const user = await createUser(t.prisma, tenant, { password: 'Right-Password-1' });
    for (let i = 1; i <= 10; i++) await attempt(user.signInName, `bad-${i}`);
    clock.advance(61 * SECOND);
    await attempt(user.signInName, 'bad-11');
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedSignInCount).toBe(11);
    expect(row.lockedUntil?.getTime()).toBe(clock.now().getTime() + 120 * SECOND);
  });

  it('keeps counters consistent under concurrent failures (row lock)', async () => {
    const user = await createUser(t.prisma, tenant, { password: 'Right-Password-1' });
    await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(user.signInName, `parallel-${i}`)));
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedSignInCount).toBe(8);
  });

  it('answers blocked, deleted and unknown accounts with the same refusal', async () => {
    const blocked = await createUser(t.prisma, tenant, { password: 'Right-Password-1', accountEnabled: false });
    const deleted = await createUser(t.prisma, tenant, { password: 'Right-Password-1', deletedAt: new Date('2026-02-01T00:00:00Z') });
    const results = await Promise.all([
      attempt(blocked.signInName, 'Right-Password-1'),
      attempt(deleted.signInName, 'Right-Password-1'),
      attempt('nobody@nowhere.example', 'Right-Password-1'),
      attempt(blocked.signInName, 'wrong'),
    ]);
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toEqual({ code: 'UNAUTHENTICATED', message: SIGN_IN_REFUSED });
    }
  });

  it('audits sign-ins in the user’s tenant without any password', async () => {
    const events = await t.prisma.auditEvent.findMany({ where: { tenantId: tenant.id, action: 'user.signIn' } });
    expect(events.length).toBeGreaterThan(0);
    expect(toJson(events)).not.toMatch(/Right-Password|Summer2026|wrong-/);
  });
});
