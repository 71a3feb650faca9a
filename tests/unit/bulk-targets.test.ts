// The preview of bulk delete, restore, block and unblock: who is affected, who is refused and why,
// with the rules of one-by-one (no self, no last Global Administrator, tiers, 30 days).
import { describe, expect, it } from 'vitest';
import { validateBulkTargets, type BulkTargetContext, type TargetCandidate } from '@/domain/imports/bulk-targets';
import { DAY } from '@/domain/shared/clock';
import type { Actor, RoleId } from '@/domain/shared/permissions';

const TENANT = 'bbbbbbbb-0000-4000-8000-000000000001';
const NOW = new Date('2026-06-01T12:00:00Z');
const actor = (roles: RoleId[]): Actor => ({ userId: 'me', displayName: 'Me', tenantId: TENANT, roles });

function user(name: string, overrides: Partial<TargetCandidate> = {}): TargetCandidate {
  return { id: `id-${name}`, tenantId: TENANT, displayName: name, signInName: `${name}@contoso.example`, roles: [], accountEnabled: true, deletedAt: null, ...overrides };
}

function context(overrides: Partial<BulkTargetContext> & { users?: TargetCandidate[] }): BulkTargetContext {
  const candidates = new Map<string, { live?: TargetCandidate; deleted?: TargetCandidate }>();
  for (const u of overrides.users ?? []) {
    const key = u.signInName.toLowerCase();
    const entry = candidates.get(key) ?? {};
    if (u.deletedAt) entry.deleted = u;
    else entry.live = u;
    candidates.set(key, entry);
  }
  return { actor: actor(['globalAdministrator']), tenantId: TENANT, operation: 'delete', now: NOW, candidates, takenByLiveUsers: new Set(), activeGlobalAdminCount: 1, ...overrides };
}

const lines = (names: string[]) => names.map((signInName, i) => ({ line: i + 2, signInName }));
const summary = (rows: ReturnType<typeof validateBulkTargets>) => rows.map((r) => r.plan ?? r.errors[0]?.code);

describe('bulk delete preview', () => {
  it('plans a delete for each live user, and refuses self, unknown, already deleted, duplicates and bad names', () => {
    const rows = validateBulkTargets(
      lines(['ann@contoso.example', 'me@contoso.example', 'ghost@contoso.example', 'gone@contoso.example', 'ANN@contoso.example', 'not-a-name', '']),
      context({ users: [user('ann'), user('me', { id: 'me' }), user('gone', { deletedAt: new Date(NOW.getTime() - DAY) })], activeGlobalAdminCount: 2 }),
    );
    expect(summary(rows)).toEqual(['delete', 'NOT_YOURSELF', 'NOT_FOUND', 'ALREADY_DELETED', 'DUPLICATE_IN_FILE', 'INVALID', 'REQUIRED']);
    expect(rows[0]).toMatchObject({ targetUserId: 'id-ann', displayName: 'ann' });
    expect(rows[4]?.errors[0]?.message).toBe('Already listed on line 2.');
  });

  it('lets the list take Global Administrators away only while another stays, as the job would find', () => {
    const admins = ['ga1', 'ga2', 'ga3'].map((n) => user(n, { roles: ['globalAdministrator'] }));
    const blockedAdmin = user('ga4', { roles: ['globalAdministrator'], accountEnabled: false });
    const rows = validateBulkTargets(lines(admins.map((a) => a.signInName).concat(blockedAdmin.signInName)), context({ users: [...admins, blockedAdmin], activeGlobalAdminCount: 3 }));
    expect(summary(rows)).toEqual(['delete', 'delete', 'LAST_GLOBAL_ADMIN', 'delete']);
    expect(rows[2]?.errors[0]?.message).toBe('ga3 is the last Global Administrator of this tenant. Make someone else a Global Administrator first.');
  });

  it('applies the actor’s tier ceiling, and needs the delete permission at all', () => {
    const users = [user('pra', { roles: ['privilegedRoleAdministrator'] }), user('helpdesk', { roles: ['helpdeskAdministrator'] })];
    const asUserAdmin = validateBulkTargets(lines(users.map((u) => u.signInName)), context({ actor: actor(['userAdministrator']), users }));
    expect(summary(asUserAdmin)).toEqual(['TIER_CEILING', 'delete']);
    const asWriter = validateBulkTargets(lines(['helpdesk@contoso.example']), context({ actor: actor(['directoryWriters']), users }));
    expect(summary(asWriter)).toEqual(['ROLE_REQUIRED']);
  });
});

describe('bulk block and unblock preview', () => {
  it('plans a block for each live user with the one-by-one rules: not yourself, not the last Global Administrator, tiers', () => {
    const users = [user('ann'), user('me', { id: 'me' }), user('ga1', { roles: ['globalAdministrator'] }), user('ga2', { roles: ['globalAdministrator'] }), user('gone', { deletedAt: new Date(NOW.getTime() - DAY) })];
    const rows = validateBulkTargets(lines(users.map((u) => u.signInName)), context({ operation: 'block', users, activeGlobalAdminCount: 2 }));
    expect(summary(rows)).toEqual(['block', 'NOT_YOURSELF', 'block', 'LAST_GLOBAL_ADMIN', 'ALREADY_DELETED']);
    expect(rows[4]?.errors[0]?.message).toBe('gone is deleted.');
    const asHelpdesk = validateBulkTargets(lines(['ann@contoso.example']), context({ operation: 'block', actor: actor(['helpdeskAdministrator']), users }));
    expect(summary(asHelpdesk)).toEqual(['ROLE_REQUIRED']);
  });

  it('unblocks Global Administrators without counting them, and needs the block permission too', () => {
    const admins = ['ga1', 'ga2'].map((n) => user(n, { roles: ['globalAdministrator'], accountEnabled: false }));
    const rows = validateBulkTargets(lines(admins.map((a) => a.signInName)), context({ operation: 'unblock', users: admins, activeGlobalAdminCount: 1 }));
    expect(summary(rows)).toEqual(['unblock', 'unblock']);
    const asUserAdmin = validateBulkTargets(lines(['ga1@contoso.example']), context({ operation: 'unblock', actor: actor(['userAdministrator']), users: admins }));
    expect(summary(asUserAdmin)).toEqual(['TIER_CEILING']);
  });
});

describe('bulk restore preview', () => {
  const deleted = (name: string, daysAgo: number, overrides: Partial<TargetCandidate> = {}) => user(name, { deletedAt: new Date(NOW.getTime() - daysAgo * DAY), ...overrides });

  it('plans a restore within 30 days, and refuses expired, not deleted, taken names and tiers', () => {
    const users = [deleted('ann', 3), deleted('old', 30), user('live'), deleted('taken', 1), deleted('boss', 1, { roles: ['globalAdministrator'] })];
    const rows = validateBulkTargets(
      lines(['ann@contoso.example', 'old@contoso.example', 'live@contoso.example', 'taken@contoso.example', 'boss@contoso.example']),
      context({ operation: 'restore', actor: actor(['directoryWriters']), users, takenByLiveUsers: new Set(['taken@contoso.example']) }),
    );
    expect(summary(rows)).toEqual(['restore', 'RESTORE_WINDOW_PASSED', 'NOT_DELETED', 'SIGN_IN_NAME_TAKEN', 'TIER_CEILING']);
    expect(rows[3]?.errors[0]?.message).toContain('Restore them from Deleted users with a new sign-in name');
  });
});
