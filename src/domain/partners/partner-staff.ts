// Shared by staff creation and new customers: a person's profile from a full name.
import type { UserProfile } from '../users/user';

const EMPTY_PROFILE: Omit<UserProfile, 'displayName'> = {
  firstName: null,
  lastName: null,
  jobTitle: null,
  department: null,
  officeLocation: null,
  officePhone: null,
  mobilePhone: null,
  faxNumber: null,
  streetAddress: null,
  city: null,
  stateOrProvince: null,
  postalCode: null,
  countryOrRegion: null,
  usageLocation: null,
  alternateEmail: null,
};

/** "Mary Ann Parker" → first name "Mary", last name "Ann Parker" (used for name suggestions). */
export function profileFromFullName(fullName: string, extra: Partial<UserProfile> = {}): UserProfile {
  const displayName = fullName.trim().replace(/\s+/g, ' ');
  const [first, ...rest] = displayName.split(' ');
  return { ...EMPTY_PROFILE, firstName: first || null, lastName: rest.join(' ') || null, ...extra, displayName };
}
