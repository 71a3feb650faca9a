// Use cases that write more than one row run their work in one transaction:
// `transaction(work)` gives them repositories bound to it. A work that returns a
// failed Result is rolled back as well, so a refused change leaves nothing behind.
import type { AuditLog } from '../audit/audit-event';
import type { SessionRepository } from '../auth/session-repository';
import type { EnvironmentRepository } from '../environments/environment-repository';
import type { GroupRepository } from '../groups/group-repository';
import type { LicenceLifecycleRepository } from '../licences/licence-repository';
import type { PartnerRepository } from '../partners/partner-repository';
import type { TenantRepository } from '../tenants/tenant-repository';
import type { RoleAssignmentRepository, UserRepository } from '../users/user-repository';

export type Repositories = {
  users: UserRepository;
  roles: RoleAssignmentRepository;
  tenants: TenantRepository;
  sessions: SessionRepository;
  licences: LicenceLifecycleRepository;
  groups: GroupRepository;
  environments: EnvironmentRepository;
  partners: PartnerRepository;
  audit: AuditLog;
};

export type Transaction = <T>(work: (repos: Repositories) => Promise<T>) => Promise<T>;
