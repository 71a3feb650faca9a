// A directory user as the domain sees it (domain.md §3).
import type { RoleId } from '../shared/permissions';

export type UserKind = 'member' | 'application' | 'nonInteractive' | 'stub';

export const PROFILE_FIELDS = [
  'displayName',
  'firstName',
  'lastName',
  'jobTitle',
  'department',
  'officeLocation',
  'officePhone',
  'mobilePhone',
  'faxNumber',
  'streetAddress',
  'city',
  'stateOrProvince',
  'postalCode',
  'countryOrRegion',
  'usageLocation',
  'alternateEmail',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const PROFILE_FIELD_LABELS: Record<ProfileField, string> = {
  displayName: 'Display name',
  firstName: 'First name',
  lastName: 'Last name',
  jobTitle: 'Job title',
  department: 'Department',
  officeLocation: 'Office',
  officePhone: 'Office phone',
  mobilePhone: 'Mobile phone',
  faxNumber: 'Fax',
  streetAddress: 'Street address',
  city: 'City',
  stateOrProvince: 'State or province',
  postalCode: 'Postal code',
  countryOrRegion: 'Country or region',
  usageLocation: 'Usage location',
  alternateEmail: 'Alternate email',
};

export type UserProfile = { displayName: string } & { [K in Exclude<ProfileField, 'displayName'>]: string | null };

export type User = UserProfile & {
  id: string;
  tenantId: string;
  kind: UserKind;
  signInName: string;
  accountEnabled: boolean;
  mustChangePassword: boolean;
  sessionVersion: number;
  rowVersion: number;
  roles: RoleId[];
  createdAt: Date;
  updatedAt: Date;
  updatedByName: string | null;
  deletedAt: Date | null;
  deletedByName: string | null;
};

/** Sign-in names compare case-insensitively. */
export const signInNameKey = (signInName: string) => signInName.trim().toLowerCase();

export const isActiveGlobalAdmin = (u: Pick<User, 'roles' | 'accountEnabled' | 'deletedAt'>) =>
  u.roles.includes('globalAdministrator') && u.accountEnabled && u.deletedAt === null;
