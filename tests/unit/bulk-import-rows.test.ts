// The rows of a bulk-add file, checked with the single-user form's rules plus the
// file's own (domain.md §8): every error by line and column, nothing written.
import { describe, expect, it } from 'vitest';
import {
  normaliseImportRow,
  validateImportRows,
  type ExistingUser,
  type ImportCells,
  type ImportContext,
  type ImportRowInput,
} from '@/domain/imports/import-rows';
import type { Actor, RoleId } from '@/domain/shared/permissions';
import { PROFILE_MAX_LENGTH } from '@/domain/users/profile-rules';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const OTHER_TENANT = 'aaaaaaaa-0000-4000-8000-000000000002';
const tenant = { primaryDomain: 'contoso.example', domains: ['contoso.example', 'contoso-sales.example'] };
const actorWith = (roles: RoleId[], userId = 'admin'): Actor => ({ userId, displayName: 'Ada Admin', tenantId: TENANT, roles });
const GA = actorWith(['globalAdministrator']);

let line = 1;
function row(cells: ImportCells, extra: Partial<ImportRowInput> = {}): ImportRowInput {
  line++;
  const split = (v?: string) => (v ? v.split(';').map((s) => s.trim()).filter(Boolean) : []);
  return { line, cells, licenceNames: split(cells.licences), groupNames: split(cells.groups), blockSignIn: null, extraCells: 0, ...extra };
}

function context(overrides: Partial<ImportContext> = {}): ImportContext {
  return {
    actor: GA,
    tenantId: TENANT,
    tenant,
    mode: 'skip',
    existing: new Map(),
    subscriptions: new Map([
      ['power apps premium', { id: 'sub-pa', productName: 'Power Apps Premium', seats: 10, consumed: 5 }],
      ['microsoft 365 e3', { id: 'sub-e3', productName: 'Microsoft 365 E3', seats: 100, consumed: 0 }],
    ]),
    groups: new Map([['sales team', { id: 'g-sales', tenantId: TENANT, name: 'Sales Team', ownerIds: ['owner'] }]]),
    holdings: new Map(),
    ...overrides,
  };
}

const codes = (r: { errors: { field: string; code: string }[] }) => r.errors.map((e) => `${e.field}:${e.code}`);

describe('normaliseImportRow', () => {
  it('composes a bare username with the primary domain, like the form’s Username method', () => {
    const { value, errors } = normaliseImportRow(row({ signInName: 'Chris.Green', displayName: 'Chris Green' }), tenant);
    expect(errors).toEqual([]);
    expect(value).toMatchObject({ signInName: 'Chris.Green@contoso.example', signInNameKey: 'chris.green@contoso.example', blockSignIn: null });
  });

  it('accepts any of the tenant’s domains, case-insensitively', () => {
    expect(normaliseImportRow(row({ signInName: 'kim@CONTOSO-SALES.example', displayName: 'Kim' }), tenant).errors).toEqual([]);
  });

  it('refuses a domain that is not the tenant’s, naming the ones that are', () => {
    const { errors } = normaliseImportRow(row({ signInName: 'kim@fabrikam.example', displayName: 'Kim' }), tenant);
    expect(errors).toEqual([
      { field: 'signInName', code: 'DOMAIN_NOT_IN_TENANT', message: 'fabrikam.example is not a domain of this tenant. Use one of contoso-sales.example, contoso.example.' },
    ]);
  });

  it('reports every problem of the row at once, each in its column', () => {
    const { value, errors } = normaliseImportRow(
      row({ signInName: 'not an address@', usageLocation: 'Narnia', alternateEmail: 'nope', blockSignIn: 'maybe' }, { blockSignIn: 'invalid', extraCells: 2 }),
      tenant,
    );
    expect(value).toBeNull();
    expect(codes({ errors })).toEqual(['row:EXTRA_CELLS', 'signInName:INVALID', 'displayName:REQUIRED', 'usageLocation:INVALID', 'alternateEmail:INVALID', 'blockSignIn:INVALID']);
    expect(errors.find((e) => e.field === 'usageLocation')?.message).toBe('“Narnia” is not a country code. Use a two-letter country code (ISO 3166), such as US, GB or FR.');
    expect(errors.find((e) => e.field === 'row')?.message).toContain('must be in double quotes');
  });

  it('keeps which profile fields the file gives, upper-cases the usage location, and reads Block Sign-In', () => {
    const { value } = normaliseImportRow(row({ signInName: 'a@contoso.example', displayName: ' Ann ', jobTitle: 'Chef', usageLocation: 'fr' }, { blockSignIn: true }), tenant);
    expect(value?.profile).toMatchObject({ displayName: 'Ann', jobTitle: 'Chef', usageLocation: 'FR', department: null });
    expect(value?.provided.sort()).toEqual(['displayName', 'jobTitle', 'usageLocation']);
    expect(value?.blockSignIn).toBe(true);
  });

  it('applies the form’s length limits, field by field', () => {
    const at = (field: keyof typeof PROFILE_MAX_LENGTH, length: number) =>
      normaliseImportRow(row({ signInName: 'a@contoso.example', displayName: 'A', [field]: 'x'.repeat(length) }), tenant).errors;
    for (const [field, max] of Object.entries(PROFILE_MAX_LENGTH) as [keyof typeof PROFILE_MAX_LENGTH, number][]) {
      if (field === 'alternateEmail') continue;
      expect(at(field, max), field).toEqual([]);
      expect(at(field, max + 1), field).toEqual([{ field, code: 'INVALID', message: `Use at most ${max} characters.` }]);
    }
    expect(PROFILE_MAX_LENGTH).toMatchObject({ city: 200, officePhone: 64, postalCode: 32, displayName: 256 });
  });
});

describe('validateImportRows', () => {
  const existing = (overrides: Partial<ExistingUser> = {}): ExistingUser => ({
    id: 'u-kim',
    tenantId: TENANT,
    displayName: 'Kim',
    roles: [],
    accountEnabled: true,
    usageLocation: null,
    ...overrides,
  });

  it('plans a create for a new name and takes a seat per licence it asks for', () => {
    const [r] = validateImportRows([row({ signInName: 'new@contoso.example', displayName: 'New', usageLocation: 'US', licences: 'Power Apps Premium;microsoft 365 e3', groups: 'sales team' })], context());
    expect(r).toMatchObject({ errors: [], plan: 'create', targetUserId: null, seatRequests: ['sub-pa', 'sub-e3'] });
  });

  it('refuses every line of a name that appears twice, whatever its case or form', () => {
    const rows = [
      row({ signInName: 'ann@contoso.example', displayName: 'Ann' }),
      row({ signInName: 'bob@contoso.example', displayName: 'Bob' }),
      row({ signInName: 'ANN', displayName: 'Ann 2' }),
    ];
    const result = validateImportRows(rows, context());
    expect(result.map((r) => r.plan)).toEqual([null, 'create', null]);
    expect(result[0]?.errors[0]?.message).toBe(`ann@contoso.example is also on line ${rows[2]?.line}. Keep it on one line only.`);
    expect(result[2]?.errors[0]?.code).toBe('DUPLICATE_IN_FILE');
  });

  it('refuses a name a live user of another tenant holds, and skips or updates one of this tenant', () => {
    const rows = () => [row({ signInName: 'kim@contoso.example', displayName: 'Kim' }), row({ signInName: 'lee@contoso.example', displayName: 'Lee' })];
    const users = new Map([
      ['kim@contoso.example', existing()],
      ['lee@contoso.example', existing({ id: 'u-lee', tenantId: OTHER_TENANT })],
    ]);
    const skip = validateImportRows(rows(), context({ existing: users }));
    expect(skip.map((r) => [r.plan, r.targetUserId, codes(r)])).toEqual([
      ['skip', 'u-kim', []],
      [null, null, ['signInName:SIGN_IN_NAME_TAKEN']],
    ]);
    const update = validateImportRows(rows(), context({ existing: users, mode: 'update' }));
    expect(update[0]).toMatchObject({ plan: 'update', targetUserId: 'u-kim' });
  });

  it('refuses an update above the actor’s tier, as the edit form would', () => {
    const ua = actorWith(['userAdministrator']);
    const users = new Map([['kim@contoso.example', existing({ roles: ['globalAdministrator'] })]]);
    const [r] = validateImportRows([row({ signInName: 'kim@contoso.example', displayName: 'Kim' })], context({ actor: ua, existing: users, mode: 'update' }));
    expect(codes(r ?? { errors: [] })).toEqual(['signInName:TIER_CEILING']);
  });

  it('names unknown licences and groups, and lists the tenant’s subscriptions', () => {
    const [r] = validateImportRows([row({ signInName: 'x@contoso.example', displayName: 'X', usageLocation: 'US', licences: 'Visio;Power Apps Premium', groups: 'Ghosts' })], context());
    expect(r?.errors).toEqual([
      { field: 'licences', code: 'UNKNOWN_LICENCE', message: '“Visio” is not a subscription of this tenant. Its subscriptions: Microsoft 365 E3, Power Apps Premium.' },
      { field: 'groups', code: 'UNKNOWN_GROUP', message: '“Ghosts” is not a group of this tenant. Create it on the Groups page first.' },
    ]);
    expect(r?.seatRequests).toEqual([]);
  });

  it('needs a usage location for licences, unless the user being updated has one', () => {
    const cells = { signInName: 'kim@contoso.example', displayName: 'Kim', licences: 'Power Apps Premium' };
    const [created] = validateImportRows([row(cells)], context());
    expect(codes(created ?? { errors: [] })).toEqual(['usageLocation:USAGE_LOCATION_REQUIRED']);
    const users = new Map([['kim@contoso.example', existing({ usageLocation: 'DE' })]]);
    const [updated] = validateImportRows([row(cells)], context({ existing: users, mode: 'update' }));
    expect(updated).toMatchObject({ errors: [], plan: 'update', seatRequests: ['sub-pa'] });
  });

  it('asks no seat for a licence the updated user holds already', () => {
    const users = new Map([['kim@contoso.example', existing({ usageLocation: 'DE' })]]);
    const [r] = validateImportRows([row({ signInName: 'kim@contoso.example', displayName: 'Kim', licences: 'Power Apps Premium;Microsoft 365 E3' })], context({ existing: users, mode: 'update', holdings: new Map([['u-kim', new Set(['sub-pa'])]]) }));
    expect(r?.seatRequests).toEqual(['sub-e3']);
  });

  it('refuses licences and groups the actor’s roles cannot give; a group owner may add to their own group', () => {
    const helpdesk = actorWith(['helpdeskAdministrator', 'directoryWriters']);
    const cells = { signInName: 'x@contoso.example', displayName: 'X', usageLocation: 'US', groups: 'Sales Team' };
    const [refused] = validateImportRows([row(cells)], context({ actor: helpdesk }));
    expect(codes(refused ?? { errors: [] })).toEqual(['groups:ROLE_REQUIRED']);
    const [owner] = validateImportRows([row(cells)], context({ actor: { ...helpdesk, userId: 'owner' } }));
    expect(owner?.errors).toEqual([]);
    const [licences] = validateImportRows([row({ ...cells, groups: undefined, licences: 'Power Apps Premium' })], context({ actor: actorWith(['groupsAdministrator']) }));
    expect(codes(licences ?? { errors: [] })).toEqual(['signInName:ROLE_REQUIRED', 'licences:ROLE_REQUIRED']);
  });
});
