// The users list and the deleted users list against PostgreSQL: tenant isolation,
// prefix and "contains" search (with LIKE's wildcards typed by the user), filters,
// sorts, keyset paging both ways, counts, "select all N matching", and the plans
// at 20,000 users. Reset: the file works on its own clone of the migrated template
// (dropped afterwards) and each describe block creates its own tenants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleId } from '@/domain/shared/permissions';
import type { UserKind } from '@/domain/users/user';
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import {
  countDeletedUsers,
  listDeletedUsers,
  listUserIdsMatching,
  listUsers,
  parseUserListFilter,
  RESTORE_WINDOW_DAYS,
  walkUsers,
  type UserListFilter,
  type UserListSort,
} from '@/server/queries/users-list';
import { createTenant, createUser } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Spec = {
  name: string;
  local: string;
  kind?: UserKind;
  blocked?: boolean;
  email?: string;
  roles?: RoleId[];
  createdAt?: string;
  deleted?: { at: string; by: string | null };
};
type Seeded = Spec & { id: string; signInName: string; created: Date };
type Tenant = { id: string; primaryDomain: string };

const TIE = '2026-01-05T12:00:00.000Z';
const LIVE_A: Spec[] = [
  { name: 'Alice Andersson', local: 'alice.andersson', email: 'alice@home.example', roles: ['globalAdministrator'] },
  { name: 'alan Turing', local: 'alan.turing' },
  { name: 'Bob Brown', local: 'bob.brown', blocked: true },
  { name: 'Carol 50% Off', local: 'carol.pct' },
  { name: 'Carol 500 Off', local: 'carol.500' },
  { name: 'D_Unit Tester', local: 'd_unit' },
  { name: 'Dana Smith', local: 'dana.smith', kind: 'application' },
  { name: 'DanXUnder', local: 'danx' },
  { name: 'Back\\Slash', local: 'back.slash' },
  { name: 'Backslash Fan', local: 'backslash.fan' },
  { name: 'Sal Alvarez', local: 'sal.alvarez' },
  { name: 'Zed Zulu', local: 'zed.zulu', email: 'Alpha.Zed@Mail.example' },
  { name: 'Quinn Loud', local: 'aloud.quinn' },
  { name: 'Sam Same', local: 'sam1', kind: 'nonInteractive', createdAt: TIE },
  { name: 'Sam Same', local: 'sam2', kind: 'stub', createdAt: TIE, blocked: true },
  { name: 'Sam Same', local: 'sam3', createdAt: TIE, roles: ['helpdeskAdministrator'] },
  { name: 'Sam Same', local: 'sam4', createdAt: TIE },
  { name: 'Erin Early', local: 'erin.early', kind: 'stub', createdAt: '2025-06-01T00:00:00.000Z' },
  { name: 'Frank Fort', local: 'frank.fort', roles: ['userAdministrator', 'globalReader'] },
  { name: 'Gina Green', local: 'gina.green', kind: 'nonInteractive', blocked: true },
];
const DELETED_A: Spec[] = [
  { name: 'Alice Deleted', local: 'alice.gone', deleted: { at: '2026-03-01T10:00:00.000Z', by: 'Alice Andersson' } },
  { name: 'Old Timer', local: 'old.timer', deleted: { at: '2026-02-10T08:00:00.000Z', by: null } },
  { name: 'Tie One', local: 'tie.one', deleted: { at: '2026-02-20T09:30:00.000Z', by: 'Frank Fort' } },
  { name: 'Tie Two', local: 'tie.two', deleted: { at: '2026-02-20T09:30:00.000Z', by: 'Frank Fort' } },
  { name: 'Carol 50% Gone', local: 'carol.gone', deleted: { at: '2026-02-25T16:45:00.000Z', by: 'Alice Andersson' } },
];
const USERS_B: Spec[] = [
  { name: 'Alice Intruder', local: 'alice.intruder', email: 'alice@b.example', roles: ['globalAdministrator'] },
  { name: 'Carol 50% Other', local: 'carol.other' },
  { name: 'Alice B Deleted', local: 'alice.b.gone', deleted: { at: '2026-03-02T00:00:00.000Z', by: 'Alice Intruder' } },
];

async function seed(db: Db, tenant: Tenant, specs: Spec[], startHour: number): Promise<Seeded[]> {
  const seeded: Seeded[] = [];
  for (const [i, spec] of specs.entries()) {
    const signInName = `${spec.local}@${tenant.primaryDomain}`;
    const created = new Date(spec.createdAt ?? Date.UTC(2026, 0, 1, startHour + i));
    const row = await db.user.create({
      data: {
        tenantId: tenant.id,
        kind: spec.kind ?? 'member',
        signInName,
        signInNameKey: signInName.toLowerCase(),
        displayName: spec.name,
        alternateEmail: spec.email ?? null,
        accountEnabled: !spec.blocked,
        createdAt: created,
        deletedAt: spec.deleted ? new Date(spec.deleted.at) : null,
        deletedByName: spec.deleted?.by ?? null,
        roleAssignments: { create: (spec.roles ?? []).map((roleId) => ({ roleId })) },
      },
      select: { id: true },
    });
    seeded.push({ ...spec, id: row.id, signInName, created });
  }
  return seeded;
}

const baseFilter = (overrides: Partial<UserListFilter> = {}): UserListFilter => ({ sort: 'displayName', dir: 'asc', ...overrides });
const names = (rows: { displayName: string }[]) => rows.map((r) => r.displayName).sort();
const specNames = (specs: Spec[]) => specs.map((s) => s.name).sort();

/** Every row of a filter, following nextCursor from the first page. */
async function pageForward(db: Db, tenantId: string, filter: UserListFilter, size: number) {
  const pages: { ids: string[]; prevCursor: string | null; nextCursor: string | null; total: number }[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listUsers(db, tenantId, filter, { after, size });
    pages.push({ ids: page.rows.map((r) => r.id), prevCursor: page.prevCursor, nextCursor: page.nextCursor, total: page.total });
    if (!page.nextCursor) return pages;
    after = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('users list (real PostgreSQL)', () => {
  let t: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  let liveA: Seeded[];
  let deletedA: Seeded[];
  let usersB: Seeded[];

  beforeAll(async () => {
    t = await createTestDatabase();
    a = await createTenant(t.prisma);
    b = await createTenant(t.prisma);
    liveA = await seed(t.prisma, a, LIVE_A, 0);
    deletedA = await seed(t.prisma, a, DELETED_A, 100);
    usersB = await seed(t.prisma, b, USERS_B, 0);
  });
  afterAll(async () => {
    await t.drop();
  });

  /** The expected order, with the database's own collation deciding between keys. */
  async function expectedOrder(users: Seeded[], sort: UserListSort, dir: 'asc' | 'desc'): Promise<string[]> {
    if (sort === 'createdAt') {
      const sorted = [...users].sort((x, y) => x.created.getTime() - y.created.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      const ids = sorted.map((u) => u.id);
      return dir === 'asc' ? ids : ids.reverse();
    }
    const keys = users.map((u) => (sort === 'displayName' ? u.name : u.signInName.toLowerCase()));
    const rows = await t.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT x.id::text AS id FROM unnest(${keys}::text[], ${users.map((u) => u.id)}::uuid[]) AS x(k, id)
      ORDER BY lower(x.k) ${dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`}, x.id ${dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`}`);
    return rows.map((r) => r.id);
  }

  describe('parseUserListFilter', () => {
    it('defaults to display name ascending and drops unknown or invalid values', () => {
      expect(parseUserListFilter({})).toEqual({ sort: 'displayName', dir: 'asc' });
      expect(parseUserListFilter({ status: 'deleted', kind: 'robot', admin: 'maybe', sort: 'password', dir: 'up', tenantId: 'x' })).toEqual({
        sort: 'displayName',
        dir: 'asc',
      });
      expect(parseUserListFilter({ q: 'ann', status: 'blocked', kind: 'stub', admin: 'no', sort: 'createdAt', dir: 'desc' })).toEqual({
        q: 'ann',
        status: 'blocked',
        kind: 'stub',
        admin: 'no',
        sort: 'createdAt',
        dir: 'desc',
      });
    });

    it('takes the first of repeated params, trims q, drops an empty one and caps it at 100 characters', () => {
      expect(parseUserListFilter({ q: ['  bob  ', 'x'], sort: ['signInName', 'createdAt'] })).toEqual({ q: 'bob', sort: 'signInName', dir: 'asc' });
      expect(parseUserListFilter({ q: '   ' })).toEqual({ sort: 'displayName', dir: 'asc' });
      expect(parseUserListFilter({ q: `  ${'é'.repeat(150)}` }).q).toBe('é'.repeat(100));
    });
  });

  describe('tenant isolation', () => {
    it('never shows a user of another tenant, in the list, a search or the ids of "select all"', async () => {
      const bIds = new Set(usersB.map((u) => u.id));
      for (const q of [undefined, 'al', 'alice', 'carol 50%', '50%']) {
        const filter = baseFilter(q ? { q } : {});
        const page = await listUsers(t.prisma, a.id, filter, { size: 200 });
        expect(page.rows.some((r) => bIds.has(r.id)), q).toBe(false);
        const { ids } = await listUserIdsMatching(t.prisma, a.id, filter, 1000);
        expect(ids.some((id) => bIds.has(id)), q).toBe(false);
      }
      expect((await listUsers(t.prisma, a.id, baseFilter({ q: 'intruder' }))).total).toBe(0);
      expect((await listDeletedUsers(t.prisma, a.id, { q: 'alice' })).rows.map((r) => r.displayName)).toEqual(['Alice Deleted']);
    });

    it('a cursor taken from another tenant only positions the page: the rows stay this tenant’s', async () => {
      const fromB = await listUsers(t.prisma, b.id, baseFilter(), { size: 1 });
      expect(fromB.nextCursor).not.toBeNull();
      const aIds = new Set(liveA.map((u) => u.id));
      for (const page of [{ after: fromB.nextCursor ?? undefined }, { before: fromB.nextCursor ?? undefined }]) {
        const rows = (await listUsers(t.prisma, a.id, baseFilter(), { ...page, size: 200 })).rows;
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => aIds.has(r.id))).toBe(true);
      }
      const deletedFromB = await listDeletedUsers(t.prisma, b.id, {}, { size: 1 });
      const deletedRows = (await listDeletedUsers(t.prisma, a.id, {}, { after: encodeDeletedCursorAfterAll(deletedFromB.rows[0]?.id) })).rows;
      expect(deletedRows.map((r) => r.id).sort()).toEqual(deletedA.map((d) => d.id).sort());
    });

    it('counts only this tenant’s deleted users', async () => {
      expect(await countDeletedUsers(t.prisma, a.id)).toBe(DELETED_A.length);
      expect(await countDeletedUsers(t.prisma, b.id)).toBe(1);
    });
  });

  describe('search', () => {
    const search = async (q: string) => listUsers(t.prisma, a.id, baseFilter({ q }), { size: 200 });

    it('matches 1–2 characters as a case-insensitive prefix of display name, sign-in name or alternate email', async () => {
      // Alice and alan by display name, Quinn by sign-in name (aloud.quinn@), Zed by email (Alpha.Zed@); not Sal Alvarez.
      const expected = ['Alice Andersson', 'Quinn Loud', 'Zed Zulu', 'alan Turing'].sort();
      expect(names((await search('al')).rows)).toEqual(expected);
      expect(names((await search('AL')).rows)).toEqual(expected);
      expect((await search('al')).total).toBe(4);
      expect(names((await search('z')).rows)).toEqual(['Zed Zulu']);
      // "ce" is inside "Alice" but no field starts with it.
      expect((await search('ce')).rows).toEqual([]);
    });

    it('matches 3 or more characters anywhere (trigram "contains"), case-insensitively, across the three fields', async () => {
      expect(names((await search('lic')).rows)).toEqual(['Alice Andersson']);
      expect(names((await search('ALV')).rows)).toEqual(['Sal Alvarez']);
      expect(names((await search('zed@mail')).rows)).toEqual(['Zed Zulu']);
      expect(names((await search('home.example')).rows)).toEqual(['Alice Andersson']);
      expect(names((await search('sam')).rows)).toEqual(['Sam Same', 'Sam Same', 'Sam Same', 'Sam Same']);
      expect((await search('nobody-by-this-name')).total).toBe(0);
    });

    it('takes %, _ and \\ typed by the user literally', async () => {
      expect(names((await search('50%')).rows)).toEqual(['Carol 50% Off']);
      expect(names((await search('0% o')).rows)).toEqual(['Carol 50% Off']);
      expect(names((await search('%')).rows)).toEqual([]);
      expect(names((await search('d_')).rows)).toEqual(['D_Unit Tester']);
      expect(names((await search('n_u')).rows)).toEqual([]);
      expect(names((await search('d_unit')).rows)).toEqual(['D_Unit Tester']);
      expect(names((await search('k\\s')).rows)).toEqual(['Back\\Slash']);
      expect(names((await search('_')).rows)).toEqual([]);
    });
  });

  describe('filters', () => {
    const matching = async (filter: Partial<UserListFilter>) => names((await listUsers(t.prisma, a.id, baseFilter(filter), { size: 200 })).rows);

    it('by status', async () => {
      expect(await matching({ status: 'active' })).toEqual(specNames(LIVE_A.filter((s) => !s.blocked)));
      expect(await matching({ status: 'blocked' })).toEqual(specNames(LIVE_A.filter((s) => s.blocked)));
    });

    it('by kind', async () => {
      for (const kind of ['member', 'application', 'nonInteractive', 'stub'] as const) {
        expect(await matching({ kind }), kind).toEqual(specNames(LIVE_A.filter((s) => (s.kind ?? 'member') === kind)));
      }
    });

    it('by having an admin role in the tenant', async () => {
      expect(await matching({ admin: 'yes' })).toEqual(specNames(LIVE_A.filter((s) => s.roles?.length)));
      expect(await matching({ admin: 'no' })).toEqual(specNames(LIVE_A.filter((s) => !s.roles?.length)));
    });

    it('counts "no admin role" as all matches less those with one, under the other filters too', async () => {
      const total = async (filter: Partial<UserListFilter>) => (await listUsers(t.prisma, a.id, baseFilter(filter), { size: 1 })).total;
      expect(await total({ admin: 'no' })).toBe(LIVE_A.filter((s) => !s.roles?.length).length);
      expect(await total({ admin: 'no', status: 'blocked' })).toBe(LIVE_A.filter((s) => !s.roles?.length && s.blocked).length);
      const prefix = (s: Spec) => [s.name, s.local, s.email ?? ''].some((text) => text.toLowerCase().startsWith('sa'));
      expect(await total({ admin: 'no', q: 'sa' })).toBe(LIVE_A.filter((s) => !s.roles?.length && prefix(s)).length);
      expect(await total({ admin: 'yes', status: 'active' })).toBe(LIVE_A.filter((s) => s.roles?.length && !s.blocked).length);
    });

    it('combined with search, with a total of all matches', async () => {
      const page = await listUsers(t.prisma, a.id, baseFilter({ q: 'sam', status: 'active', admin: 'no' }), { size: 1 });
      expect(page.total).toBe(2);
      expect(page.rows).toHaveLength(1);
    });

    it('lists live users only, with their roles', async () => {
      const page = await listUsers(t.prisma, a.id, baseFilter(), { size: 200 });
      expect(page.total).toBe(LIVE_A.length);
      expect(names(page.rows)).toEqual(specNames(LIVE_A));
      const frank = page.rows.find((r) => r.displayName === 'Frank Fort');
      expect(frank).toMatchObject({ roles: ['globalReader', 'userAdministrator'], accountEnabled: true, kind: 'member' });
      expect(frank?.signInName).toBe(`frank.fort@${a.primaryDomain}`);
      expect(frank?.createdAt).toBeInstanceOf(Date);
      expect(page.rows.find((r) => r.displayName === 'Bob Brown')).toMatchObject({ roles: [], accountEnabled: false });
    });
  });

  describe('sort and keyset paging', () => {
    // q "example" is in every sign-in name: the same rows through the "contains" search's own query.
    const cases = (['displayName', 'signInName', 'createdAt'] as const).flatMap((sort) =>
      (['asc', 'desc'] as const).flatMap((dir) => [[sort, dir, undefined], [sort, dir, 'example']] as const),
    );
    for (const [sort, dir, q] of cases) {
      it(`by ${sort} ${dir}${q ? ` (searching "${q}")` : ''}: forward through every page and back again, same rows, no gaps or duplicates`, async () => {
        const filter = baseFilter({ sort, dir, ...(q ? { q } : {}) });
        const expected = await expectedOrder(liveA, sort, dir);
        const forward = await pageForward(t.prisma, a.id, filter, 3);
        expect(forward.flatMap((p) => p.ids)).toEqual(expected);
        expect(forward.every((p) => p.total === LIVE_A.length)).toBe(true);
        expect(forward[0]?.prevCursor).toBeNull();
        expect(forward.slice(0, -1).every((p) => p.ids.length === 3)).toBe(true);

        // Back from the last page: each previous page is the forward page before it.
        const backward: string[][] = [forward.at(-1)?.ids ?? []];
        let before = forward.at(-1)?.prevCursor ?? null;
        while (before) {
          const page = await listUsers(t.prisma, a.id, filter, { before, size: 3 });
          expect(page.nextCursor).not.toBeNull();
          backward.unshift(page.rows.map((r) => r.id));
          before = page.prevCursor;
        }
        expect(backward).toEqual(forward.map((p) => p.ids));

        // A page's nextCursor followed by its next page's prevCursor leads back to it.
        const second = await listUsers(t.prisma, a.id, filter, { after: forward[0]?.nextCursor ?? undefined, size: 3 });
        const firstAgain = await listUsers(t.prisma, a.id, filter, { before: second.prevCursor ?? undefined, size: 3 });
        expect(firstAgain.rows.map((r) => r.id)).toEqual(forward[0]?.ids);
        expect(firstAgain.prevCursor).toBeNull();
      });
    }

    it('breaks ties on the sort key by id (four "Sam Same" created at the same instant)', async () => {
      const sams = liveA.filter((u) => u.name === 'Sam Same').map((u) => u.id).sort();
      for (const sort of ['displayName', 'createdAt'] as const) {
        const { ids } = await listUserIdsMatching(t.prisma, a.id, baseFilter({ sort, q: 'sam same' }), 100);
        expect(ids).toEqual(sams);
        const pages = await pageForward(t.prisma, a.id, baseFilter({ sort, q: 'sam same' }), 1);
        expect(pages.flatMap((p) => p.ids)).toEqual(sams);
      }
    });

    it('treats a malformed cursor, or one of another sort, as absent', async () => {
      const first = await listUsers(t.prisma, a.id, baseFilter(), { size: 3 });
      const bySignIn = await listUsers(t.prisma, a.id, baseFilter({ sort: 'signInName' }), { size: 3 });
      for (const after of ['garbage', '', 'eyJub3QiOiJhIGN1cnNvciJ9', Buffer.from('["displayName","x","not-a-uuid"]').toString('base64url'), bySignIn.nextCursor ?? '']) {
        const page = await listUsers(t.prisma, a.id, baseFilter(), { after, size: 3 });
        expect(page.rows.map((r) => r.id), after).toEqual(first.rows.map((r) => r.id));
        expect(page.prevCursor).toBeNull();
      }
      const badTime = Buffer.from(JSON.stringify(['createdAt', 'yesterday', liveA[0]?.id])).toString('base64url');
      expect((await listUsers(t.prisma, a.id, baseFilter({ sort: 'createdAt' }), { after: badTime })).rows).toHaveLength(LIVE_A.length);
    });

    it('still counts every match on a page past the last row', async () => {
      const pastTheEnd = Buffer.from(JSON.stringify(['displayName', '~~~~', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
      for (const q of [undefined, 'example', 'al']) {
        const page = await listUsers(t.prisma, a.id, baseFilter(q ? { q } : {}), { after: pastTheEnd });
        expect(page.rows, q).toEqual([]);
        expect(page.total, q).toBe(q === 'al' ? 4 : LIVE_A.length);
        expect(page.nextCursor).toBeNull();
      }
    });

    it('caps the page size at 200 and defaults it to 50', async () => {
      expect((await listUsers(t.prisma, a.id, baseFilter(), { size: 0 })).rows).toHaveLength(1);
      expect((await listUsers(t.prisma, a.id, baseFilter(), {})).rows).toHaveLength(LIVE_A.length);
    });
  });

  describe('walkUsers (the export’s pages, without the count)', () => {
    for (const q of [undefined, 'example']) {
      it(`gives the list’s pages${q ? ` when searching "${q}"` : ''}, row for row and cursor for cursor`, async () => {
        const filter = baseFilter({ sort: 'createdAt', dir: 'desc', ...(q ? { q } : {}) });
        let after: string | undefined;
        let pages = 0;
        do {
          const listed = await listUsers(t.prisma, a.id, filter, { after, size: 4 });
          const walked = await walkUsers(t.prisma, a.id, filter, { after, size: 4 });
          expect(walked).toEqual({ rows: listed.rows, nextCursor: listed.nextCursor, prevCursor: listed.prevCursor });
          expect(walked).not.toHaveProperty('total');
          after = walked.nextCursor ?? undefined;
          pages++;
        } while (after);
        expect(pages).toBe(Math.ceil(LIVE_A.length / 4));
      });
    }
  });

  describe('listUserIdsMatching ("select all N matching")', () => {
    it('returns every matching id in list order, up to the limit, with the total', async () => {
      const filter = baseFilter({ sort: 'signInName', dir: 'desc', status: 'active' });
      const expected = await expectedOrder(liveA.filter((u) => !u.blocked), 'signInName', 'desc');
      expect(await listUserIdsMatching(t.prisma, a.id, filter, 1000)).toEqual({ ids: expected, total: expected.length });
      expect(await listUserIdsMatching(t.prisma, a.id, filter, 5)).toEqual({ ids: expected.slice(0, 5), total: expected.length });
      expect(await listUserIdsMatching(t.prisma, a.id, filter, 0)).toEqual({ ids: [], total: expected.length });
    });
  });

  describe('deleted users', () => {
    const newestFirst = () =>
      [...deletedA].sort((x, y) => Date.parse(y.deleted?.at ?? '') - Date.parse(x.deleted?.at ?? '') || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

    it('lists newest deletion first (ties by id), with who deleted and when the purge comes', async () => {
      const page = await listDeletedUsers(t.prisma, a.id, {});
      expect(page.total).toBe(DELETED_A.length);
      expect(page.rows.map((r) => r.id)).toEqual(newestFirst().map((u) => u.id));
      const alice = page.rows[0];
      expect(alice).toMatchObject({ displayName: 'Alice Deleted', signInName: `alice.gone@${a.primaryDomain}`, deletedByName: 'Alice Andersson' });
      expect(alice?.deletedAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
      expect(alice?.purgeAt.toISOString()).toBe('2026-03-31T10:00:00.000Z');
      expect(RESTORE_WINDOW_DAYS).toBe(30);
      expect(page.rows.find((r) => r.displayName === 'Old Timer')?.deletedByName).toBeNull();
      expect(page.nextCursor).toBeNull();
      expect(page.prevCursor).toBeNull();
    });

    it('pages forward and back through ties on the deletion time', async () => {
      const expected = newestFirst().map((u) => u.id);
      const seen: string[] = [];
      const cursors: (string | null)[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await listDeletedUsers(t.prisma, a.id, {}, { after, size: 2 });
        seen.push(...page.rows.map((r) => r.id));
        cursors.push(page.prevCursor);
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      expect(seen).toEqual(expected);
      const back = await listDeletedUsers(t.prisma, a.id, {}, { before: cursors.at(-1) ?? undefined, size: 2 });
      expect(back.rows.map((r) => r.id)).toEqual(expected.slice(2, 4));
      const start = await listDeletedUsers(t.prisma, a.id, {}, { before: back.prevCursor ?? undefined, size: 2 });
      expect(start.rows.map((r) => r.id)).toEqual(expected.slice(0, 2));
      expect(start.prevCursor).toBeNull();
    });

    it('searches with the same prefix and contains rules', async () => {
      expect((await listDeletedUsers(t.prisma, a.id, { q: 'ti' })).rows.map((r) => r.displayName).sort()).toEqual(['Tie One', 'Tie Two']);
      expect((await listDeletedUsers(t.prisma, a.id, { q: 'imer' })).rows.map((r) => r.displayName)).toEqual(['Old Timer']);
      expect((await listDeletedUsers(t.prisma, a.id, { q: '50%' })).rows.map((r) => r.displayName)).toEqual(['Carol 50% Gone']);
      expect((await listDeletedUsers(t.prisma, a.id, { q: 'im' })).total).toBe(0);
    });
  });
});

/** A cursor positioned after every deletion time, carrying another tenant's row id. */
function encodeDeletedCursorAfterAll(id: string | undefined): string {
  return Buffer.from(JSON.stringify(['deleted', '2100-01-01T00:00:00.000Z', id ?? '00000000-0000-4000-8000-000000000000'])).toString('base64url');
}

describe('query plans at 20,000 users in one tenant', () => {
  let t: TestDatabase;
  let tenant: Tenant;
  const captured: Prisma.Sql[] = [];
  let db: Db;

  beforeAll(async () => {
    t = await createTestDatabase();
    tenant = await createTenant(t.prisma);
    const other = await createTenant(t.prisma);
    for (const [tenantId, count] of [
      [tenant.id, 20_000],
      [other.id, 2_000],
    ] as const) {
      await t.prisma.$executeRaw`
        INSERT INTO "User" ("id", "tenantId", "kind", "signInName", "signInNameKey", "displayName", "alternateEmail", "accountEnabled", "createdAt", "deletedAt")
        SELECT gen_random_uuid(), ${tenantId}::uuid, 'member',
               'user' || g || '@' || ${tenantId}::text || '.example', 'user' || g || '@' || ${tenantId}::text || '.example',
               (ARRAY['Ada','Ben','Chloe','David','Emma','Felix','Grace','Hugo','Iris','Jonas','Kira','Liam','Mia','Noah','Olga','Pablo','Quinn','Rosa','Sven','Tara'])[1 + g % 20]
                 || ' ' ||
               (ARRAY['Andersson','Brown','Chen','Dubois','Eriksen','Fischer','Garcia','Hansen','Ivanova','Jensen','Kowalski','Lopez','Muller','Nakamura','Okafor','Petrov','Rossi','Smith','Tanaka','Weber','Yilmaz','Zhang','Novak','Horvat','Quispe'])[1 + (g / 20) % 25]
                 || CASE WHEN g % 97 = 0 THEN ' Strandqvist' ELSE '' END,
               CASE WHEN g % 3 = 0 THEN 'u' || g || '@mail.example' END,
               g % 40 <> 0,
               now() - make_interval(mins => g),
               CASE WHEN g % 50 = 0 THEN now() - make_interval(days => g % 29) END
        FROM generate_series(1, ${count}::int) AS g`;
    }
    await t.prisma.$executeRawUnsafe('VACUUM ANALYZE "User"');
    db = new Proxy(t.prisma, {
      get(target, property) {
        if (property === '$queryRaw') {
          return (query: Prisma.Sql) => {
            captured.push(query);
            return target.$queryRaw(query);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }, 120_000);
  afterAll(async () => {
    await t.drop();
  });

  /** EXPLAIN of every SQL statement the call sends. */
  async function plansOf(call: () => Promise<unknown>): Promise<string[]> {
    captured.length = 0;
    await call();
    const queries = [...captured];
    const plans: string[] = [];
    for (const query of queries) {
      const rows = await t.prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${query}`);
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return plans;
  }

  const expectIndexed = (plan: string | undefined) => {
    expect(plan).toMatch(/Index|Bitmap/);
    expect(plan).not.toMatch(/Seq Scan on "User"/);
  };

  it('serves the first page from the sort index', async () => {
    // (Its unfiltered count reads most of this tenant, which here is most of the table:
    // a sequential scan is the planner's right choice for that one.)
    const [page] = await plansOf(() => listUsers(db, tenant.id, { sort: 'displayName', dir: 'asc' }, {}));
    expectIndexed(page);
    expect(page).toMatch(/User_live_displayName_sort_idx/);
  });

  it('serves a "contains" search from the trigram index, rows and count alike, even for a rare text', async () => {
    const [rare] = await plansOf(() => listUsers(db, tenant.id, { q: 'nobody-is-called-this', sort: 'createdAt', dir: 'desc' }, {}));
    expectIndexed(rare);
    expect(rare).toMatch(/User_search_trgm_idx/);
    const page = await listUsers(db, tenant.id, { q: 'strandq', sort: 'displayName', dir: 'asc' }, {});
    expect(page.total).toBeGreaterThan(100);
    expect(page.total).toBeLessThan(400);
    // One statement reads "User": the matches are found once, for the page and the total
    // alike (the page's roles and licences follow by id, in a statement of their own).
    const plans = (await plansOf(() => listUsers(db, tenant.id, { q: 'strandq', sort: 'displayName', dir: 'asc' }, {}))).filter((p) => p.includes('"User"') || p.includes(' u '));
    expect(plans).toHaveLength(1);
    for (const plan of plans) {
      expectIndexed(plan);
      expect(plan).toMatch(/User_search_trgm_idx/);
    }
  });

  it('serves a prefix search, a deep page, each sort backwards and the deleted list from indexes', async () => {
    const first = await listUsers(db, tenant.id, { sort: 'createdAt', dir: 'desc' }, { size: 200 });
    let after = first.nextCursor ?? undefined;
    for (let i = 0; i < 40; i++) after = (await listUsers(db, tenant.id, { sort: 'createdAt', dir: 'desc' }, { after, size: 200 })).nextCursor ?? undefined;
    expect(after).toBeDefined();
    const cases: (() => Promise<unknown>)[] = [
      () => listUsers(db, tenant.id, { q: 'ol', sort: 'displayName', dir: 'asc' }, {}),
      () => listUsers(db, tenant.id, { sort: 'createdAt', dir: 'desc' }, { after }),
      () => listUsers(db, tenant.id, { sort: 'signInName', dir: 'desc' }, {}),
      () => listDeletedUsers(db, tenant.id, { q: 'strandq' }, {}),
      () => listDeletedUsers(db, tenant.id, {}, {}),
    ];
    for (const call of cases) {
      const [page] = await plansOf(call);
      expectIndexed(page);
    }
  });
});

describe('the users list shows each user’s admin roles and active licences', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('lists licence product names, not suspended ones, and never another tenant’s', async () => {
    const tenant = await createTenant(t.prisma);
    const other = await createTenant(t.prisma);
    const mary = await createUser(t.prisma, tenant, { displayName: 'Mary', roles: ['licenseAdministrator'] });
    const [e3, visio] = await Promise.all(
      ['Office 365 E3', 'Visio Plan 2'].map((productName) => t.prisma.subscription.create({ data: { tenantId: tenant.id, productName, seats: 5 } })),
    );
    await t.prisma.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: e3!.id, userId: mary.id } });
    await t.prisma.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: visio!.id, userId: mary.id, suspendedAt: new Date() } });
    await createUser(t.prisma, other, { displayName: 'Mary' });
    const page = await listUsers(t.prisma, tenant.id, { sort: 'displayName', dir: 'asc' });
    expect(page.rows).toEqual([expect.objectContaining({ displayName: 'Mary', roles: ['licenseAdministrator'], licences: ['Office 365 E3'] })]);
  });
});
