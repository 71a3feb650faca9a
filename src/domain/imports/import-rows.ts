// The rows of a bulk-add file, checked with the rules of the single-user form
// (domain.md §3, §4, §5, §8): the same profile rules (checkProfile), the same sign-in
// name rules (composeSignInName), the same authorisation function — plus what only a
// file can get wrong: a domain that is not the tenant's, a name twice in the file,
// unknown licence or group names, a missing usage location for licences.
//
// Pure: the caller looks up the directory, subscriptions and groups first and passes
// them in. The preview runs this over the whole file; the job runs `normaliseImportRow`
// again on each row before writing it, and the use case re-checks everything that may
// have changed since (a name taken meanwhile, seats, a deleted group).
import { authorizeGroupChange } from '../groups/group-permissions';
import { authorize, type Actor, type RoleId } from '../shared/permissions';
import { checkProfile } from '../users/profile-rules';
import { composeSignInName } from '../users/sign-in-name';
import { PROFILE_FIELDS, signInNameKey, type ProfileField, type UserProfile } from '../users/user';
import type { ExistingMode, RowError, RowPlan } from './bulk-job';

/** The columns of the bulk-add file (the template's keys, in its order). */
export const IMPORT_FIELDS = [
  'signInName',
  'firstName',
  'lastName',
  'displayName',
  'jobTitle',
  'department',
  'officeLocation',
  'officePhone',
  'mobilePhone',
  'faxNumber',
  'alternateEmail',
  'streetAddress',
  'city',
  'stateOrProvince',
  'postalCode',
  'countryOrRegion',
  'usageLocation',
  'licences',
  'groups',
  'blockSignIn',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ImportCells = Partial<Record<ImportField, string>>;

/** A row as read from the file, its lists split and its yes/no read by the parser. */
export type ImportRowInput = {
  line: number;
  cells: ImportCells;
  licenceNames: readonly string[];
  groupNames: readonly string[];
  /** Block Sign-In: true or false, null when the cell is blank, 'invalid' for any other word. */
  blockSignIn: boolean | null | 'invalid';
  /** Non-empty cells beyond the header's last column. */
  extraCells: number;
};

/** A row that passed the rules that need nothing but the row and the tenant. */
export type NormalisedImportRow = {
  signInName: string;
  signInNameKey: string;
  /** Checked and trimmed; blank cells are null. */
  profile: UserProfile;
  /** The profile fields the file gives a value for (an update changes only these). */
  provided: ProfileField[];
  /** null: the cell is blank (a new user is not blocked; an update leaves it alone). */
  blockSignIn: boolean | null;
  licenceNames: string[];
  groupNames: string[];
};

export type TenantDomains = { primaryDomain: string; domains: readonly string[] };

const isProfileField = (field: string): field is ProfileField => (PROFILE_FIELDS as readonly string[]).includes(field);

const domainOf = (signInName: string) => signInName.slice(signInName.lastIndexOf('@') + 1).toLowerCase();

/** Is the sign-in name's domain one of the tenant's domains? */
export function isTenantDomain(tenant: TenantDomains, signInName: string): boolean {
  const domain = domainOf(signInName);
  return [tenant.primaryDomain, ...tenant.domains].some((d) => d.toLowerCase() === domain);
}

export function domainNotInTenant(tenant: TenantDomains, signInName: string): RowError {
  const domains = [...new Set([tenant.primaryDomain, ...tenant.domains].map((d) => d.toLowerCase()))].sort();
  return {
    field: 'signInName',
    code: 'DOMAIN_NOT_IN_TENANT',
    message: `${domainOf(signInName)} is not a domain of this tenant. Use ${domains.length === 1 ? domains[0] : `one of ${domains.join(', ')}`}.`,
  };
}

export const signInNameTaken = (signInName: string): RowError => ({
  field: 'signInName',
  code: 'SIGN_IN_NAME_TAKEN',
  message: `${signInName} is already taken by another user. Try a variation.`,
});

const USAGE_LOCATION_FORMAT = 'Use a two-letter country code (ISO 3166), such as US, GB or FR.';

/**
 * The checks that need only the row and the tenant's domains: sign-in name (format,
 * domain), the profile (required display name, lengths, alternate email, usage
 * location), Block Sign-In, stray cells. Every error of the row, each by column.
 */
export function normaliseImportRow(row: ImportRowInput, tenant: TenantDomains): { value: NormalisedImportRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  if (row.extraCells > 0) {
    errors.push({
      field: 'row',
      code: 'EXTRA_CELLS',
      message: `The line has ${row.extraCells === 1 ? 'a cell' : `${row.extraCells} cells`} beyond the last column. A value that contains a comma must be in double quotes.`,
    });
  }

  let signInName: string | null = null;
  const raw = row.cells.signInName?.trim() ?? '';
  if (!raw) {
    errors.push({ field: 'signInName', code: 'REQUIRED', message: 'Enter the sign-in name, such as chris.green@contoso.example.' });
  } else {
    // "name@domain", or a bare username that takes the tenant's primary domain, as in the form.
    const composed = composeSignInName(raw.includes('@') ? 'email' : 'username', raw, tenant.primaryDomain);
    if (!composed.ok) {
      const detail = Object.values(composed.error.fieldErrors ?? {})[0]?.[0] ?? composed.error.message;
      errors.push({ field: 'signInName', code: 'INVALID', message: `“${raw}” is not a valid sign-in name. ${detail}` });
    } else if (!isTenantDomain(tenant, composed.value)) {
      errors.push(domainNotInTenant(tenant, composed.value));
    } else {
      signInName = composed.value;
    }
  }

  const input = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, row.cells[field] ?? null])) as UserProfile;
  input.displayName = row.cells.displayName ?? '';
  const checked = checkProfile(input);
  if (!checked.ok) {
    for (const [field, messages] of Object.entries(checked.error.fieldErrors ?? {})) {
      const code = field === 'displayName' && !row.cells.displayName?.trim() ? 'REQUIRED' : 'INVALID';
      const message = field === 'usageLocation' ? `“${row.cells.usageLocation ?? ''}” is not a country code. ${USAGE_LOCATION_FORMAT}` : (messages[0] ?? 'Check this value.');
      errors.push({ field: isProfileField(field) ? field : 'row', code, message });
    }
  }

  if (row.blockSignIn === 'invalid') {
    errors.push({ field: 'blockSignIn', code: 'INVALID', message: `“${row.cells.blockSignIn ?? ''}” is not yes or no. Use Yes or No (or leave it blank for No).` });
  }

  if (errors.length || !signInName || !checked.ok) return { value: null, errors };
  const provided = PROFILE_FIELDS.filter((field) => Boolean(row.cells[field]?.trim()));
  return {
    value: {
      signInName,
      signInNameKey: signInNameKey(signInName),
      profile: checked.value,
      provided,
      blockSignIn: row.blockSignIn === 'invalid' ? null : row.blockSignIn,
      licenceNames: [...row.licenceNames],
      groupNames: [...row.groupNames],
    },
    errors,
  };
}

// ---------------------------------------------------------------------------------
// The whole file against the directory

/** A live user holding a sign-in name of the file (sign-in names are unique portal-wide). */
export type ExistingUser = {
  id: string;
  tenantId: string;
  displayName: string;
  roles: readonly RoleId[];
  accountEnabled: boolean;
  usageLocation: string | null;
};

export type SubscriptionRef = { id: string; productName: string; seats: number; consumed: number };
export type GroupRefWithOwners = { id: string; tenantId: string; name: string; ownerIds: string[] };

export type ImportContext = {
  actor: Actor;
  tenantId: string;
  tenant: TenantDomains;
  mode: ExistingMode;
  /** Live users by lower-cased sign-in name. */
  existing: ReadonlyMap<string, ExistingUser>;
  /** The tenant's subscriptions by lower-cased product name. */
  subscriptions: ReadonlyMap<string, SubscriptionRef>;
  /** The tenant's groups by lower-cased name. */
  groups: ReadonlyMap<string, GroupRefWithOwners>;
  /** Active licences (subscription ids) of the existing users of this tenant, by user id. */
  holdings: ReadonlyMap<string, ReadonlySet<string>>;
};

export type ValidatedImportRow = {
  line: number;
  /** The sign-in name as it will be written (or as typed, when it is invalid). */
  signInName: string | null;
  displayName: string | null;
  errors: RowError[];
  /** What the row will do; null when it has errors. */
  plan: RowPlan | null;
  /** The existing user of this tenant (skip, update). */
  targetUserId: string | null;
  /** Subscriptions the row takes a seat of (a new licence for a new or updated user). */
  seatRequests: string[];
};

const listNames = (names: readonly string[], max = 5) =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;

/** Where each sign-in name appears in the file, by lower-cased name. */
function linesByName(rows: readonly { line: number; key: string | null }[]): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const row of rows) {
    if (!row.key) continue;
    const seen = lines.get(row.key);
    if (seen) seen.push(row.line);
    else lines.set(row.key, [row.line]);
  }
  return lines;
}

/** The lower-cased sign-in name a row names, even one whose domain is refused (for duplicates and look-ups). */
export function importRowKey(row: ImportRowInput, tenant: TenantDomains): string | null {
  const raw = row.cells.signInName?.trim();
  if (!raw) return null;
  return signInNameKey(raw.includes('@') ? raw : `${raw}@${tenant.primaryDomain}`);
}

/**
 * Every row of a bulk-add file, checked. A sign-in name that appears more than once
 * is refused on every line it appears on (which one is meant is for the admin to say).
 * A name held by a live user of another tenant is taken; one held in this tenant is
 * skipped or updated, as the admin chose.
 */
export function validateImportRows(rows: readonly ImportRowInput[], context: ImportContext): ValidatedImportRow[] {
  const { actor, tenantId } = context;
  const duplicates = linesByName(rows.map((row) => ({ line: row.line, key: importRowKey(row, context.tenant) })));
  const mayAssignLicences = authorize({ actor, tenantId, action: 'licence.assign' });
  const mayCreate = authorize({ actor, tenantId, action: 'user.create' });
  const subscriptionNames = [...context.subscriptions.values()].map((s) => s.productName).sort();

  return rows.map((row): ValidatedImportRow => {
    const { value, errors } = normaliseImportRow(row, context.tenant);
    const key = importRowKey(row, context.tenant);
    const lines = key ? (duplicates.get(key) ?? []) : [];
    if (lines.length > 1) {
      const others = lines.filter((l) => l !== row.line);
      errors.push({
        field: 'signInName',
        code: 'DUPLICATE_IN_FILE',
        message: `${row.cells.signInName?.trim()} is also on line${others.length > 1 ? 's' : ''} ${others.join(', ')}. Keep it on one line only.`,
      });
    }

    let plan: RowPlan | null = null;
    let target: ExistingUser | null = null;
    if (value) {
      const existing = context.existing.get(value.signInNameKey);
      if (existing && existing.tenantId !== tenantId) {
        errors.push(signInNameTaken(value.signInName));
      } else if (existing) {
        target = existing;
        plan = context.mode;
        if (plan === 'update') {
          const allowed = authorize({ actor, tenantId, action: 'user.update', target: existing });
          if (!allowed.ok) errors.push({ field: 'signInName', code: allowed.error.rule ?? allowed.error.code, message: allowed.error.message });
        }
      } else {
        plan = 'create';
        if (!mayCreate.ok) errors.push({ field: 'signInName', code: mayCreate.error.rule ?? mayCreate.error.code, message: mayCreate.error.message });
      }
    }

    const seatRequests: string[] = [];
    const licenceNames = value?.licenceNames ?? row.licenceNames;
    if (licenceNames.length) {
      if (!mayAssignLicences.ok) {
        errors.push({ field: 'licences', code: mayAssignLicences.error.rule ?? mayAssignLicences.error.code, message: mayAssignLicences.error.message });
      }
      const unknown = licenceNames.filter((name) => !context.subscriptions.has(name.toLowerCase()));
      if (unknown.length) {
        errors.push({
          field: 'licences',
          code: 'UNKNOWN_LICENCE',
          message: `${unknown.map((n) => `“${n}”`).join(', ')} ${unknown.length === 1 ? 'is not a subscription' : 'are not subscriptions'} of this tenant. ${
            subscriptionNames.length ? `Its subscriptions: ${listNames(subscriptionNames)}.` : 'It has no subscriptions.'
          }`,
        });
      }
      const location = value?.profile.usageLocation ?? (plan === 'update' ? (target?.usageLocation ?? null) : null);
      const usageLocationBroken = errors.some((e) => e.field === 'usageLocation');
      if (!location && !usageLocationBroken && (value === null || plan !== 'skip')) {
        errors.push({ field: 'usageLocation', code: 'USAGE_LOCATION_REQUIRED', message: `Licences need a usage location. ${USAGE_LOCATION_FORMAT}` });
      }
      if (plan === 'create' || plan === 'update') {
        const held = target ? context.holdings.get(target.id) : undefined;
        for (const name of licenceNames) {
          const subscription = context.subscriptions.get(name.toLowerCase());
          if (subscription && !held?.has(subscription.id) && !seatRequests.includes(subscription.id)) seatRequests.push(subscription.id);
        }
      }
    }

    const groupNames = value?.groupNames ?? row.groupNames;
    if (groupNames.length) {
      const unknown: string[] = [];
      const refused = new Set<string>();
      for (const name of groupNames) {
        const group = context.groups.get(name.toLowerCase());
        if (!group) {
          unknown.push(name);
          continue;
        }
        const allowed = authorizeGroupChange({ actor, tenantId, group, change: 'members' });
        if (!allowed.ok) refused.add(allowed.error.message);
      }
      if (unknown.length) {
        errors.push({
          field: 'groups',
          code: 'UNKNOWN_GROUP',
          message: `${unknown.map((n) => `“${n}”`).join(', ')} ${unknown.length === 1 ? 'is not a group' : 'are not groups'} of this tenant. Create ${unknown.length === 1 ? 'it' : 'them'} on the Groups page first.`,
        });
      }
      for (const message of refused) errors.push({ field: 'groups', code: 'ROLE_REQUIRED', message });
    }

    const valid = errors.length === 0 && plan !== null;
    return {
      line: row.line,
      signInName: value?.signInName ?? (row.cells.signInName?.trim() || null),
      displayName: value?.profile.displayName ?? (row.cells.displayName?.trim() || null),
      errors,
      plan: valid ? plan : null,
      targetUserId: valid ? (target?.id ?? null) : null,
      seatRequests: valid ? seatRequests : [],
    };
  });
}
