// Security groups against PostgreSQL: membership through three levels of nesting, the
// cycle guard (also between two nestings made at the same moment), tenancy, and
// memberships kept across a user's deletion and restore. The read models of the
// groups pages are exercised on the same data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMembers } from '@/domain/groups/add-members';
import { addOwners } from '@/domain/groups/add-owners';
import { createGroup } from '@/domain/groups/create-group';
import { deleteGroup } from '@/domain/groups/delete-group';
import { listUserGroups } from '@/domain/groups/list-user-groups';
import { removeMember } from '@/domain/groups/remove-member';
import { fixedClock } from '@/domain/shared/clock';
import type { Actor } from '@/domain/shared/permissions';
import type { Result } from '@/domain/shared/result';
import { deleteUser } from '@/domain/users/delete-user';
import { restoreUser } from '@/domain/users/restore-user';
import { createPrismaClient } from '@/server/db/client';
import { prismaTransaction } from '@/server/db/transaction';
import { getGroupDetail, getUserGroups, listGroupMembers, listGroups, ownedGroupIds, searchGroupCandidates } from '@/server/queries/groups';
import { prismaGroupRepository } from '@/server/repositories/group-repository';
import { createTenant, createUser } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const valueOf = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

describe('security groups (real PostgreSQL)', () => {
  let t: TestDatabase;
  const clock = fixedClock('2026-05-01T08:00:00Z');
  let deps: { clock: typeof clock; transaction: ReturnType<typeof prismaTransaction> };

  beforeAll(async () => {
    t = await createTestDatabase();
    deps = { clock, transaction: prismaTransaction(t.prisma) };
  });
  afterAll(async () => {
    await t.drop();
  });

  async function tenantWithAdmin() {
    const tenant = await createTenant(t.prisma);
    const admin = await createUser(t.prisma, tenant, { localPart: 'admin', displayName: 'Admin', roles: ['globalAdministrator'] });
    const actor: Actor = { userId: admin.id, displayName: admin.displayName, tenantId: tenant.id, roles: ['globalAdministrator'] };
    const group = async (name: string) => valueOf(await createGroup(deps, { actor, tenantId: tenant.id, name })).id;
    return { tenant, admin, actor, group };
  }

  it('resolves membership through three levels of nesting, each group direct or through the user’s direct group', async () => {
    const { tenant, actor, group } = await tenantWithAdmin();
    const [all, sales, emea, fr] = [await group('All staff'), await group('Sales'), await group('Sales EMEA'), await group('Sales France')];
    const mary = await createUser(t.prisma, tenant, { displayName: 'Mary Parker' });
    valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: all, userIds: [], groupIds: [sales] }));
    valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: sales, userIds: [], groupIds: [emea] }));
    valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: emea, userIds: [], groupIds: [fr] }));
    valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: fr, userIds: [mary.id], groupIds: [] }));

    const resolved = valueOf(await listUserGroups(deps, { actor, tenantId: tenant.id, userId: mary.id }));
    expect(resolved.map((m) => [m.group.name, m.direct ? 'direct' : `through ${m.via?.name}`, m.path.map((p) => p.name).join(' › ')])).toEqual([
      ['Sales France', 'direct', ''],
      ['All staff', 'through Sales France', 'Sales France › Sales EMEA › Sales'],
      ['Sales', 'through Sales France', 'Sales France › Sales EMEA'],
      ['Sales EMEA', 'through Sales France', 'Sales France'],
    ]);
    // The read model of the user page resolves the same way.
    expect(await getUserGroups(t.prisma, tenant.id, mary.id)).toEqual(resolved);
    // Only direct user members are listed as members: environments count no others.
    expect((await listGroupMembers(t.prisma, tenant.id, all)).rows).toEqual([]);
    expect((await listGroupMembers(t.prisma, tenant.id, fr)).rows.map((r) => r.displayName)).toEqual(['Mary Parker']);
  });

  it('refuses A ⊂ B ⊂ C ⊂ A, naming the path, and writes nothing', async () => {
    const { tenant, actor, group } = await tenantWithAdmin();
    const [a, b, c] = [await group('A'), await group('B'), await group('C')];
    valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: b, userIds: [], groupIds: [a] }));
    valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: c, userIds: [], groupIds: [b] }));
    const user = await createUser(t.prisma, tenant, { displayName: 'Ursula' });
    const refused = await addMembers(deps, { actor, tenantId: tenant.id, groupId: a, userIds: [user.id], groupIds: [c] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.rule).toBe('GROUP_CYCLE');
      expect(refused.error.message).toBe('C cannot be added to A: C already contains A (C ⊃ B ⊃ A), and a group cannot contain itself, directly or through other groups.');
    }
    expect(await t.prisma.groupNestedGroup.count({ where: { tenantId: tenant.id } })).toBe(2);
    expect(await t.prisma.groupUserMember.count({ where: { tenantId: tenant.id } })).toBe(0);
    // The group picker marks C as one that cannot go into A.
    expect((await searchGroupCandidates(t.prisma, tenant.id, a, '')).map((g) => [g.name, g.state])).toEqual([
      ['A', 'self'],
      ['B', 'cycle'],
      ['C', 'cycle'],
    ]);
    // The database refuses a group inside itself even without the domain.
    await expect(t.prisma.groupNestedGroup.create({ data: { tenantId: tenant.id, groupId: a, memberGroupId: a } })).rejects.toThrow();
  });

  it('lets exactly one of two simultaneous nestings that would together form a cycle through', async () => {
    const { tenant, actor, group } = await tenantWithAdmin();
    // Two admins on two connection pools, many rounds: X into Y and Y into X at once;
    // and, with P ⊃ Q already, Q ⊃ R and R ⊃ P at once.
    const other = createPrismaClient(t.url, 4);
    const otherDeps = { clock, transaction: prismaTransaction(other) };
    try {
      for (let round = 0; round < 5; round++) {
        const [x, y] = [await group(`X${round}`), await group(`Y${round}`)];
        const pair = await Promise.all([
          addMembers(deps, { actor, tenantId: tenant.id, groupId: x, userIds: [], groupIds: [y] }),
          addMembers(otherDeps, { actor, tenantId: tenant.id, groupId: y, userIds: [], groupIds: [x] }),
        ]);
        expect(pair.filter((r) => r.ok)).toHaveLength(1);
        expect(pair.find((r) => !r.ok)).toMatchObject({ ok: false, error: { rule: 'GROUP_CYCLE' } });
        expect(await t.prisma.groupNestedGroup.count({ where: { tenantId: tenant.id, groupId: { in: [x, y] } } })).toBe(1);

        const [p, q, r] = [await group(`P${round}`), await group(`Q${round}`), await group(`R${round}`)];
        valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: p, userIds: [], groupIds: [q] }));
        const triple = await Promise.all([
          addMembers(otherDeps, { actor, tenantId: tenant.id, groupId: q, userIds: [], groupIds: [r] }),
          addMembers(deps, { actor, tenantId: tenant.id, groupId: r, userIds: [], groupIds: [p] }),
        ]);
        expect(triple.filter((x) => x.ok)).toHaveLength(1);
      }
    } finally {
      await other.$disconnect();
    }
  });

  it('a nesting checked while another transaction holds the tenant’s nesting lock waits, then sees that transaction’s edge', async () => {
    const { tenant, actor, group } = await tenantWithAdmin();
    const [x, y] = [await group('Lock X'), await group('Lock Y')];
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // Transaction 1 takes the lock, and inserts Y ⊂ X only once the second attempt is waiting.
    const first = t.prisma.$transaction(async (tx) => {
      const repo = prismaGroupRepository(tx);
      await repo.lockNesting(tenant.id);
      locked();
      await holding;
      await repo.addNestedGroup(tenant.id, x, y, { id: null, name: 'test' }, new Date());
    });
    await lockTaken;
    let settled = false;
    const second = addMembers(deps, { actor, tenantId: tenant.id, groupId: y, userIds: [], groupIds: [x] }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    release();
    await first;
    const result = await second;
    expect(result).toMatchObject({ ok: false, error: { rule: 'GROUP_CYCLE' } });
  });

  it('lets exactly one of two simultaneous creates of the same name (in any case) through', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const attempts = await Promise.all(['Finance', 'FINANCE', 'finance ', ' Finance'].map((name) => createGroup(deps, { actor, tenantId: tenant.id, name })));
    expect(attempts.filter((a) => a.ok)).toHaveLength(1);
    for (const a of attempts) if (!a.ok) expect(a.error.rule).toBe('GROUP_NAME_TAKEN');
  });

  it('a group of another tenant is not found; the database refuses a membership across tenants', async () => {
    const contoso = await tenantWithAdmin();
    const fabrikam = await tenantWithAdmin();
    const fabGroup = await fabrikam.group('Fabrikam Sales');
    const conGroup = await contoso.group('Contoso Sales');
    const fabUser = await createUser(t.prisma, fabrikam.tenant, { displayName: 'Fay' });

    const actor = contoso.actor;
    for (const result of [
      await addMembers(deps, { actor, tenantId: contoso.tenant.id, groupId: fabGroup, userIds: [], groupIds: [] }),
      await addMembers(deps, { actor, tenantId: fabrikam.tenant.id, groupId: fabGroup, userIds: [fabUser.id], groupIds: [] }),
      await addMembers(deps, { actor, tenantId: contoso.tenant.id, groupId: conGroup, userIds: [fabUser.id], groupIds: [] }),
      await addMembers(deps, { actor, tenantId: contoso.tenant.id, groupId: conGroup, userIds: [], groupIds: [fabGroup] }),
      await addOwners(deps, { actor, tenantId: contoso.tenant.id, groupId: fabGroup, userIds: [contoso.admin.id] }),
      await deleteGroup(deps, { actor, tenantId: contoso.tenant.id, groupId: fabGroup }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await getGroupDetail(t.prisma, contoso.tenant.id, fabGroup)).toBeNull();
    expect((await listGroups(t.prisma, contoso.tenant.id, { q: 'sales' })).rows.map((g) => g.name)).toEqual(['Contoso Sales']);
    await expect(t.prisma.groupUserMember.create({ data: { tenantId: contoso.tenant.id, groupId: conGroup, userId: fabUser.id } })).rejects.toThrow();
    await expect(t.prisma.groupNestedGroup.create({ data: { tenantId: contoso.tenant.id, groupId: conGroup, memberGroupId: fabGroup } })).rejects.toThrow();
    expect(await t.prisma.auditEvent.count({ where: { tenantId: fabrikam.tenant.id, actorUserId: contoso.admin.id } })).toBe(0);
  });

  it('keeps a deleted user’s memberships and ownerships inactive, and a restore brings them back', async () => {
    const { tenant, actor, group } = await tenantWithAdmin();
    const [sales, emea] = [await group('Sales'), await group('Sales EMEA')];
    const dora = await createUser(t.prisma, tenant, { displayName: 'Dora Deleted' });
    valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: sales, userIds: [], groupIds: [emea] }));
    valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: emea, userIds: [dora.id], groupIds: [] }));
    valueOf(await addOwners(deps, { actor, tenantId: tenant.id, groupId: sales, userIds: [dora.id] }));

    valueOf(await deleteUser(deps, { actor, tenantId: tenant.id, userId: dora.id }));
    expect(await t.prisma.groupUserMember.count({ where: { tenantId: tenant.id, userId: dora.id } })).toBe(1);
    expect(await getUserGroups(t.prisma, tenant.id, dora.id)).toBeNull();
    expect((await listGroupMembers(t.prisma, tenant.id, emea)).total).toBe(0);
    expect((await getGroupDetail(t.prisma, tenant.id, emea))?.counts).toMatchObject({ userMembers: 0, inactiveUserMembers: 1 });
    expect((await getGroupDetail(t.prisma, tenant.id, sales))?.counts.owners).toBe(0);
    expect((await listGroups(t.prisma, tenant.id, {})).rows.map((g) => [g.name, g.userMemberCount, g.nestedGroupCount, g.ownerCount])).toEqual([
      ['Sales', 0, 1, 0],
      ['Sales EMEA', 0, 0, 0],
    ]);

    valueOf(await restoreUser(deps, { actor, tenantId: tenant.id, userId: dora.id }));
    expect((await getUserGroups(t.prisma, tenant.id, dora.id))?.map((m) => [m.group.name, m.direct])).toEqual([
      ['Sales EMEA', true],
      ['Sales', false],
    ]);
    expect(await ownedGroupIds(t.prisma, tenant.id, dora.id)).toEqual([sales]);
    expect((await listGroupMembers(t.prisma, tenant.id, emea)).rows.map((r) => r.displayName)).toEqual(['Dora Deleted']);
  });

  it('does not delete a group an environment uses, naming the environment; the foreign key backs the check', async () => {
    const { tenant, actor, group } = await tenantWithAdmin();
    const used = await group('Production users');
    await t.prisma.environment.create({ data: { tenantId: tenant.id, name: 'Contoso Production', nameKey: 'contoso production', type: 'production', securityGroupId: used } });
    const refused = await deleteGroup(deps, { actor, tenantId: tenant.id, groupId: used });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', rule: 'GROUP_IN_USE', details: { environments: ['Contoso Production'] } } });
    expect(await getGroupDetail(t.prisma, tenant.id, used)).not.toBeNull();
    // Had an environment taken the group after the check, the database's refusal reads the same.
    expect(await t.prisma.$transaction((tx) => prismaGroupRepository(tx).delete(tenant.id, used))).toBe('IN_USE');
    const unused = await group('Nobody uses me');
    expect((await deleteGroup(deps, { actor, tenantId: tenant.id, groupId: unused })).ok).toBe(true);
  });

  it('lists groups with search and keyset paging both ways, and audits membership changes', async () => {
    const { tenant, actor, group } = await tenantWithAdmin();
    const names = Array.from({ length: 7 }, (_, i) => `Team ${String.fromCharCode(65 + i)}`);
    for (const name of names) await group(name);
    await group('Other 100%_stuff');
    const first = await listGroups(t.prisma, tenant.id, { q: 'team' }, { size: 3 });
    expect(first.total).toBe(7);
    expect(first.rows.map((g) => g.name)).toEqual(['Team A', 'Team B', 'Team C']);
    expect(first.prevCursor).toBeNull();
    const second = await listGroups(t.prisma, tenant.id, { q: 'team' }, { size: 3, after: first.nextCursor ?? undefined });
    expect(second.rows.map((g) => g.name)).toEqual(['Team D', 'Team E', 'Team F']);
    const back = await listGroups(t.prisma, tenant.id, { q: 'team' }, { size: 3, before: second.prevCursor ?? undefined });
    expect(back.rows.map((g) => g.name)).toEqual(['Team A', 'Team B', 'Team C']);
    const third = await listGroups(t.prisma, tenant.id, { q: 'team' }, { size: 3, after: second.nextCursor ?? undefined });
    expect(third.rows.map((g) => g.name)).toEqual(['Team G']);
    expect(third.nextCursor).toBeNull();
    // LIKE's wildcards are taken literally.
    expect((await listGroups(t.prisma, tenant.id, { q: '0%_' })).rows.map((g) => g.name)).toEqual(['Other 100%_stuff']);
    expect((await listGroups(t.prisma, tenant.id, { q: '%' })).rows.map((g) => g.name)).toEqual(['Other 100%_stuff']);

    const teamA = first.rows[0]!.id;
    const user = await createUser(t.prisma, tenant, { displayName: 'Audrey Audit' });
    valueOf(await addMembers(deps, { actor, tenantId: tenant.id, groupId: teamA, userIds: [user.id], groupIds: [] }));
    valueOf(await removeMember(deps, { actor, tenantId: tenant.id, groupId: teamA, memberType: 'user', memberId: user.id }));
    const events = await t.prisma.auditEvent.findMany({ where: { tenantId: tenant.id, targetId: teamA }, orderBy: { id: 'asc' }, select: { action: true, before: true, after: true, targetType: true } });
    expect(events).toEqual([
      { action: 'group.create', targetType: 'group', before: null, after: { name: 'Team A', description: null } },
      { action: 'group.addMember', targetType: 'group', before: { member: null }, after: { member: 'Audrey Audit', memberType: 'user', memberId: user.id } },
      { action: 'group.removeMember', targetType: 'group', before: { member: 'Audrey Audit', memberType: 'user', memberId: user.id }, after: { member: null } },
    ]);
  });
});
