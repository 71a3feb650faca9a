// Temporary passwords (domain.md §3) and the policy for the passwords users choose.
import { fail, ok, type Result } from '../shared/result';

/** Cryptographically random bytes; the server passes node:crypto's randomBytes. */
export type RandomBytes = (count: number) => Uint8Array;

// No look-alikes: no I/l/1/|, O/0/o, and no quotes or backslashes that break copy-paste.
export const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const LOWER = 'abcdefghjkmnpqrstuvwxyz';
export const DIGITS = '23456789';
export const SYMBOLS = '!#%&*+-=?@^_';
export const LOOK_ALIKES = 'Il1|O0o`\'"\\';
export const TEMPORARY_PASSWORD_LENGTH = 16;

/** An unbiased integer in [0, max) by rejection sampling. */
function randomIndex(random: RandomBytes, max: number): number {
  const limit = 256 - (256 % max);
  for (;;) {
    const [byte] = random(1);
    if (byte !== undefined && byte < limit) return byte % max;
  }
}

const pick = (random: RandomBytes, alphabet: string) => alphabet[randomIndex(random, alphabet.length)] ?? '';

export function generateTemporaryPassword(random: RandomBytes, length = TEMPORARY_PASSWORD_LENGTH): string {
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  // One of each class guaranteed, the rest from the whole alphabet, then shuffled.
  const chars = [pick(random, UPPER), pick(random, LOWER), pick(random, DIGITS), pick(random, SYMBOLS)];
  while (chars.length < length) chars.push(pick(random, all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  // A letter first: a leading = + - @ would be neutralised in a CSV download and
  // the password copied from it would then be wrong.
  const firstLetter = chars.findIndex((c) => UPPER.includes(c) || LOWER.includes(c));
  if (firstLetter > 0) [chars[0], chars[firstLetter]] = [chars[firstLetter] ?? '', chars[0] ?? ''];
  return chars.join('');
}

export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt reads only the first 72 bytes; a longer password would be silently truncated. */
export const MAX_PASSWORD_BYTES = 72;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/**
 * The new-password policy (domain.md §3). `isSameAsCurrent` is decided by the caller
 * (it needs the hash) and passed in.
 */
export function checkNewPassword(input: {
  password: string;
  confirmation: string;
  signInName: string;
  isSameAsCurrent: boolean;
}): Result<void> {
  const errors: string[] = [];
  const { password } = input;
  if (password.length < MIN_PASSWORD_LENGTH) errors.push(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (utf8Length(password) > MAX_PASSWORD_BYTES) errors.push(`Use at most ${MAX_PASSWORD_BYTES} bytes (about 72 characters).`);
  const lowered = password.toLowerCase();
  const name = input.signInName.toLowerCase();
  const localPart = name.split('@')[0] ?? name;
  if (lowered === name || lowered === localPart) errors.push('The password cannot be your sign-in name.');
  if (input.isSameAsCurrent) errors.push('Choose a password different from your temporary (current) one.');
  const fieldErrors: Record<string, string[]> = {};
  if (errors.length) fieldErrors.newPassword = errors;
  if (password !== input.confirmation) fieldErrors.confirmPassword = ['The passwords do not match.'];
  if (Object.keys(fieldErrors).length) return fail('VALIDATION', 'The new password does not meet the policy.', { fieldErrors });
  return ok(undefined);
}
