import { createHmac, randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import type { PasswordHasher } from '@/domain/auth/password-hasher';
import { authSecret, env } from '../config/env';

// The hash an unknown sign-in name is compared against, so that it is refused in the
// time a wrong password takes. Made once per cost, at boot (instrumentation.ts): made
// on the first unknown name instead, that refusal would take twice as long.
const dummyHashes = new Map<number, Promise<string>>();

export function prepareDummyHash(cost = env().BCRYPT_COST): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = bcrypt.hash(randomBytes(16).toString('hex'), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}

export function bcryptHasher(cost = env().BCRYPT_COST): PasswordHasher {
  return {
    hash: (password) => bcrypt.hash(password, cost),
    verify: (password, hash) => bcrypt.compare(password, hash),
    async verifyDummy(password) {
      await bcrypt.compare(password, await prepareDummyHash(cost));
    },
  };
}

/** Keyed and one-way: recognises a repeated wrong password without storing it. */
export function wrongPasswordFingerprint(userId: string, password: string): string {
  return createHmac('sha256', authSecret()).update(`${userId}\u0000${password}`).digest('base64url').slice(0, 32);
}

export const secureRandomBytes = (count: number): Uint8Array => randomBytes(count);
