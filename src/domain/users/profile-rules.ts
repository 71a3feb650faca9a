// Profile rules shared by create, edit and import.
import { isCountryCode } from '../shared/countries';
import { fail, ok, type Result } from '../shared/result';
import { PROFILE_FIELDS, type UserProfile } from './user';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PROFILE_MAX_LENGTH = 256;

export function checkProfile(profile: UserProfile): Result<UserProfile> {
  const fieldErrors: Record<string, string[]> = {};
  const clean = { ...profile };
  for (const field of PROFILE_FIELDS) {
    const value = clean[field];
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed.length > PROFILE_MAX_LENGTH) fieldErrors[field] = [`Use at most ${PROFILE_MAX_LENGTH} characters.`];
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
