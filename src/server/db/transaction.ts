// The Transaction port over Prisma: one interactive transaction, repositories bound to it.
import type { Repositories, Transaction } from '@/domain/shared/unit-of-work';
import type { Db, DbClient } from './client';
import { prismaAuditLog } from '../repositories/audit-repository';
import { prismaEnvironmentRepository } from '../repositories/environment-repository';
import { prismaGroupRepository } from '../repositories/group-repository';
import { prismaLicenceLifecycleRepository } from '../repositories/licence-lifecycle-repository';
import { prismaPartnerRepository } from '../repositories/partner-repository';
import { prismaRoleAssignmentRepository } from '../repositories/role-assignment-repository';
import { prismaSessionRepository } from '../repositories/session-repository';
import { prismaTenantRepository } from '../repositories/tenant-repository';
import { prismaUserRepository } from '../repositories/user-repository';

export function repositories(db: DbClient, correlationId?: string): Repositories {
  return {
    users: prismaUserRepository(db),
    roles: prismaRoleAssignmentRepository(db),
    licences: prismaLicenceLifecycleRepository(db),
    groups: prismaGroupRepository(db),
    environments: prismaEnvironmentRepository(db),
    partners: prismaPartnerRepository(db),
    tenants: prismaTenantRepository(db),
    sessions: prismaSessionRepository(db),
    audit: prismaAuditLog(db, correlationId),
  };
}

class Rollback {
  constructor(readonly result: unknown) {}
}

const isFailedResult = (value: unknown) =>
  typeof value === 'object' && value !== null && 'ok' in value && (value as { ok: unknown }).ok === false;

export function prismaTransaction(db: Db, options: { correlationId?: string; timeoutMs?: number } = {}): Transaction {
  return async <T>(work: (repos: Repositories) => Promise<T>): Promise<T> => {
    try {
      return await db.$transaction(
        async (tx) => {
          const result = await work(repositories(tx, options.correlationId));
          // A refused change leaves nothing behind, even if the work wrote before refusing.
          if (isFailedResult(result)) throw new Rollback(result);
          return result;
        },
        { timeout: options.timeoutMs ?? 30_000, maxWait: 10_000 },
      );
    } catch (error) {
      if (error instanceof Rollback) return error.result as T;
      throw error;
    }
  };
}
