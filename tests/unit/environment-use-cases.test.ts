// Environments (issue #6, domain.md §7) through the domain's use cases and the
// in-memory ports: the sync run (adds, enables, disables, updates, field rules,
// placeholders, never a deletion), create/edit, Add user on demand, first access,
// access modes, security roles on disabled rows, application users, the 8th
// non-interactive user (R5), imported stubs, diagnostics and authorisation.
import { describe, expect, it } from 'vitest';
import { addEnvironmentUser, addNonInteractiveUser, previewAddUser } from '@/domain/environments/add-environment-user';
import { changeAccessMode } from '@/domain/environments/change-access-mode';
import { createApplicationUser } from '@/domain/environments/create-application-user';
import { createEnvironment } from '@/domain/environments/create-environment';
import { importRecords } from '@/domain/environments/import-records';
import { openEnvironment } from '@/domain/environments/open-environment';
import { runDiagnostics } from '@/domain/environments/run-diagnostics';
import { changeSecurityRole } from '@/domain/environments/security-roles';
import { syncEnvironmentNow } from '@/domain/environments/sync-environment-now';
import { planSync } from '@/domain/environments/sync-plan';
import { synchroniseEnvironment, synchroniseUsers } from '@/domain/environments/synchronise';
import { updateEnvironment } from '@/domain/environments/update-environment';
import { fixedClock } from '@/domain/shared/clock';
import type { Actor, RoleId } from '@/domain/shared/permissions';
import type { Result } from '@/domain/shared/result';
import { anEnvironment, environmentsOf, type StoredEnvironment } from '../support/in-memory-environments';
import { actorFor, aSubscription, aTenant, aUser, InMemoryDirectory, type StoredUser } from '../support/in-memory-repositories';

const CONTOSO = 'tenant-contoso';
const FABRIKAM = 'tenant-fabrikam';
const NOW = new Date('2026-03-02T10:00:00Z');
const clock = fixedClock(NOW);

const person = (id: string, displayName: string, roles: RoleId[] = [], overrides: Partial<StoredUser> = {}) =>
  aUser({ id, tenantId: CONTOSO, displayName, signInName: `${id}@contoso.example`, roles, firstName: displayName.split(' ')[0] ?? null, lastName: 'Person', ...overrides });

function world(options: { environment?: Partial<StoredEnvironment> } = {}) {
  const directory = new InMemoryDirectory({
    tenants: [aTenant({ id: CONTOSO, primaryDomain: 'contoso.example' }), aTenant({ id: FABRIKAM, primaryDomain: 'fabrikam.example' })],
    users: [
      person('ga', 'Gloria Admin', ['globalAdministrator']),
      person('ppadmin', 'Pat Platform', ['powerPlatformAdministrator']),
      person('useradmin', 'Uma Users', ['userAdministrator']),
      person('mary', 'Mary Parker'),
      person('sam', 'Sam Sales'),
      person('nina', 'Nina Nested'),
      person('olga', 'Olga Owner'),
      person('noname', 'No First Name', [], { firstName: null }),
      ...Array.from({ length: 10 }, (_, i) => person(`ni${i + 1}`, `Integration ${i + 1}`, [], { kind: 'nonInteractive' })),
      aUser({ id: 'fab-admin', tenantId: FABRIKAM, displayName: 'Fabian Admin', roles: ['globalAdministrator'] }),
    ],
    subscriptions: [aSubscription({ id: 'sales', tenantId: CONTOSO, productName: 'Dynamics 365 Sales Enterprise', seats: 50, grantsDataverse: true })],
  });
  for (const id of ['mary', 'sam', 'nina', 'olga', 'noname']) directory.assignLicence('sales', id);
  const { groups } = directory;
  groups.addGroup({ id: 'sales-team', tenantId: CONTOSO, name: 'Sales Team', ownerIds: ['olga'] });
  groups.addGroup({ id: 'sales-emea', tenantId: CONTOSO, name: 'Sales EMEA' });
  groups.nest('sales-team', 'sales-emea');
  for (const id of ['mary', 'sam', 'noname', ...Array.from({ length: 10 }, (_, i) => `ni${i + 1}`)]) groups.addMember('sales-team', id);
  groups.addMember('sales-emea', 'nina');
  const environments = environmentsOf(directory);
  environments.addEnvironment(anEnvironment({ id: 'prod', tenantId: CONTOSO, name: 'Contoso Production', securityGroupId: 'sales-team', hasSalesApp: true, ...options.environment }));
  const deps = { clock, transaction: environments.transaction };
  const as = (userId: string): Actor => actorFor(directory.user(userId));
  const repo = environments.repository;
  const fullSync = () => synchroniseEnvironment(repo, clock, { tenantId: CONTOSO, environmentId: 'prod', trigger: 'background', userIds: null });
  return { directory, groups, environments, deps, as, repo, fullSync };
}

const expectRefused = (result: Result<unknown>, code: string, rule?: string) => {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  if (rule) expect(result.error.rule).toBe(rule);
};

describe('the sync run', () => {
  it('adds the eligible directory users, with the placeholders, and records the run', async () => {
    const { environments, fullSync } = world();
    const outcome = await fullSync();
    expect(outcome?.counts).toEqual({ added: 12, enabled: 0, disabled: 0, updated: 0 });
    const rows = environments.rowsOf('prod');
    const byUser = (id: string) => rows.find((r) => r.userId === id);
    expect(byUser('mary')).toMatchObject({ isEnabled: true, accessMode: 'ReadWrite', createdVia: 'backgroundSync', fullName: 'Mary Parker', primaryEmail: 'mary@contoso.example' });
    expect(byUser('ga')).toMatchObject({ isEnabled: true, accessMode: 'Administrative' });
    expect(byUser('ppadmin')).toMatchObject({ isEnabled: true, accessMode: 'Administrative' });
    // Nested membership does not count; an owner is not added by the background sync.
    expect(byUser('nina')).toBeUndefined();
    expect(byUser('olga')).toBeUndefined();
    // The first seven non-interactive accounts fit; the 8th to 10th are refused (R5).
    expect(rows.filter((r) => r.accessMode === 'NonInteractive')).toHaveLength(7);
    expect(byUser('ni8')).toBeUndefined();
    expect(byUser('noname')?.firstName).toBe('#');
    expect(rows.filter((r) => r.kind === 'supportUser' || r.kind === 'delegatedAdmin').map((r) => r.accessMode).sort()).toEqual(['DelegatedAdmin', 'SupportUser']);
    expect(environments.runsOf('prod')).toEqual([expect.objectContaining({ trigger: 'background', added: 12, enabled: 0, disabled: 0, updated: 0 })]);
  });

  it('shares verdicts between users with the same inputs without changing any decision', async () => {
    const { repo, environments, directory } = world();
    directory.addSubscription(aSubscription({ id: 'e3', tenantId: CONTOSO, productName: 'Office 365 E3', seats: 50, freeDataversePlan: true }));
    for (const id of ['ga', 'sam', 'olga']) directory.assignLicence('e3', id);
    const environment = await repo.getById(CONTOSO, 'prod');
    if (!environment) throw new Error('no environment');
    const input = await repo.loadSyncInput(CONTOSO, environment, null);
    const explained = planSync(environment, input, { trigger: 'background', createdVia: 'backgroundSync', explain: true });
    const shared = planSync(environment, input, { trigger: 'background', createdVia: 'backgroundSync', explain: false });
    expect(shared.inserts).toEqual(explained.inserts);
    expect(shared.updates).toEqual(explained.updates);
    expect(shared.verdicts.size).toBe(0);
    expect(explained.verdicts.size).toBe(input.candidates.length);
    expect(environments.rowsOf('prod')).toHaveLength(0);
  });

  it('an unlicensed administrator with only a free plan, added as Administrative, stays so on the next run', async () => {
    const { directory, environments, fullSync } = world();
    directory.addSubscription(aSubscription({ id: 'e3', tenantId: CONTOSO, productName: 'Office 365 E3', seats: 50, freeDataversePlan: true }));
    directory.assignLicence('e3', 'ga');
    await fullSync();
    expect(environments.rowOf('prod', 'ga')?.accessMode).toBe('Administrative');
    expect((await fullSync())?.counts).toEqual({ added: 0, enabled: 0, disabled: 0, updated: 0 });
    expect(environments.rowOf('prod', 'ga')?.accessMode).toBe('Administrative');
  });

  it('changes nothing when run again: a run with all zeros', async () => {
    const { environments, fullSync } = world();
    await fullSync();
    const before = structuredClone(environments.rowsOf('prod'));
    const again = await fullSync();
    expect(again?.counts).toEqual({ added: 0, enabled: 0, disabled: 0, updated: 0 });
    expect(environments.rowsOf('prod')).toEqual(before);
  });

  it('disables (never deletes) the row of a user who left the group, and enables it again when they return', async () => {
    const { environments, groups, fullSync } = world();
    await fullSync();
    groups.userMembers = groups.userMembers.filter((m) => !(m.groupId === 'sales-team' && m.userId === 'mary'));
    expect((await fullSync())?.counts).toEqual({ added: 0, enabled: 0, disabled: 1, updated: 0 });
    expect(environments.rowOf('prod', 'mary')).toMatchObject({ isEnabled: false });
    groups.addMember('sales-team', 'mary');
    expect((await fullSync())?.counts).toEqual({ added: 0, enabled: 1, disabled: 0, updated: 0 });
    expect(environments.rowOf('prod', 'mary')).toMatchObject({ isEnabled: true });
  });

  it('synchronises profile fields but never overwrites the full name, the primary email, or an internal email edited in the environment', async () => {
    const { directory, environments, fullSync } = world();
    await fullSync();
    const row = environments.rowOf('prod', 'mary');
    if (!row) throw new Error('no row');
    row.internalEmail = 'mary.custom@contoso.example';
    row.internalEmailEditedInEnvironment = true;
    row.customFields = { region: 'North' };
    Object.assign(directory.user('mary'), { displayName: 'Mary Smith', jobTitle: 'Sales Director', signInName: 'mary.smith@contoso.example' });
    expect((await fullSync())?.counts).toEqual({ added: 0, enabled: 0, disabled: 0, updated: 1 });
    expect(environments.rowOf('prod', 'mary')).toMatchObject({
      fullName: 'Mary Parker',
      primaryEmail: 'mary@contoso.example',
      internalEmail: 'mary.custom@contoso.example',
      jobTitle: 'Sales Director',
      signInName: 'mary.smith@contoso.example',
      customFields: { region: 'North' },
    });
  });

  it('a run for named users touches only them, in every environment of the tenant', async () => {
    const { environments, repo } = world();
    environments.addEnvironment(anEnvironment({ id: 'sandbox', tenantId: CONTOSO, name: 'Contoso Sandbox', type: 'sandbox' }));
    const outcomes = await synchroniseUsers(repo, clock, { tenantId: CONTOSO, userIds: ['nina'], trigger: 'change' });
    expect(outcomes.map((o) => [o.environment.name, o.counts.added])).toEqual([
      ['Contoso Production', 0],
      ['Contoso Sandbox', 1],
    ]);
    expect(environments.rowsOf('sandbox').filter((r) => r.kind === 'user').map((r) => r.userId)).toEqual(['nina']);
  });
});

describe('create and edit', () => {
  it('creates an environment with the actor as creator; names are unique case-insensitively; errors name the field', async () => {
    const { deps, as, environments } = world();
    const settings = { name: 'Contoso Dev', type: 'developer', hasDataverse: true, appPassCapacity: 0, allowRoleAssignmentOnDisabledUsers: false, hasSalesApp: false };
    const created = await createEnvironment(deps, { actor: as('ppadmin'), tenantId: CONTOSO, settings });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(environments.environment(created.value.id)).toMatchObject({ creatorId: 'ppadmin', type: 'developer' });
    const clash = await createEnvironment(deps, { actor: as('ppadmin'), tenantId: CONTOSO, settings: { ...settings, name: 'CONTOSO production' } });
    expectRefused(clash, 'CONFLICT', 'ENVIRONMENT_NAME_TAKEN');
    if (!clash.ok) expect(clash.error.fieldErrors?.name).toBeDefined();
    const invalid = await createEnvironment(deps, { actor: as('ppadmin'), tenantId: CONTOSO, settings: { ...settings, name: ' ', appPassCapacity: -1 } });
    expectRefused(invalid, 'VALIDATION');
    if (!invalid.ok) expect(Object.keys(invalid.error.fieldErrors ?? {}).sort()).toEqual(['appPassCapacity', 'name']);
    const foreignGroup = await createEnvironment(deps, { actor: as('ppadmin'), tenantId: CONTOSO, settings: { ...settings, name: 'X', securityGroupId: 'nope' } });
    expectRefused(foreignGroup, 'VALIDATION');
  });

  it('only environment managers may create or edit; another tenant is not found', async () => {
    const { deps, as } = world();
    const settings = { name: 'X', type: 'sandbox', hasDataverse: true, appPassCapacity: 0, allowRoleAssignmentOnDisabledUsers: false, hasSalesApp: false };
    expectRefused(await createEnvironment(deps, { actor: as('useradmin'), tenantId: CONTOSO, settings }), 'FORBIDDEN', 'ROLE_REQUIRED');
    expectRefused(await createEnvironment(deps, { actor: as('fab-admin'), tenantId: CONTOSO, settings }), 'NOT_FOUND');
  });

  it('an edit reports a group change (so the environment is re-synchronised) and refuses a stale version', async () => {
    const { deps, as } = world();
    const settings = { name: 'Contoso Production', type: 'production', hasDataverse: true, securityGroupId: null, appPassCapacity: 0, allowRoleAssignmentOnDisabledUsers: false, hasSalesApp: true };
    const edited = await updateEnvironment(deps, { actor: as('ga'), tenantId: CONTOSO, environmentId: 'prod', expectedRowVersion: 1, settings });
    expect(edited).toMatchObject({ ok: true, value: { groupChanged: true, changed: true } });
    expectRefused(await updateEnvironment(deps, { actor: as('ga'), tenantId: CONTOSO, environmentId: 'prod', expectedRowVersion: 1, settings: { ...settings, name: 'Renamed' } }), 'CONFLICT', 'STALE_VERSION');
  });
});

describe('Add user on demand', () => {
  it('previews the verdict with every rule, then adds on confirmation', async () => {
    const { deps, as, environments } = world();
    const preview = await previewAddUser(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', userId: 'olga' });
    expect(preview.ok && preview.value.verdict.decision).toBe('add');
    expect(preview.ok && preview.value.verdict.rules.map((r) => r.code)).toEqual([
      'R0_DATAVERSE',
      'R1_ACCOUNT',
      'R2_LICENSE',
      'R3_GROUP',
      'R4_ENV_TYPE',
      'R5_NON_INTERACTIVE_LIMIT',
      'R6_SECURITY_ROLE',
    ]);
    expect(environments.rowOf('prod', 'olga')).toBeUndefined();
    const added = await addEnvironmentUser(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', userId: 'olga' });
    expect(added).toMatchObject({ ok: true, value: { decision: 'add' } });
    expect(environments.rowOf('prod', 'olga')).toMatchObject({ isEnabled: true, createdVia: 'admin' });
    expect(environments.runsOf('prod').at(-1)).toMatchObject({ trigger: 'onDemand', added: 1 });
  });

  it('refuses with the failed rule and writes nothing: a nested member', async () => {
    const { deps, as, environments } = world();
    const refused = await addEnvironmentUser(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', userId: 'nina' });
    expectRefused(refused, 'CONFLICT', 'R3_GROUP');
    if (!refused.ok) expect(refused.error.message).toContain('Sales EMEA');
    expect(environments.rowsOf('prod')).toHaveLength(0);
    expect(environments.runsOf('prod')).toHaveLength(0);
  });
});

describe('first access', () => {
  it('grants access to a Dataverse for Teams environment on first access only', async () => {
    const { deps, as, environments, repo } = world();
    environments.addEnvironment(anEnvironment({ id: 'teams', tenantId: CONTOSO, name: 'Contoso Teams', type: 'teams' }));
    await synchroniseEnvironment(repo, clock, { tenantId: CONTOSO, environmentId: 'teams', trigger: 'background', userIds: null });
    expect(environments.rowOf('teams', 'mary')).toBeUndefined();
    const opened = await openEnvironment(deps, { actor: as('mary'), tenantId: CONTOSO, environmentId: 'teams' });
    expect(opened).toMatchObject({ ok: true, value: { granted: true, environmentName: 'Contoso Teams' } });
    expect(environments.rowOf('teams', 'mary')).toMatchObject({ isEnabled: true, createdVia: 'onDemand' });
  });

  it('explains a refusal with the reasons and fixes', async () => {
    const { deps, as } = world();
    const opened = await openEnvironment(deps, { actor: as('nina'), tenantId: CONTOSO, environmentId: 'prod' });
    expect(opened.ok && opened.value.granted).toBe(false);
    const r3 = opened.ok ? opened.value.verdict.rules.find((r) => r.code === 'R3_GROUP') : undefined;
    expect(r3?.passed).toBe(false);
    expect(r3?.fix).toContain('Add Nina Nested to group Sales Team directly');
  });

  it('an owner of the group counts as a member on first access', async () => {
    const { deps, as } = world();
    expect(await openEnvironment(deps, { actor: as('olga'), tenantId: CONTOSO, environmentId: 'prod' })).toMatchObject({ ok: true, value: { granted: true } });
  });

  it('an environment of another tenant is not found', async () => {
    const { deps, as } = world();
    expectRefused(await openEnvironment(deps, { actor: as('fab-admin'), tenantId: CONTOSO, environmentId: 'prod' }), 'NOT_FOUND');
  });
});

describe('access modes and security roles', () => {
  it('keeps an access mode the sync keeps (Read), refuses one the sync would undo', async () => {
    const { deps, as, environments, fullSync } = world();
    await fullSync();
    const mary = environments.rowOf('prod', 'mary');
    if (!mary) throw new Error('no row');
    const read = await changeAccessMode(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', rowId: mary.id, accessMode: 'Read' });
    expect(read).toMatchObject({ ok: true, value: { changed: true } });
    expect((await fullSync())?.counts.updated).toBe(0);
    expect(environments.rowOf('prod', 'mary')?.accessMode).toBe('Read');
    const ni = await changeAccessMode(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', rowId: mary.id, accessMode: 'NonInteractive' });
    expectRefused(ni, 'CONFLICT', 'ACCESS_MODE_DERIVED');
    const support = environments.rowsOf('prod').find((r) => r.kind === 'supportUser');
    expectRefused(await changeAccessMode(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', rowId: support?.id ?? '', accessMode: 'Read' }), 'CONFLICT');
  });

  it('assigns a security role to an enabled row; refuses it on a disabled row unless the environment allows it (R6)', async () => {
    const { deps, as, environments, groups, fullSync } = world();
    await fullSync();
    const sam = environments.rowOf('prod', 'sam');
    if (!sam) throw new Error('no row');
    const assign = (role: string) => changeSecurityRole(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', rowId: sam.id, role, change: 'assign' });
    expect(await assign('Salesperson')).toMatchObject({ ok: true, value: { securityRoles: ['Salesperson'] } });
    groups.userMembers = groups.userMembers.filter((m) => m.userId !== 'sam');
    await fullSync();
    expectRefused(await assign('System Customizer'), 'CONFLICT', 'R6_SECURITY_ROLE');
    // Removing a role is always possible.
    expect(await changeSecurityRole(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', rowId: sam.id, role: 'Salesperson', change: 'remove' })).toMatchObject({ ok: true, value: { securityRoles: [] } });
    environments.environment('prod').allowRoleAssignmentOnDisabledUsers = true;
    expect(await assign('System Customizer')).toMatchObject({ ok: true, value: { securityRoles: ['System Customizer'] } });
    expectRefused(await assign('Chief Wizard'), 'VALIDATION');
  });
});

describe('application users, non-interactive users and stubs', () => {
  it('creates an application user enabled, with # as first name, not counted against R5', async () => {
    const { deps, as, environments, fullSync } = world();
    await fullSync();
    const created = await createApplicationUser(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', name: 'Contoso ERP connector', applicationId: '8a7c1e2f-0000-4000-8000-000000000001' });
    expect(created.ok).toBe(true);
    const row = environments.rowsOf('prod').find((r) => r.kind === 'application');
    expect(row).toMatchObject({ isEnabled: true, firstName: '#', accessMode: 'NonInteractive', fullName: 'Contoso ERP connector' });
    expect(await environments.repository.countNonInteractive(CONTOSO, 'prod')).toBe(7);
    const again = await createApplicationUser(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', name: 'Again', applicationId: '8A7C1E2F-0000-4000-8000-000000000001' });
    expectRefused(again, 'CONFLICT');
    expectRefused(await createApplicationUser(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', name: '', applicationId: 'not-a-guid' }), 'VALIDATION');
  });

  it('refuses an application user in an environment without Dataverse (R0)', async () => {
    const { deps, as } = world({ environment: { hasDataverse: false, securityGroupId: null, hasSalesApp: false } });
    expectRefused(await createApplicationUser(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', name: 'ERP', applicationId: '8a7c1e2f-0000-4000-8000-000000000001' }), 'CONFLICT', 'R0_DATAVERSE');
  });

  it('adds non-interactive users up to seven; the 8th is refused with R5', async () => {
    const { deps, as, environments } = world();
    const results = [];
    for (let i = 1; i <= 8; i++) results.push(await addNonInteractiveUser(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', userId: `ni${i}` }));
    expect(results.slice(0, 7).every((r) => r.ok)).toBe(true);
    expectRefused(results[7] ?? { ok: true, value: null }, 'CONFLICT', 'R5_NON_INTERACTIVE_LIMIT');
    expect(environments.rowsOf('prod').filter((r) => r.accessMode === 'NonInteractive')).toHaveLength(7);
    expect(environments.locks.filter((id) => id === 'prod')).toHaveLength(8);
    expectRefused(await addNonInteractiveUser(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', userId: 'mary' }), 'VALIDATION');
  });

  it('imports records: stubs for owners without a directory user, with the default security role', async () => {
    const { deps, as, environments } = world();
    const lines = [
      { line: 2, signInName: 'former.employee@contoso.example' },
      { line: 3, signInName: 'mary@contoso.example' },
      { line: 4, signInName: 'FORMER.employee@contoso.example' },
      { line: 5, signInName: 'contractor@partner.example' },
    ];
    const imported = await importRecords(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', lines });
    expect(imported).toMatchObject({ ok: true, value: { created: ['former.employee@contoso.example', 'contractor@partner.example'], securityRole: 'Salesperson' } });
    if (imported.ok) expect(imported.value.skipped.map((s) => s.line)).toEqual([3, 4]);
    const stubs = environments.rowsOf('prod').filter((r) => r.kind === 'stub');
    expect(stubs.map((s) => [s.signInName, s.isEnabled, s.securityRoles, s.createdVia, s.firstName])).toEqual([
      ['former.employee@contoso.example', false, ['Salesperson'], 'import', '#'],
      ['contractor@partner.example', false, ['Salesperson'], 'import', '#'],
    ]);
    // A second import of the same owner adds no duplicate.
    const again = await importRecords(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', lines: [{ line: 2, signInName: 'former.employee@contoso.example' }] });
    expect(again).toMatchObject({ ok: true, value: { created: [] } });
    // Every line is checked before anything is written.
    const invalid = await importRecords(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', lines: [{ line: 2, signInName: 'new@contoso.example' }, { line: 3, signInName: 'not a name' }] });
    expectRefused(invalid, 'VALIDATION');
    expect(environments.rowsOf('prod').filter((r) => r.kind === 'stub')).toHaveLength(2);
  });

  it('gives stubs Basic User without the sales app, and the sync never touches them', async () => {
    const { deps, as, environments, fullSync } = world({ environment: { hasSalesApp: false } });
    await importRecords(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', lines: [{ line: 1, signInName: 'old@contoso.example' }] });
    await fullSync();
    expect(environments.rowsOf('prod').find((r) => r.kind === 'stub')).toMatchObject({ isEnabled: false, securityRoles: ['Basic User'] });
  });
});

describe('diagnostics and Sync now', () => {
  it('explains the nested-group case; after adding the user directly, diagnostics re-synchronise and enable', async () => {
    const { deps, as, environments, groups } = world();
    const first = await runDiagnostics(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', userId: 'nina' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const r3 = first.value.verdict.rules.find((r) => r.code === 'R3_GROUP');
    expect(r3?.message).toBe('Nina Nested is in Sales EMEA, which is nested in Sales Team; nested membership does not count — add Nina Nested to Sales Team directly.');
    expect(environments.rowOf('prod', 'nina')).toBeUndefined();
    groups.addMember('sales-team', 'nina');
    const second = await runDiagnostics(deps, { actor: as('ppadmin'), tenantId: CONTOSO, environmentId: 'prod', userId: 'nina' });
    expect(second).toMatchObject({ ok: true, value: { counts: { added: 1 } } });
    expect(environments.rowOf('prod', 'nina')).toMatchObject({ isEnabled: true });
    expect(environments.runsOf('prod').map((r) => r.trigger)).toEqual(['diagnostics', 'diagnostics']);
  });

  it('Sync now runs a full sync as trigger "manual", for environment managers only', async () => {
    const { deps, as, environments } = world();
    expect(await syncEnvironmentNow(deps, { actor: as('ga'), tenantId: CONTOSO, environmentId: 'prod' })).toMatchObject({ ok: true, value: { added: 12 } });
    expect(environments.runsOf('prod').map((r) => r.trigger)).toEqual(['manual']);
    expectRefused(await syncEnvironmentNow(deps, { actor: as('useradmin'), tenantId: CONTOSO, environmentId: 'prod' }), 'FORBIDDEN');
    expectRefused(await syncEnvironmentNow(deps, { actor: as('ga'), tenantId: CONTOSO, environmentId: 'missing' }), 'NOT_FOUND');
  });
});
