// Profile rules shared by create, edit and import.
import { isCountryCode } from '../shared/countries';
import { fail, ok, type Result } from '../shared/result';
import { PROFILE_FIELDS, type ProfileField, type UserProfile } from './user';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The longest value of each field, in characters: the same for the form (its zod
 * schema is built from these) and for an imported row. The usage location is checked
 * against the list of countries instead.
 */
export const PROFILE_MAX_LENGTH: Record<Exclude<ProfileField, 'usageLocation'>, number> = {
  displayName: 256,
  firstName: 200,
  lastName: 200,
  jobTitle: 200,
  department: 200,
  officeLocation: 200,
  officePhone: 64,
  mobilePhone: 64,
  faxNumber: 64,
  streetAddress: 200,
  city: 200,
  stateOrProvince: 200,
  postalCode: 32,
  countryOrRegion: 200,
  alternateEmail: 200,
};

export function checkProfile(profile: UserProfile): Result<UserProfile> {
  const fieldErrors: Record<string, string[]> = {};
  const clean = { ...profile };
  for (const field of PROFILE_FIELDS) {
    const value = clean[field];
    if (typeof value === 'string') {
      const trimmed = value.trim();
      const max = field === 'usageLocation' ? null : PROFILE_MAX_LENGTH[field];
      if (max !== null && trimmed.length > max) fieldErrors[field] = [`Use at most ${max} characters.`];
      (clean as Record<string, string | null>)[field] = trimmed === '' && field !== 'displayName' ? null : trimmed;
    }
  }
  if (!clean.displayName) fieldErrors.displayName = ['Enter a display name.'];
  if (clean.usageLocation) {
    clean.usageLocation = clean.usageLocation.toUpperCase();
    if (!isCountryCode(clean.usageLocation)) fieldErrors.usageLocation = ['Choose a country from the list.'];
  }
  if (clean.alternateEmail && !EMAIL.test(clean.alternateEmail)) fieldErrors.alternateEmail = ['Enter an address like name@example.com.'];
  if (Object.keys(fieldErrors).length) return fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors });
  return ok(clean);
}
