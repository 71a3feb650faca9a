import { describe, expect, it } from 'vitest';
import { canAssignSecurityRole, defaultSecurityRole, syncRowFields } from '@/domain/environments/field-sync';
import type { SyncRowState, SyncUserProfile } from '@/domain/environments/field-sync';

const aProfile = (overrides: Partial<SyncUserProfile> = {}): SyncUserProfile => ({
  id: 'object-id-mary',
  kind: 'member',
  signInName: 'mary@contoso.example',
  displayName: 'Mary Jones',
  firstName: 'Mary',
  lastName: 'Jones',
  jobTitle: 'Account Manager',
  officePhone: '+46 8 123 45 67',
  mobilePhone: '+46 70 123 45 67',
  streetAddress: 'Drottninggatan 1',
  city: 'Stockholm',
  stateOrProvince: 'Stockholms län',
  postalCode: '111 51',
  countryOrRegion: 'Sweden',
  email: 'mary@contoso.example',
  ...overrides,
});

const existing = (overrides: Partial<SyncRowState> = {}): SyncRowState => ({
  internalEmailEditedInEnvironment: false,
  ...overrides,
});

const ALWAYS_SYNCED = {
  signInName: 'mary@contoso.example',
  firstName: 'Mary',
  lastName: 'Jones',
  jobTitle: 'Account Manager',
  officePhone: '+46 8 123 45 67',
  mobilePhone: '+46 70 123 45 67',
  streetAddress: 'Drottninggatan 1',
  city: 'Stockholm',
  stateOrProvince: 'Stockholms län',
  postalCode: '111 51',
  countryOrRegion: 'Sweden',
  azureActiveDirectoryObjectId: 'object-id-mary',
};

describe('syncRowFields', () => {
  it('sets every field, full name and primary email included, when the row is created', () => {
    expect(syncRowFields(aProfile(), null)).toEqual({
      ...ALWAYS_SYNCED,
      fullName: 'Mary Jones',
      primaryEmail: 'mary@contoso.example',
      internalEmailAddress: 'mary@contoso.example',
    });
  });

  it('never overwrites full name or primary email on a later sync', () => {
    const fields = syncRowFields(aProfile({ displayName: 'Mary Smith', email: 'mary.smith@contoso.example' }), existing());
    expect(fields).not.toHaveProperty('fullName');
    expect(fields).not.toHaveProperty('primaryEmail');
  });

  it('synchronises the internal email address until it is edited in the environment', () => {
    const fields = syncRowFields(aProfile({ email: 'mary.smith@contoso.example' }), existing());
    expect(fields.internalEmailAddress).toBe('mary.smith@contoso.example');
  });

  it('never synchronises the internal email address after an edit in the environment', () => {
    const fields = syncRowFields(
      aProfile({ email: 'mary.smith@contoso.example' }),
      existing({ internalEmailEditedInEnvironment: true }),
    );
    expect(fields).not.toHaveProperty('internalEmailAddress');
    expect(fields).toEqual(ALWAYS_SYNCED);
  });

  it.each([
    ['signInName', { signInName: 'mary.smith@contoso.example' }, 'mary.smith@contoso.example'],
    ['lastName', { lastName: 'Smith' }, 'Smith'],
    ['jobTitle', { jobTitle: 'Sales Director' }, 'Sales Director'],
    ['officePhone', { officePhone: '+46 8 765 43 21' }, '+46 8 765 43 21'],
    ['mobilePhone', { mobilePhone: null }, null],
    ['streetAddress', { streetAddress: 'Kungsgatan 2' }, 'Kungsgatan 2'],
    ['city', { city: 'Göteborg' }, 'Göteborg'],
    ['stateOrProvince', { stateOrProvince: 'Västra Götaland' }, 'Västra Götaland'],
    ['postalCode', { postalCode: '411 01' }, '411 01'],
    ['countryOrRegion', { countryOrRegion: 'Norway' }, 'Norway'],
  ] as const)('overwrites %s on every sync', (field, change, value) => {
    const fields = syncRowFields(aProfile(change), existing());
    expect(fields[field]).toBe(value);
  });

  it('writes the object id from the user id', () => {
    expect(syncRowFields(aProfile({ id: 'object-id-2' }), existing()).azureActiveDirectoryObjectId).toBe('object-id-2');
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
  ])('uses # as first name when it is %s', (_label, firstName) => {
    expect(syncRowFields(aProfile({ firstName }), null).firstName).toBe('#');
    expect(syncRowFields(aProfile({ firstName }), existing()).firstName).toBe('#');
  });

  it('always gives an application user # as first name', () => {
    expect(syncRowFields(aProfile({ kind: 'application', firstName: 'ERP' }), null).firstName).toBe('#');
  });

  it('returns only synchronised fields, so custom fields are left untouched', () => {
    const row = {
      ...ALWAYS_SYNCED,
      fullName: 'Mary Jones',
      primaryEmail: 'mary@contoso.example',
      internalEmailAddress: 'mary@contoso.example',
      customFields: { region: 'Nordics' },
    };
    const fields = syncRowFields(aProfile({ jobTitle: 'Sales Director' }), existing());
    const updated = { ...row, ...fields };
    expect(updated.customFields).toEqual({ region: 'Nordics' });
    expect(updated.fullName).toBe('Mary Jones');
    expect(updated.jobTitle).toBe('Sales Director');
    expect(Object.keys(fields)).not.toContain('customFields');
  });
});

describe('defaultSecurityRole', () => {
  it('is Salesperson in an environment with the sales app', () => {
    expect(defaultSecurityRole(true)).toBe('Salesperson');
  });

  it('is Basic User otherwise', () => {
    expect(defaultSecurityRole(false)).toBe('Basic User');
  });
});

describe('canAssignSecurityRole', () => {
  const environment = { name: 'Contoso Production', allowRoleAssignmentOnDisabledUsers: false };

  it('allows an enabled row', () => {
    expect(canAssignSecurityRole({ isEnabled: true }, environment)).toEqual({ ok: true, value: true });
  });

  it('refuses a disabled row with rule R6_SECURITY_ROLE', () => {
    const result = canAssignSecurityRole({ isEnabled: false }, environment);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.rule).toBe('R6_SECURITY_ROLE');
    expect(result.error.code).toBe('CONFLICT');
    expect(result.error.message).toContain('Contoso Production');
    expect(result.error.details?.fix).toContain('allowRoleAssignmentOnDisabledUsers');
  });

  it('allows a disabled row when the environment allows role assignment on disabled users', () => {
    const allowing = { ...environment, allowRoleAssignmentOnDisabledUsers: true };
    expect(canAssignSecurityRole({ isEnabled: false }, allowing).ok).toBe(true);
  });
});
