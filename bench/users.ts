// npm run bench:users — the users list at 100,000 users in one tenant.
// For three views (first page, a "contains" search matching ~1 %, a page 1,000
// pages deep) it prints the median server time of the page over HTTP (signed in,
// time to the full body) beside two floors measured in the same run: the same
// listUsers call run directly (SQL), and the page's table rendered from the same
// rows in memory (renderToString). Then the time to purge 10,000 expired users.
// Last line: ratio: <worst page ÷ (its SQL + its render)> (goal ≤ 1.5, and every
// page under 150 ms median). "Worst" is the view with the highest such ratio.
import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import bcrypt from 'bcrypt';
import type { ComponentType } from 'react';
import { purgeExpiredUsers } from '../src/domain/users/purge-expired-users';
import { startHarness } from '../src/server/cli/app-harness';
import { loadProjectEnv } from '../src/server/cli/load-env';
import { systemClock } from '../src/server/clock';
import { createPrismaClient, type Db } from '../src/server/db/client';
import { repoRoot } from '../src/server/db/database-url';
import { prismaTransaction } from '../src/server/db/transaction';
import { countDeletedUsers, listUsers, parseUserListFilter, type UserListFilter, type UserListRow } from '../src/server/queries/users-list';
import { median, ms } from './stats';

// The harness runs the app with React's production build; the render floor must
// too, so NODE_ENV is set before React is first loaded (hence the dynamic imports).
Object.assign(process.env, { NODE_ENV: 'production' });
const { createElement } = await import('react');
const { renderToString } = await import('react-dom/server');
loadProjectEnv(false);
const USERS = Number(process.env.BENCH_USERS || 100_000);
const RUNS = Number(process.env.BENCH_RUNS || 30);
const DEEP_PAGES = 1_000;
const EXPIRED = 10_000;
// Enough for a fresh server to load each route's modules and JIT its hot paths: the medians are of a server in service.
const WARM_UP = 20;
const COST = 4;
const PASSWORD = 'Bench-Password-2026!';
const DOMAIN = 'users-bench.example';
const ADMIN = `admin@${DOMAIN}`;
/** A fragment of one surname out of 100 (so ~1 % of users), typed mid-word: a trigram "contains" search. */
const SEARCH = 'ndqvis';
const log = (line: string) => console.error(`[bench] ${line}`);

// 64 first names × 100 surnames (each surname exactly 1 % of users), a middle initial for a quarter.
const FIRST_NAMES = [
  'Aaliyah', 'Adam', 'Aisha', 'Alejandro', 'Amara', 'Anders', 'Anna', 'Arjun', 'Astrid', 'Ben', 'Bianca', 'Camille', 'Carlos', 'Chen', 'Chloe', 'Daniel',
  'Dmitri', 'Elena', 'Elif', 'Emeka', 'Emma', 'Farah', 'Felix', 'Fatima', 'Gabriel', 'Grace', 'Hana', 'Hugo', 'Ingrid', 'Isaac', 'Ivan', 'Jamal',
  'Jana', 'Javier', 'Jonas', 'Kai', 'Kenji', 'Klara', 'Lars', 'Layla', 'Liam', 'Lucia', 'Magnus', 'Maria', 'Mateo', 'Mei', 'Mohammed', 'Nadia',
  'Noah', 'Nora', 'Olga', 'Omar', 'Pablo', 'Priya', 'Rafael', 'Rosa', 'Sofia', 'Sven', 'Tariq', 'Theo', 'Valentina', 'Wei', 'Yusuf', 'Zoe',
];
const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersson', 'Bakker', 'Banerjee', 'Becker', 'Bergstrom', 'Bianchi', 'Brennan', 'Castillo', 'Chowdhury', 'Costa', 'Dahl', 'Dubois', 'Eklund',
  'Engel', 'Eriksen', 'Esposito', 'Fernandes', 'Fischer', 'Fontaine', 'Gallagher', 'Garcia', 'Gomez', 'Gupta', 'Haddad', 'Hansen', 'Hartmann', 'Horvat', 'Huang', 'Ibrahim',
  'Ivanova', 'Jansen', 'Jensen', 'Johansson', 'Kaur', 'Kim', 'Kowalski', 'Kruger', 'Larsen', 'Laurent', 'Lindqvist', 'Lopez', 'Maier', 'Martins', 'Meyer', 'Moreau',
  'Morales', 'Muller', 'Nakamura', 'Nguyen', 'Nielsen', 'Novak', 'Nowak', 'Okafor', 'Olsen', 'Ortiz', 'Osei', 'Park', 'Patel', 'Pereira', 'Petrov', 'Popescu',
  'Quispe', 'Ramos', 'Reyes', 'Richter', 'Rossi', 'Russo', 'Sato', 'Schmidt', 'Schneider', 'Silva', 'Singh', 'Smith', 'Sorensen', 'Suzuki', 'Svensson', 'Tanaka',
  'Taylor', 'Thompson', 'Torres', 'Tran', 'Umar', 'Varga', 'Vasquez', 'Virtanen', 'Wagner', 'Walsh', 'Watanabe', 'Weber', 'Wong', 'Yamamoto', 'Yilmaz', 'Zhang',
  'Zielinski', 'Zimmermann', 'Zubiri', 'Zwart',
];
const ADMIN_ROLES = ['userAdministrator', 'helpdeskAdministrator', 'globalReader', 'groupsAdministrator', 'licenseAdministrator'];

/** The props of app/(portal)/tenants/[tenantId]/users/users-table.tsx. */
type UsersTableProps = {
  tenantId: string;
  rows: UserListRow[];
  total: number;
  filter: UserListFilter;
  nextCursor: string | null;
  prevCursor: string | null;
  canBulk: boolean;
  deletedCount: number;
};
type View = { name: string; filter: UserListFilter; after?: string; query: string };
type Result = { view: View; http: number | null; httpError?: string; sql: number; render: number | null; total: number };

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

async function timed<T>(runs: number, work: () => Promise<T> | T): Promise<{ median: number; last: T }> {
  let last: T | undefined;
  for (let i = 0; i < WARM_UP; i++) last = await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await work();
    times.push(performance.now() - started);
  }
  if (last === undefined) throw new Error('nothing was measured');
  return { median: median(times), last };
}

/** One set-based INSERT of `count` users with varied names, a few thousand blocked; then some admins. */
async function seedTenant(prisma: Db, tenantId: string, count: number) {
  await prisma.$executeRaw`
    INSERT INTO "User" ("id", "tenantId", "kind", "signInName", "signInNameKey", "displayName", "firstName", "lastName",
                        "jobTitle", "department", "city", "usageLocation", "alternateEmail", "accountEnabled", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${tenantId}::uuid,
           (CASE WHEN g % 53 = 0 THEN 'application' WHEN g % 71 = 0 THEN 'nonInteractive' WHEN g % 89 = 0 THEN 'stub' ELSE 'member' END)::"UserKind",
           n.first || '.' || n.last || '.' || g || '@' || ${DOMAIN},
           lower(n.first || '.' || n.last || '.' || g || '@' || ${DOMAIN}),
           n.first || CASE WHEN g % 4 = 0 THEN ' ' || chr(65 + (g / 4) % 26) || '.' ELSE '' END || ' ' || n.last,
           n.first, n.last,
           (ARRAY['Engineer','Analyst','Sales Manager','Accountant','Designer','Consultant','Support Specialist','Director'])[1 + g % 8],
           (ARRAY['Engineering','Finance','Sales','Marketing','Operations','Legal','HR'])[1 + g % 7],
           (ARRAY['Stockholm','Berlin','Lagos','Madrid','Seattle','Tokyo','Sydney','Toronto','Mumbai'])[1 + g % 9],
           (ARRAY['SE','DE','NG','ES','US','JP','AU','CA','IN'])[1 + g % 9],
           CASE WHEN g % 3 = 0 THEN lower(n.first || '.' || n.last) || g || '@mail.example' END,
           g % 29 <> 0,
           now() - make_interval(mins => g * 13),
           now()
    FROM generate_series(1, ${count}::int) AS g
    CROSS JOIN LATERAL (
      SELECT (${FIRST_NAMES}::text[])[1 + (g * 7 + g / 100) % ${FIRST_NAMES.length}::int] AS first,
             (${LAST_NAMES}::text[])[1 + (g * 37) % ${LAST_NAMES.length}::int] AS last
    ) AS n`;
  await prisma.$executeRaw`
    INSERT INTO "RoleAssignment" ("tenantId", "userId", "roleId")
    SELECT u."tenantId", u."id", (${ADMIN_ROLES}::text[])[1 + u.n % ${ADMIN_ROLES.length}::int]
    FROM (SELECT "tenantId", "id", row_number() OVER (ORDER BY "id") AS n FROM "User" WHERE "tenantId" = ${tenantId}::uuid AND "deletedAt" IS NULL) AS u
    WHERE u.n % 400 = 0`;
}

/**
 * VACUUM (ANALYZE) until the visibility map covers the table, as autovacuum leaves
 * a table in service. A first VACUUM right after the seed's INSERT can find most
 * pages not yet visible to every transaction (seen here: 242 of 3,356 pages), and
 * the planner then counts the list's matches from the heap instead of the index.
 */
async function settleTable(prisma: Db, table: string) {
  for (let round = 1; round <= 5; round++) {
    await prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "${table}"`);
    const [stats] = await prisma.$queryRaw<{ pages: number; visible: number }[]>`
      SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE oid = ${`"${table}"`}::regclass`;
    if (!stats || stats.visible >= stats.pages * 0.99) return;
    log(`${table}: ${stats.visible} of ${stats.pages} pages all-visible after VACUUM ${round}; again…`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Signs in over HTTP exactly as bench/signin.ts does; returns the cookie header for the next requests. */
async function signIn(baseUrl: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (setCookies: string[]) => {
    for (const c of setCookies) {
      const pair = c.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  keep(csrfResponse.headers.getSetCookie());
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const body = new URLSearchParams({ csrfToken, signInName: ADMIN, password: PASSWORD, callbackUrl: '/' });
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body,
    redirect: 'manual',
  });
  const location = response.headers.get('location') ?? '';
  const setCookies = response.headers.getSetCookie();
  if (response.status !== 302 || location.includes('error') || !setCookies.some((c) => c.startsWith('authjs.session-token'))) {
    throw new Error(`sign-in failed: ${response.status} ${location}`);
  }
  keep(setCookies);
  return cookie();
}

/**
 * Module hooks that load a client component outside Next as Next's client bundle
 * would: a 'use server' module imported by a 'use client' one becomes a stub of
 * server references (its exports, throwing if called), and `server-only` is empty.
 */
const CLIENT_BOUNDARY_HOOKS = `
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
const directive = (url, name) => {
  try {
    const text = fs.readFileSync(fileURLToPath(url), 'utf8').replace(/^(\\s|\\/\\/[^\\n]*\\n|\\/\\*[\\s\\S]*?\\*\\/)*/, '');
    return text.startsWith("'" + name + "'") || text.startsWith('"' + name + '"') ? text : null;
  } catch {
    return null;
  }
};
export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {};', shortCircuit: true };
  const resolved = await next(specifier, context);
  const parent = context.parentURL;
  if (!parent || !parent.startsWith('file:') || !resolved.url.startsWith('file:') || resolved.url.includes('/node_modules/')) return resolved;
  if (!directive(parent, 'use client')) return resolved;
  const server = directive(resolved.url, 'use server');
  if (!server) return resolved;
  const names = [...server.matchAll(/export\\s+(?:async\\s+)?(?:function\\s*\\*?|const|let|var)\\s+([A-Za-z_$][\\w$]*)/g)].map((m) => m[1]);
  const stub = names.map((n) => 'export const ' + n + ' = async () => { throw new Error("server action ' + n + ' called in an in-memory render"); };').join('\\n');
  return { url: 'data:text/javascript,' + encodeURIComponent(stub), shortCircuit: true };
}
`;

/** The page's table component, when it has been written; null otherwise. */
async function loadUsersTable(): Promise<ComponentType<UsersTableProps> | null> {
  const file = path.join(repoRoot, 'app', '(portal)', 'tenants', '[tenantId]', 'users', 'users-table.tsx');
  if (!fs.existsSync(file)) return null;
  register(`data:text/javascript,${encodeURIComponent(CLIENT_BOUNDARY_HOOKS)}`);
  const loaded: unknown = await import(pathToFileURL(file).href);
  const component = typeof loaded === 'object' && loaded !== null && 'UsersTable' in loaded ? loaded.UsersTable : undefined;
  if (typeof component !== 'function') throw new Error(`${file} does not export a UsersTable component`);
  return component as ComponentType<UsersTableProps>;
}

/** The in-memory render floor: the median time of `render` over the same rows the page shows. */
async function measureRenderFloor(render: () => string): Promise<number> {
  const { median: m, last } = await timed(RUNS, render);
  if (!last.length) throw new Error('the table rendered nothing');
  return m;
}

const harness = await startHarness({ name: 'bench_users', log, seed: null, env: { BCRYPT_COST: String(COST) }, quiet: true });
let failed = false;
try {
  const prisma = createPrismaClient(harness.databaseUrl, 4);
  const tenant = await prisma.tenant.create({
    data: { name: 'Users Bench', kind: 'customer', primaryDomain: DOMAIN, domains: { create: [{ name: DOMAIN }] } },
  });
  await prisma.user.create({
    data: {
      tenantId: tenant.id,
      signInName: ADMIN,
      signInNameKey: ADMIN,
      displayName: 'Bench Administrator',
      passwordHash: await bcrypt.hash(PASSWORD, COST),
      roleAssignments: { create: [{ roleId: 'globalAdministrator' }] },
    },
  });

  log(`seeding ${USERS.toLocaleString('en')} users in one INSERT … SELECT generate_series…`);
  let started = performance.now();
  await seedTenant(prisma, tenant.id, USERS);
  await settleTable(prisma, 'User');
  await settleTable(prisma, 'RoleAssignment');
  log(`seeded and analysed in ${ms(performance.now() - started)}`);
  const [counts] = await prisma.$queryRaw<{ live: number; blocked: number; admins: number }[]>`
    SELECT count(*)::int AS live, (count(*) FILTER (WHERE NOT "accountEnabled"))::int AS blocked,
           (SELECT count(DISTINCT "userId")::int FROM "RoleAssignment" WHERE "tenantId" = ${tenant.id}::uuid) AS admins
    FROM "User" WHERE "tenantId" = ${tenant.id}::uuid AND "deletedAt" IS NULL`;

  const cookie = await signIn(harness.baseUrl);
  log('signed in');

  const firstFilter = parseUserListFilter({});
  const searchFilter = parseUserListFilter({ q: SEARCH });
  log(`following nextCursor ${DEEP_PAGES} times…`);
  started = performance.now();
  let deep: string | undefined;
  for (let i = 0; i < DEEP_PAGES; i++) {
    const page = await listUsers(prisma, tenant.id, firstFilter, { after: deep });
    if (!page.nextCursor) throw new Error(`the list ended after ${i + 1} pages`);
    deep = page.nextCursor;
  }
  log(`deep cursor reached in ${ms(performance.now() - started)}`);
  const views: View[] = [
    { name: 'first page', filter: firstFilter, query: '' },
    { name: `search "${SEARCH}"`, filter: searchFilter, query: `?q=${encodeURIComponent(SEARCH)}` },
    { name: `deep page (after ${DEEP_PAGES} pages)`, filter: firstFilter, after: deep, query: `?after=${encodeURIComponent(deep ?? '')}` },
  ];

  const UsersTable = await loadUsersTable();
  if (!UsersTable) log('users-table.tsx does not exist yet: no render floor (ratios use the SQL floor alone)');
  const deletedCount = await countDeletedUsers(prisma, tenant.id);

  const results: Result[] = [];
  for (const view of views) {
    log(`measuring ${view.name}…`);
    const sql = await timed(RUNS, () => listUsers(prisma, tenant.id, view.filter, { after: view.after }));
    const page = sql.last;
    const expected = page.rows[0]?.displayName;
    if (!expected) throw new Error(`${view.name}: no rows`);
    const props: UsersTableProps = {
      tenantId: tenant.id,
      rows: page.rows,
      total: page.total,
      filter: view.filter,
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
      canBulk: true,
      deletedCount,
    };
    const render = UsersTable ? await measureRenderFloor(() => renderToString(createElement(UsersTable, props))) : null;

    const url = `${harness.baseUrl}/tenants/${tenant.id}/users${view.query}`;
    let http: number | null = null;
    let httpError: string | undefined;
    try {
      const measured = await timed(RUNS, async () => {
        const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
        const body = await response.text();
        if (response.status !== 200 || !body.includes(escapeHtml(expected))) {
          throw new Error(`HTTP ${response.status}${response.headers.get('location') ? ` → ${response.headers.get('location')}` : ''}, body without "${expected}"`);
        }
        return body.length;
      });
      http = measured.median;
    } catch (error) {
      httpError = error instanceof Error ? error.message : String(error);
      log(`${view.name}: ${httpError}`);
    }
    results.push({ view, http, httpError, sql: sql.median, render, total: page.total });
  }

  // For reading the figures: the same signed-in shell (session check, tenant access,
  // layout) around a page with no list. Every page above pays it; neither floor has it.
  let shell = 'n/a';
  try {
    const measured = await timed(RUNS, async () => {
      const response = await fetch(`${harness.baseUrl}/tenants/${tenant.id}/settings`, { headers: { cookie }, redirect: 'manual' });
      const body = await response.text();
      if (response.status !== 200 || !body.includes('Settings')) throw new Error(`settings page: HTTP ${response.status}`);
      return body.length;
    });
    shell = ms(measured.median);
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
  }

  console.log(`users: ${counts?.live ?? 0} live in the tenant (${counts?.blocked ?? 0} blocked, ${counts?.admins ?? 0} with an admin role)`);
  for (const r of results) {
    const httpText = r.http === null ? `FAILED (${r.httpError ?? 'unknown'})` : ms(r.http);
    console.log(`${r.view.name}: http median ${httpText} | sql ${ms(r.sql)} | render ${r.render === null ? 'n/a' : ms(r.render)} | ${r.total} matching`);
  }

  console.log(`signed-in shell without a list (settings page): http median ${shell}`);

  // Purge: 10,000 users deleted 31 days ago, then the purge use case as the job runs it.
  await prisma.$executeRaw`
    INSERT INTO "User" ("id", "tenantId", "signInName", "signInNameKey", "displayName", "createdAt", "updatedAt", "deletedAt", "deletedByName")
    SELECT gen_random_uuid(), ${tenant.id}::uuid, 'expired.' || g || '@' || ${DOMAIN}, 'expired.' || g || '@' || ${DOMAIN},
           'Expired User ' || g, now() - interval '90 days', now() - interval '31 days', now() - interval '31 days', 'Bench Administrator'
    FROM generate_series(1, ${EXPIRED}::int) AS g`;
  await prisma.$executeRawUnsafe('ANALYZE "User"');
  log(`purging ${EXPIRED.toLocaleString('en')} expired users…`);
  started = performance.now();
  const { purged } = await purgeExpiredUsers({ clock: systemClock, transaction: prismaTransaction(prisma) }, {});
  const purgeMs = performance.now() - started;
  if (purged !== EXPIRED) throw new Error(`purged ${purged}, expected ${EXPIRED}`);
  console.log(`purge ${EXPIRED} expired users: ${ms(purgeMs)} (purgeExpiredUsers, default batches)`);
  await prisma.$disconnect();

  const ratios = results.map((r) => (r.http === null ? Number.POSITIVE_INFINITY : r.http / (r.sql + (r.render ?? 0))));
  const worst = Math.max(...ratios);
  const worstView = results[ratios.indexOf(worst)]?.view.name ?? '';
  failed = !Number.isFinite(worst);
  log(`worst page: ${worstView}; slowest http median: ${ms(Math.max(...results.map((r) => r.http ?? Number.POSITIVE_INFINITY)))}`);
  console.log(`ratio: ${Number.isFinite(worst) ? worst.toFixed(2) : 'n/a (a page did not render its rows over HTTP)'}`);
} finally {
  await harness.close();
}
if (failed) process.exitCode = 1;
