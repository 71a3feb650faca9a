// Sign-in identity (domain.md §3, seeds 000/001): an email address, or a username
// that becomes name@<tenant primary domain>. Unique portal-wide among live users,
// case-insensitively; a taken name comes with free variations (seed 004).
import { fail, ok, type Result } from '../shared/result';
import { signInNameKey } from './user';

export type SignInMethod = 'email' | 'username';

const LOCAL_PART = /^[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_])?$/i;
const DOMAIN = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function isValidSignInName(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.length > 254) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  return LOCAL_PART.test(local) && !local.includes('..') && DOMAIN.test(domain);
}

/** The sign-in name a create form asks for, from its method and value. */
export function composeSignInName(method: SignInMethod, value: string, primaryDomain: string): Result<string> {
  const raw = value.trim();
  const field = method === 'email' ? 'email' : 'username';
  if (!raw) return fail('VALIDATION', 'Enter a sign-in name.', { fieldErrors: { [field]: [method === 'email' ? 'Enter the email address.' : 'Enter a username.'] } });
  if (method === 'username') {
    if (raw.includes('@')) return fail('VALIDATION', 'A username has no @.', { fieldErrors: { username: [`Enter only the part before @${primaryDomain}.`] } });
    const name = `${raw}@${primaryDomain}`;
    if (!isValidSignInName(name)) {
      return fail('VALIDATION', 'That username is not valid.', {
        fieldErrors: { username: ['Use letters, digits and . _ - only, starting and ending with a letter or digit.'] },
      });
    }
    return ok(name);
  }
  if (!isValidSignInName(raw)) return fail('VALIDATION', 'That is not a valid email address.', { fieldErrors: { email: ['Enter an address like name@example.com.'] } });
  return ok(raw);
}

/**
 * Up to `count` free variations of a taken sign-in name: mary.parker@x → mary.parker2@x, mparker@x, mary.parker.2026@x …
 * `isTaken` answers for a batch of lower-cased candidates.
 */
export async function suggestSignInNames(
  taken: string,
  person: { firstName?: string | null; lastName?: string | null },
  isTaken: (candidates: string[]) => Promise<Set<string>>,
  options: { count?: number; year?: number } = {},
): Promise<string[]> {
  const count = options.count ?? 3;
  const at = taken.lastIndexOf('@');
  const local = taken.slice(0, at).toLowerCase();
  const domain = taken.slice(at + 1).toLowerCase();
  const first = (person.firstName ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const last = (person.lastName ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const candidates = new Set<string>();
  if (first && last) {
    candidates.add(`${first}.${last}`);
    candidates.add(`${first[0]}${last}`);
    candidates.add(`${first}${last[0]}`);
    candidates.add(`${first}_${last}`);
  }
  for (let n = 2; n <= 9; n++) candidates.add(`${local}${n}`);
  if (options.year) candidates.add(`${local}.${options.year}`);
  for (let n = 10; n <= 30; n++) candidates.add(`${local}${n}`);
  const all = [...candidates].filter((c) => c && c !== local.toLowerCase()).map((c) => `${c}@${domain}`).filter(isValidSignInName);
  const busy = await isTaken(all.map(signInNameKey));
  return all.filter((c) => !busy.has(signInNameKey(c))).slice(0, count);
}
