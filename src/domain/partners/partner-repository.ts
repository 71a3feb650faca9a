// The persistence port for delegated administration (domain.md §6). Tenant ids come
// first: a relationship is read through one of its two tenants, never by its id
// alone. claimDue is the one cross-tenant method: the job serves every tenant at once.
import type { RoleId } from '../shared/permissions';
import type { TenantKind } from '../tenants/tenant';
import type { Editor } from '../users/user-repository';
import type { AccessAssignment, PartnerRole, Relationship, RelationshipChanges } from './relationship';

export type TenantRef = { id: string; name: string; kind: TenantKind; primaryDomain: string };

export type NewRelationship = {
  partnerTenantId: string;
  customerTenantId: string;
  roles: RoleId[];
  durationDays: number;
  autoExtend: boolean;
  requestedAt: Date;
  requestedBy: Editor;
};

/** What decides an agent's roles in customer tenants (see `effectiveRoles`). */
export type AgentGrants = {
  partnerRole: PartnerRole | null;
  /** The partner's ACTIVE relationships (with the customer asked for, or all), each with its access assignments. */
  relationships: { relationship: Relationship; assignments: AccessAssignment[] }[];
  /** The partner groups the agent is a direct member of (nested membership does not count). */
  directGroupIds: string[];
};

export type PartnerRepository = {
  getTenant(tenantId: string): Promise<TenantRef | null>;
  /** The tenant whose primary domain this is (lower-cased), if any. */
  findTenantByPrimaryDomain(domain: string): Promise<TenantRef | null>;
  /** Is this domain (primary or not) already one of any tenant's? */
  isDomainTaken(domain: string): Promise<boolean>;
  /** A new customer tenant with its primary domain; 'DOMAIN_TAKEN' when a unique index refuses it. */
  createCustomerTenant(input: { name: string; primaryDomain: string }): Promise<{ id: string } | 'DOMAIN_TAKEN'>;

  getPartnerRole(tenantId: string, userId: string): Promise<PartnerRole | null>;
  setPartnerRole(tenantId: string, userId: string, role: PartnerRole | null): Promise<void>;
  /** A group of the partner tenant (for access assignments). */
  getGroup(partnerTenantId: string, groupId: string): Promise<{ id: string; name: string } | null>;

  /** Serialises requests between one partner and one customer until the transaction ends. */
  lockPair(partnerTenantId: string, customerTenantId: string): Promise<void>;
  /** The pending or active relationship between the two, if any. */
  openRelationshipBetween(partnerTenantId: string, customerTenantId: string): Promise<Relationship | null>;
  createRelationship(relationship: NewRelationship): Promise<{ id: string }>;
  /** Reads and locks the row (FOR UPDATE); `tenantId` must be its partner or its customer. */
  lockRelationship(tenantId: string, relationshipId: string): Promise<Relationship | null>;
  /** Applies only if the row is still at `expectedRowVersion`. */
  updateRelationship(
    tenantId: string,
    relationshipId: string,
    expectedRowVersion: number,
    changes: RelationshipChanges,
    now: Date,
  ): Promise<'UPDATED' | 'STALE'>;
  /**
   * Locks up to `limit` relationships that `now` changes (a pending one past its lapse date, an
   * active one at its end, or within 30 days of it and not yet warned) that no other worker holds
   * (FOR UPDATE SKIP LOCKED), across tenants.
   */
  claimDue(now: Date, limit: number): Promise<Relationship[]>;

  listAssignments(partnerTenantId: string, relationshipId: string): Promise<AccessAssignment[]>;
  /** Creates or replaces the assignment of this group in this relationship. */
  upsertAssignment(partnerTenantId: string, relationshipId: string, groupId: string, roles: RoleId[], by: Editor, now: Date): Promise<void>;
  removeAssignment(partnerTenantId: string, relationshipId: string, groupId: string): Promise<boolean>;

  /** The agent's partner role, the partner's active relationships (one customer, or all) and the agent's direct groups. */
  agentGrants(partnerTenantId: string, userId: string, customerTenantId?: string): Promise<AgentGrants>;
};
