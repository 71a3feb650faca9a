// Wiring: the domain's ports bound to PostgreSQL, bcrypt and the system clock.
import { db } from './db/client';
import { prismaTransaction } from './db/transaction';
import { bcryptHasher, secureRandomBytes, wrongPasswordFingerprint } from './auth/password-hasher';
import { systemClock } from './clock';
import { prismaAuditLog } from './repositories/audit-repository';
import { prismaSignInStore } from './repositories/sign-in-store';

export function services(correlationId?: string) {
  const client = db();
  return {
    clock: systemClock,
    transaction: prismaTransaction(client, { correlationId }),
    hasher: bcryptHasher(),
    random: secureRandomBytes,
    audit: prismaAuditLog(client, correlationId),
    signInStore: prismaSignInStore(client),
    fingerprint: wrongPasswordFingerprint,
  };
}
