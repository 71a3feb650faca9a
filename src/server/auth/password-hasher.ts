import { createHmac, randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import type { PasswordHasher } from '@/domain/auth/password-hasher';
import { authSecret, env } from '../config/env';

let dummyHash: Promise<string> | null = null;

export function bcryptHasher(cost = env().BCRYPT_COST): PasswordHasher {
  return {
    hash: (password) => bcrypt.hash(password, cost),
    verify: (password, hash) => bcrypt.compare(password, hash),
    async verifyDummy(password) {
      dummyHash ??= bcrypt.hash(randomBytes(16).toString('hex'), cost);
      await bcrypt.compare(password, await dummyHash);
    },
  };
}

/** Keyed and one-way: recognises a repeated wrong password without storing it. */
export function wrongPasswordFingerprint(userId: string, password: string): string {
  return createHmac('sha256', authSecret()).update(`${userId}\u0000${password}`).digest('base64url').slice(0, 32);
}

export const secureRandomBytes = (count: number): Uint8Array => randomBytes(count);
