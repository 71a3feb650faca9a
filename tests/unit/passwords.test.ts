// Temporary passwords (domain.md §3) and the policy for passwords users choose.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkNewPassword,
  DIGITS,
  generateTemporaryPassword,
  LOOK_ALIKES,
  LOWER,
  SYMBOLS,
  UPPER,
  type RandomBytes,
} from '@/domain/auth/passwords';

const cryptoRandom: RandomBytes = (count) => randomBytes(count);

// The character classes as domain.md means them, independent of the alphabets under test.
const HAS_UPPER = /[A-Z]/;
const HAS_LOWER = /[a-z]/;
const HAS_DIGIT = /[0-9]/;
const HAS_SYMBOL = /[^A-Za-z0-9]/;
const LOOK_ALIKE_CHARS = ['I', 'l', '1', '|', 'O', '0', 'o', '`', "'", '"', '\\'];

function expectWellFormed(password: string) {
  expect(password.length).toBeGreaterThanOrEqual(16);
  expect(password).toMatch(HAS_UPPER);
  expect(password).toMatch(HAS_LOWER);
  expect(password).toMatch(HAS_DIGIT);
  expect(password).toMatch(HAS_SYMBOL);
  expect(password).toMatch(/^[A-Za-z]/);
  for (const c of LOOK_ALIKE_CHARS) expect(password).not.toContain(c);
  for (const c of password) expect(UPPER + LOWER + DIGITS + SYMBOLS).toContain(c);
}

/** A deterministic byte source (a small linear congruential generator) that counts the bytes asked for. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const source = {
    bytesServed: 0,
    random: ((count: number) => {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        out[i] = state >>> 24;
      }
      source.bytesServed += count;
      return out;
    }) satisfies RandomBytes,
  };
  return source;
}

describe('the alphabets', () => {
  it('hold no look-alike characters', () => {
    for (const c of LOOK_ALIKE_CHARS) {
      expect(UPPER + LOWER + DIGITS + SYMBOLS).not.toContain(c);
      expect(LOOK_ALIKES).toContain(c);
    }
  });

  it('are each one character class', () => {
    expect(UPPER).toMatch(/^[A-Z]+$/);
    expect(LOWER).toMatch(/^[a-z]+$/);
    expect(DIGITS).toMatch(/^[0-9]+$/);
    expect(SYMBOLS).toMatch(/^[^A-Za-z0-9\s]+$/);
  });
});

describe('generateTemporaryPassword with a cryptographic source', () => {
  it('draws 10,000 well-formed passwords without a repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const password = generateTemporaryPassword(cryptoRandom);
      // Cheap checks on every draw; the full ones on a sample (expect() is slow).
      if (i % 100 === 0) expectWellFormed(password);
      else if (
        password.length < 16 ||
        !HAS_UPPER.test(password) ||
        !HAS_LOWER.test(password) ||
        !HAS_DIGIT.test(password) ||
        !HAS_SYMBOL.test(password) ||
        !/^[A-Za-z]/.test(password) ||
        LOOK_ALIKE_CHARS.some((c) => password.includes(c))
      ) {
        expectWellFormed(password);
      }
      seen.add(password);
    }
    expect(seen.size).toBe(10_000);
  });

  it('honours a longer length', () => {
    const password = generateTemporaryPassword(cryptoRandom, 24);
    expect(password).toHaveLength(24);
    expectWellFormed(password);
  });

  it('uses every character of the alphabet over many draws (no class is starved)', () => {
    const used = new Set<string>();
    for (let i = 0; i < 2_000; i++) for (const c of generateTemporaryPassword(cryptoRandom)) used.add(c);
    expect([...used].sort().join('')).toBe([...(UPPER + LOWER + DIGITS + SYMBOLS)].sort().join(''));
  });
});

describe('generateTemporaryPassword with a deterministic source', () => {
  it.each([1, 42, 2024, 0xdeadbeef])('seed %i: stays in the alphabets and is reproducible', (seed) => {
    const first = generateTemporaryPassword(seededRandom(seed).random);
    const second = generateTemporaryPassword(seededRandom(seed).random);
    expect(first).toBe(second);
    expectWellFormed(first);
  });

  it('stays well formed even with a source that only ever returns zero', () => {
    const zeros: RandomBytes = (count) => new Uint8Array(count);
    expectWellFormed(generateTemporaryPassword(zeros));
  });

  it('rejects high bytes (no modulo bias) and terminates when a usable byte comes', () => {
    // Two bytes of 255 then a 5, over and over. 255 lies above the rejection limit of every
    // alphabet whose size does not divide 256 (upper case: 240, the whole alphabet: 201).
    let served = 0;
    const mostlyHigh: RandomBytes = (count) => {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) out[i] = served++ % 3 === 2 ? 5 : 255;
      return out;
    };
    const password = generateTemporaryPassword(mostlyHigh);
    expectWellFormed(password);
    // The upper-case pick came first: 255, 255 rejected, then 5 → UPPER[5].
    expect(password).toContain(UPPER[5]);
    // 4 class picks + 12 fill picks + 15 shuffle swaps = 31 choices; rejections cost more bytes.
    expect(served).toBeGreaterThan(31);
  });

  it('maps an accepted byte to the alphabet by its remainder', () => {
    // Every byte is 24 + 3 = 27, below every limit: 27 % 24 = 3 → 'D' for the upper-case pick.
    const constant: RandomBytes = (count) => new Uint8Array(count).fill(27);
    const password = generateTemporaryPassword(constant);
    expect(password).toContain(UPPER[27 % UPPER.length]);
    expectWellFormed(password);
  });
});

describe('checkNewPassword', () => {
  const base = {
    password: 'Plenty-Long-Secret-7',
    confirmation: 'Plenty-Long-Secret-7',
    signInName: 'margaret.hamilton@contoso.example',
    isSameAsCurrent: false,
  };
  const check = (overrides: Partial<typeof base>) => {
    const input = { ...base, ...overrides };
    if (overrides.password !== undefined && overrides.confirmation === undefined) input.confirmation = input.password;
    return checkNewPassword(input);
  };
  const newPasswordErrors = (overrides: Partial<typeof base>) => {
    const result = check(overrides);
    return result.ok ? [] : (result.error.fieldErrors?.newPassword ?? []);
  };

  it('accepts a good password', () => {
    expect(check({})).toEqual({ ok: true, value: undefined });
  });

  it.each<[string, string, boolean]>([
    ['11 characters', 'a'.repeat(11), false],
    ['12 characters', 'Abcdefghij-2', true],
    ['72 ASCII bytes', 'x'.repeat(72), true],
    ['73 ASCII bytes', 'x'.repeat(73), false],
    ['36 two-byte characters (72 bytes)', 'é'.repeat(36), true],
    ['37 two-byte characters (74 bytes, 37 characters)', 'é'.repeat(37), false],
    ['19 four-byte emoji (76 bytes, 38 UTF-16 units)', '🔑'.repeat(19), false],
  ])('%s → accepted=%s', (_label, password, accepted) => {
    expect(check({ password }).ok).toBe(accepted);
  });

  it('says why a short password is refused, under newPassword', () => {
    const result = check({ password: 'Short-pw-1' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.fieldErrors?.newPassword).toEqual(['Use at least 12 characters.']);
    }
  });

  it('names the byte limit for a long password', () => {
    expect(newPasswordErrors({ password: 'x'.repeat(73) })).toEqual([expect.stringContaining('72 bytes')]);
  });

  it.each([
    'margaret.hamilton@contoso.example',
    'MARGARET.HAMILTON@CONTOSO.EXAMPLE',
    'Margaret.Hamilton',
    'margaret.hamilton',
  ])('refuses the sign-in name or its local part, whatever the case: %s', (password) => {
    expect(newPasswordErrors({ password })).toEqual(['The password cannot be your sign-in name.']);
  });

  it('accepts a password that merely contains the sign-in name', () => {
    expect(check({ password: 'margaret.hamilton-2025!' }).ok).toBe(true);
  });

  it('refuses the current password', () => {
    expect(newPasswordErrors({ isSameAsCurrent: true })).toEqual([
      'Choose a password different from your temporary (current) one.',
    ]);
  });

  it('reports a confirmation mismatch under confirmPassword only', () => {
    const result = check({ confirmation: 'Plenty-Long-Secret-8' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.fieldErrors).toEqual({ confirmPassword: ['The passwords do not match.'] });
    }
  });

  it('reports every problem at once', () => {
    const result = checkNewPassword({ password: 'short', confirmation: 'other', signInName: 'short@x.example', isSameAsCurrent: true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.fieldErrors?.newPassword).toHaveLength(3);
      expect(result.error.fieldErrors?.confirmPassword).toHaveLength(1);
    }
  });
});
