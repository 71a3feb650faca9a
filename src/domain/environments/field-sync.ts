// Field sync (domain.md §7, seed 002): which directory fields a user-table row
// takes on each sync, which only when the row is created, and which never.
// Also the default security role and the R6 guard on assigning roles.

import type { Result } from '../shared/result';
import { fail, ok } from '../shared/result';

export type SyncUserKind = 'member' | 'application' | 'nonInteractive' | 'stub';

/** The directory user's profile as the sync reads it. */
export type SyncUserProfile = {
  /** Object id in the directory. */
  id: string;
  /** Application users always get '#' as first name. */
  kind?: SyncUserKind;
  signInName: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  officePhone: string | null;
  mobilePhone: string | null;
  streetAddress: string | null;
  city: string | null;
  stateOrProvince: string | null;
  postalCode: string | null;
  countryOrRegion: string | null;
  /** The user's email; source of the row's primary and internal email addresses. */
  email: string | null;
};

/** What the sync needs to know about a row that already exists. */
export type SyncRowState = {
  /** Someone changed the internal email address in the environment: the sync stops writing it. */
  internalEmailEditedInEnvironment: boolean;
};

/** Fields the row takes on every sync. */
export type AlwaysSyncedFields = {
  signInName: string;
  firstName: string;
  lastName: string | null;
  jobTitle: string | null;
  officePhone: string | null;
  mobilePhone: string | null;
  streetAddress: string | null;
  city: string | null;
  stateOrProvince: string | null;
  postalCode: string | null;
  countryOrRegion: string | null;
  azureActiveDirectoryObjectId: string;
};

/**
 * The fields to write. fullName and primaryEmail are present only when the row
 * is created; internalEmailAddress is absent once it was edited in the
 * environment. Custom fields are never part of it, so they stay as they are.
 */
export type SyncedRowFields = AlwaysSyncedFields & {
  fullName?: string;
  primaryEmail?: string | null;
  internalEmailAddress?: string | null;
};

export const EMPTY_FIRST_NAME = '#';

const firstNameOf = (user: SyncUserProfile): string => {
  if (user.kind === 'application') return EMPTY_FIRST_NAME;
  const trimmed = user.firstName?.trim() ?? '';
  return trimmed === '' ? EMPTY_FIRST_NAME : trimmed;
};

/** The fields of `user` to write to its row; `existingRow` null means the row is being created. */
export function syncRowFields(user: SyncUserProfile, existingRow: SyncRowState | null): SyncedRowFields {
  const always: AlwaysSyncedFields = {
    signInName: user.signInName,
    firstName: firstNameOf(user),
    lastName: user.lastName,
    jobTitle: user.jobTitle,
    officePhone: user.officePhone,
    mobilePhone: user.mobilePhone,
    streetAddress: user.streetAddress,
    city: user.city,
    stateOrProvince: user.stateOrProvince,
    postalCode: user.postalCode,
    countryOrRegion: user.countryOrRegion,
    azureActiveDirectoryObjectId: user.id,
  };

  if (existingRow === null) {
    return { ...always, fullName: user.displayName, primaryEmail: user.email, internalEmailAddress: user.email };
  }
  if (existingRow.internalEmailEditedInEnvironment) return always;
  return { ...always, internalEmailAddress: user.email };
}

export type DefaultSecurityRole = 'Salesperson' | 'Basic User';

/** The role a stub user gets at import: Salesperson with the sales app, else Basic User. */
export const defaultSecurityRole = (environmentHasSalesApp: boolean): DefaultSecurityRole =>
  environmentHasSalesApp ? 'Salesperson' : 'Basic User';

export type RoleAssignmentRow = { isEnabled: boolean };
export type RoleAssignmentEnvironment = { name: string; allowRoleAssignmentOnDisabledUsers: boolean };

/** R6: a security role may be assigned only to an enabled row, unless the environment allows disabled rows. */
export function canAssignSecurityRole(row: RoleAssignmentRow, environment: RoleAssignmentEnvironment): Result<true> {
  if (row.isEnabled || environment.allowRoleAssignmentOnDisabledUsers) return ok(true);
  return fail(
    'CONFLICT',
    `A security role can be assigned only to an enabled user: the user is disabled in ${environment.name}, which does not allow role assignment on disabled users.`,
    {
      rule: 'R6_SECURITY_ROLE',
      details: {
        fix: `Enable the user in ${environment.name} first, or turn on allowRoleAssignmentOnDisabledUsers for ${environment.name}`,
      },
    },
  );
}
