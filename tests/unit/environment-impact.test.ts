// Impact preview (domain.md §7): what a change that affects eligibility would do,
// in words, computed by the same engine on the inputs as the change would leave
// them — read against the rows as the next sync would leave them anyway.
import { describe, expect, it } from 'vitest';
import { computeImpact, usersInScope, type ImpactChange } from '@/domain/environments/impact';
import { synchroniseEnvironment } from '@/domain/environments/synchronise';
import { fixedClock } from '@/domain/shared/clock';
import { anEnvironment, environmentsOf } from '../support/in-memory-environments';
import { aSubscription, aTenant, aUser, InMemoryDirectory } from '../support/in-memory-repositories';

const CONTOSO = 'tenant-contoso';
const clock = fixedClock('2026-03-02T10:00:00Z');

async function world() {
  const directory = new InMemoryDirectory({
    tenants: [aTenant({ id: CONTOSO })],
    users: [
      aUser({ id: 'mary', tenantId: CONTOSO, displayName: 'Mary Parker' }),
      aUser({ id: 'megan', tenantId: CONTOSO, displayName: 'Megan Bowen', roles: ['globalAdministrator'] }),
      aUser({ id: 'sam', tenantId: CONTOSO, displayName: 'Sam Sales' }),
      aUser({ id: 'lee', tenantId: CONTOSO, displayName: 'Lee Gu' }),
    ],
    subscriptions: [
      aSubscription({ id: 'sales', tenantId: CONTOSO, productName: 'Dynamics 365 Sales Enterprise', seats: 10, grantsDataverse: true }),
      aSubscription({ id: 'e3', tenantId: CONTOSO, productName: 'Office 365 E3', seats: 10, freeDataversePlan: true }),
    ],
  });
  directory.assignLicence('sales', 'mary');
  directory.assignLicence('sales', 'megan');
  directory.assignLicence('e3', 'sam');
  directory.assignLicence('sales', 'lee');
  directory.groups.addGroup({ id: 'sales-team', tenantId: CONTOSO, name: 'Sales Team' });
  directory.groups.addGroup({ id: 'finance', tenantId: CONTOSO, name: 'Finance' });
  directory.groups.addMember('sales-team', 'mary');
  directory.groups.addMember('finance', 'sam');
  const environments = environmentsOf(directory);
  environments.addEnvironment(anEnvironment({ id: 'prod', tenantId: CONTOSO, name: 'Contoso Production', securityGroupId: 'sales-team' }));
  environments.addEnvironment(anEnvironment({ id: 'sandbox', tenantId: CONTOSO, name: 'Contoso Sandbox', type: 'sandbox' }));
  const repo = environments.repository;
  for (const id of ['prod', 'sandbox']) await synchroniseEnvironment(repo, clock, { tenantId: CONTOSO, environmentId: id, trigger: 'background', userIds: null });

  const impact = async (change: ImpactChange, groupName: string | null = null) => {
    const all = await repo.listForTenant(CONTOSO);
    const list = change.kind === 'changeEnvironmentGroup' ? all.filter((e) => e.id === change.environmentId) : all;
    const userIds = usersInScope(change);
    const scopes = await Promise.all(list.map(async (environment) => ({ environment, input: await repo.loadSyncInput(CONTOSO, environment, userIds) })));
    return computeImpact(scopes, change, groupName);
  };
  return { impact, environments };
}

describe('impact preview', () => {
  it('removing the only Dataverse licence disables the user everywhere, with the reason', async () => {
    const { impact } = await world();
    const result = await impact({ kind: 'removeLicence', userId: 'mary', subscriptionId: 'sales' });
    expect(result.headline).toBe('Disables Mary Parker in 2 environments');
    expect(result.lines.map((l) => l.sentence)).toEqual([
      'Mary Parker will be disabled in Contoso Production: no licence that includes Dataverse',
      'Mary Parker will be disabled in Contoso Sandbox: no licence that includes Dataverse',
    ]);
  });

  it('removing a Global Administrator’s licence keeps them in as an administrative user (why it is not the way to disable)', async () => {
    const { impact } = await world();
    const result = await impact({ kind: 'removeLicence', userId: 'megan', subscriptionId: 'sales' });
    expect(result.lines.map((l) => [l.environmentName, l.effect, l.sentence])).toEqual([
      ['Contoso Production', 'accessMode', 'Megan Bowen stays enabled in Contoso Production but becomes an administrative user (settings only, no access to data)'],
      ['Contoso Sandbox', 'accessMode', 'Megan Bowen stays enabled in Contoso Sandbox but becomes an administrative user (settings only, no access to data)'],
    ]);
  });

  it('removing the member from the environment’s group disables them only there', async () => {
    const { impact } = await world();
    const result = await impact({ kind: 'removeGroupMember', groupId: 'sales-team', userId: 'mary' });
    expect(result.headline).toBe('Disables Mary Parker in Contoso Production');
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]?.sentence).toBe('Mary Parker will be disabled in Contoso Production: not a member of group Sales Team');
  });

  it('blocking and deleting disable; a change that matters nowhere says so', async () => {
    const { impact } = await world();
    expect((await impact({ kind: 'blockUser', userId: 'mary' })).lines.map((l) => l.sentence)).toEqual([
      'Mary Parker will be disabled in Contoso Production: sign-in is blocked',
      'Mary Parker will be disabled in Contoso Sandbox: sign-in is blocked',
    ]);
    expect((await impact({ kind: 'deleteUser', userId: 'mary' })).headline).toBe('Disables Mary Parker in 2 environments');
    expect(await impact({ kind: 'removeGroupMember', groupId: 'finance', userId: 'sam' })).toEqual({ headline: 'No environment changes', lines: [] });
    expect(await impact({ kind: 'removeLicence', userId: 'sam', subscriptionId: 'e3' })).toEqual({ headline: 'No environment changes', lines: [] });
  });

  it('a bulk block or delete of selected users sums up each user’s impact', async () => {
    const { impact } = await world();
    // Sam is in no environment: blocking him changes nothing there.
    const blocked = await impact({ kind: 'blockUsers', userIds: ['mary', 'megan', 'sam'] });
    const one = async (userId: string) => (await impact({ kind: 'blockUser', userId })).lines.map((l) => l.sentence);
    const each = [...(await one('mary')), ...(await one('megan')), ...(await one('sam'))];
    expect(each.length).toBeGreaterThan(2);
    expect(new Set(blocked.lines.map((l) => l.sentence))).toEqual(new Set(each));
    expect(new Set(blocked.lines.map((l) => l.userId))).toEqual(new Set(['mary', 'megan']));
    expect((await impact({ kind: 'deleteUsers', userIds: ['mary'] })).headline).toBe('Disables Mary Parker in 2 environments');
    expect(await impact({ kind: 'deleteUsers', userIds: ['nobody'] })).toEqual({ headline: 'No environment changes', lines: [] });
  });

  it('changing an environment’s group says who is disabled and who is added', async () => {
    const { impact } = await world();
    const result = await impact({ kind: 'changeEnvironmentGroup', environmentId: 'prod', groupId: 'finance' }, 'Finance');
    expect(result.lines.map((l) => l.sentence)).toEqual(['Mary Parker will be disabled in Contoso Production: not a member of group Finance']);
    const everyone = await impact({ kind: 'changeEnvironmentGroup', environmentId: 'sandbox', groupId: 'finance' }, 'Finance');
    expect(everyone.headline).toBe('Disables 2 users in Contoso Sandbox');
    const opened = await impact({ kind: 'changeEnvironmentGroup', environmentId: 'prod', groupId: null });
    // Lee (licensed, in no group) is added; Sam has only a free plan (on demand only): still not added by the sync.
    expect(opened.headline).toBe('Adds Lee Gu to Contoso Production');
    expect(opened.lines.map((l) => l.sentence)).toEqual(['Lee Gu will be added to Contoso Production and enabled, but has no security role: can sign in, sees no data']);
  });

  it('describes only the change itself, not what the next sync would do anyway', async () => {
    const { impact, environments } = await world();
    // Mary's row is disabled in the table but she is eligible: the next sync enables her regardless.
    const row = environments.rowOf('prod', 'mary');
    if (row) row.isEnabled = false;
    expect(await impact({ kind: 'removeGroupMember', groupId: 'finance', userId: 'mary' })).toEqual({ headline: 'No environment changes', lines: [] });
  });
});
