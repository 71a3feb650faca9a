// Use cases that write more than one row run their work in one transaction:
// `transaction(work)` gives them repositories bound to it. A work that returns a
// failed Result is rolled back as well, so a refused change leaves nothing behind.
import type { AuditLog } from '../audit/audit-event';
import type { SessionRepository } from '../auth/session-repository';
import type { TenantRepository } from '../tenants/tenant-repository';
import type { UserRepository } from '../users/user-repository';

export type Repositories = {
  users: UserRepository;
  tenants: TenantRepository;
  sessions: SessionRepository;
  audit: AuditLog;
};

export type Transaction = <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>;
