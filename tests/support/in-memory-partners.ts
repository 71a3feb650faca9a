// In-memory delegated administration for unit tests (the PartnerRepository port),
// mirroring src/server/repositories/partner-repository.ts: relationships read through
// one of their two tenants, optimistic concurrency on rowVersion, one assignment per
// (relationship, group), claimDue with the job's three conditions. Tenants, users and
// groups are the InMemoryDirectory's (its tenants port, users and InMemoryGroups);
// tenants created by "add a customer" and partner roles live here.
//
// The directory's transaction snapshots only its own state, so use
// `partnersOf(directory).transaction`: it also rolls this fake back when the work
// fails, as one database transaction would.
import { DAY } from '@/domain/shared/clock';
import type { AccessAssignment, PartnerRole, Relationship } from '@/domain/partners/relationship';
import type { PartnerRepository, TenantRef } from '@/domain/partners/partner-repository';
import type { RoleId } from '@/domain/shared/permissions';
import type { Transaction } from '@/domain/shared/unit-of-work';
import type { InMemoryDirectory } from './in-memory-repositories';

export type StoredRelationship = Omit<Relationship, 'partnerName' | 'customerName'>;
type StoredAssignment = Omit<AccessAssignment, 'groupName'> & { partnerTenantId: string };

type State = {
  relationships: StoredRelationship[];
  assignments: StoredAssignment[];
  partnerRoles: Record<string, PartnerRole | null>;
  createdTenants: TenantRef[];
  nextId: number;
};

const isFailedResult = (value: unknown) =>
  typeof value === 'object' && value !== null && 'ok' in value && (value as { ok: unknown }).ok === false;

/** A relationship row with defaults: pending, requested at `requestedAt` (default 2025-01-01). */
export function aRelationship(overrides: Partial<StoredRelationship> & { id: string; partnerTenantId: string; customerTenantId: string }): StoredRelationship {
  return {
    roles: ['userAdministrator'],
    durationDays: 365,
    autoExtend: false,
    status: 'pending',
    requestedAt: new Date('2025-01-01T00:00:00Z'),
    requestedByName: 'Requester',
    decidedAt: null,
    decidedByName: null,
    startsAt: null,
    endsAt: null,
    endedAt: null,
    endedBySide: null,
    endedByName: null,
    expiryWarnedAt: null,
    rowVersion: 1,
    ...overrides,
  };
}

export class InMemoryPartners {
  private state: State = { relationships: [], assignments: [], partnerRoles: {}, createdTenants: [], nextId: 1 };
  /** Pairs locked through lockPair, in order. */
  readonly pairLocks: string[] = [];

  constructor(private readonly directory: InMemoryDirectory) {}

  // ---- arrangement ----
  addRelationship(r: StoredRelationship): StoredRelationship {
    this.state.relationships.push(structuredClone(r));
    return this.relationship(r.id);
  }
  assign(relationshipId: string, groupId: string, roles: RoleId[]) {
    const r = this.relationship(relationshipId);
    this.state.assignments.push({ id: `assignment-${this.state.nextId++}`, relationshipId, groupId, roles: [...roles], partnerTenantId: r.partnerTenantId });
  }
  setPartnerRole(userId: string, role: PartnerRole | null) {
    this.state.partnerRoles[userId] = role;
  }

  // ---- inspection ----
  relationship(id: string): StoredRelationship {
    const found = this.state.relationships.find((r) => r.id === id);
    if (!found) throw new Error(`no relationship ${id}`);
    return found;
  }
  get relationships(): readonly StoredRelationship[] {
    return this.state.relationships;
  }
  get assignments(): readonly StoredAssignment[] {
    return this.state.assignments;
  }
  get createdTenants(): readonly TenantRef[] {
    return this.state.createdTenants;
  }
  partnerRoleOf(userId: string): PartnerRole | null {
    return this.state.partnerRoles[userId] ?? null;
  }

  /** The directory's transaction, rolling this fake back too when the work fails. */
  readonly transaction: Transaction = async (work) => {
    const snapshot = structuredClone(this.state);
    try {
      const result = await this.directory.transaction(work);
      if (isFailedResult(result)) this.state = snapshot;
      return result;
    } catch (error) {
      this.state = snapshot;
      throw error;
    }
  };

  private async tenantRef(tenantId: string): Promise<TenantRef | null> {
    const created = this.state.createdTenants.find((t) => t.id === tenantId);
    if (created) return structuredClone(created);
    const tenant = await this.directory.tenantRepository.getById(tenantId);
    return tenant ? { id: tenant.id, name: tenant.name, kind: tenant.kind, primaryDomain: tenant.primaryDomain } : null;
  }
  /**
   * The tenants this fake can find by domain: the directory does not list its tenants, so
   * these are the tenants of its users and of the relationships, the ones created here,
   * and any named with `knowTenant`.
   */
  private async knownTenants(): Promise<{ id: string; primaryDomain: string; domains: string[] }[]> {
    const ids = new Set<string>(this.knownTenantIds);
    for (const r of this.state.relationships) ids.add(r.partnerTenantId).add(r.customerTenantId);
    for (const u of this.directory.users) ids.add(u.tenantId);
    const out = this.state.createdTenants.map((t) => ({ id: t.id, primaryDomain: t.primaryDomain, domains: [t.primaryDomain] }));
    for (const id of ids) {
      const t = await this.directory.tenantRepository.getById(id);
      if (t) out.push({ id: t.id, primaryDomain: t.primaryDomain, domains: t.domains });
    }
    return out;
  }
  private readonly knownTenantIds: string[] = [];
  /** Makes a directory tenant without users findable by its domain. */
  knowTenant(tenantId: string) {
    this.knownTenantIds.push(tenantId);
  }

  private async view(r: StoredRelationship): Promise<Relationship> {
    const [partner, customer] = await Promise.all([this.tenantRef(r.partnerTenantId), this.tenantRef(r.customerTenantId)]);
    return { ...structuredClone(r), partnerName: partner?.name ?? '?', customerName: customer?.name ?? '?' };
  }
  private groupName(groupId: string) {
    return this.directory.groups.groups.find((g) => g.id === groupId)?.name ?? '?';
  }
  private find(tenantId: string, relationshipId: string) {
    return this.state.relationships.find((r) => r.id === relationshipId && (r.partnerTenantId === tenantId || r.customerTenantId === tenantId));
  }

  readonly repository: PartnerRepository = {
    getTenant: async (tenantId) => this.tenantRef(tenantId),
    findTenantByPrimaryDomain: async (domain) => {
      const hit = (await this.knownTenants()).find((t) => t.primaryDomain === domain.toLowerCase());
      return hit ? this.tenantRef(hit.id) : null;
    },
    isDomainTaken: async (domain) => (await this.knownTenants()).some((t) => t.domains.includes(domain.toLowerCase())),
    createCustomerTenant: async ({ name, primaryDomain }) => {
      if ((await this.knownTenants()).some((t) => t.domains.includes(primaryDomain))) return 'DOMAIN_TAKEN';
      const id = `tenant-new-${this.state.nextId++}`;
      this.state.createdTenants.push({ id, name, kind: 'customer', primaryDomain });
      return { id };
    },
    getPartnerRole: async (tenantId, userId) => (this.directory.users.some((u) => u.tenantId === tenantId && u.id === userId) ? this.partnerRoleOf(userId) : null),
    setPartnerRole: async (_tenantId, userId, role) => {
      this.state.partnerRoles[userId] = role;
    },
    getGroup: async (partnerTenantId, groupId) => {
      const g = this.directory.groups.groups.find((x) => x.tenantId === partnerTenantId && x.id === groupId);
      return g ? { id: g.id, name: g.name } : null;
    },
    lockPair: async (partnerTenantId, customerTenantId) => {
      this.pairLocks.push(`${partnerTenantId}:${customerTenantId}`);
    },
    openRelationshipBetween: async (partnerTenantId, customerTenantId) => {
      const r = this.state.relationships.find(
        (x) => x.partnerTenantId === partnerTenantId && x.customerTenantId === customerTenantId && (x.status === 'pending' || x.status === 'active'),
      );
      return r ? this.view(r) : null;
    },
    createRelationship: async (n) => {
      const id = `relationship-${this.state.nextId++}`;
      this.state.relationships.push(
        aRelationship({
          id,
          partnerTenantId: n.partnerTenantId,
          customerTenantId: n.customerTenantId,
          roles: [...n.roles],
          durationDays: n.durationDays,
          autoExtend: n.autoExtend,
          requestedAt: n.requestedAt,
          requestedByName: n.requestedBy.name,
        }),
      );
      return { id };
    },
    lockRelationship: async (tenantId, relationshipId) => {
      const r = this.find(tenantId, relationshipId);
      return r ? this.view(r) : null;
    },
    updateRelationship: async (tenantId, relationshipId, expectedRowVersion, changes) => {
      const r = this.find(tenantId, relationshipId);
      if (!r || r.rowVersion !== expectedRowVersion) return 'STALE';
      const { decidedById: _decidedById, ...rest } = changes;
      Object.assign(r, structuredClone(rest));
      r.rowVersion++;
      return 'UPDATED';
    },
    claimDue: async (now, limit) => {
      const t = now.getTime();
      const due = this.state.relationships.filter(
        (r) =>
          (r.status === 'pending' && r.requestedAt.getTime() <= t - 90 * DAY) ||
          (r.status === 'active' && r.endsAt !== null && r.endsAt.getTime() <= t) ||
          (r.status === 'active' && r.endsAt !== null && r.endsAt.getTime() <= t + 30 * DAY && r.expiryWarnedAt === null),
      );
      return Promise.all(due.slice(0, limit).map((r) => this.view(r)));
    },
    listAssignments: async (partnerTenantId, relationshipId) =>
      this.state.assignments
        .filter((a) => a.partnerTenantId === partnerTenantId && a.relationshipId === relationshipId)
        .map((a) => ({ id: a.id, relationshipId: a.relationshipId, groupId: a.groupId, roles: [...a.roles], groupName: this.groupName(a.groupId) }))
        .sort((a, b) => a.groupName.localeCompare(b.groupName)),
    upsertAssignment: async (partnerTenantId, relationshipId, groupId, roles) => {
      const existing = this.state.assignments.find((a) => a.relationshipId === relationshipId && a.groupId === groupId);
      if (existing) existing.roles = [...roles];
      else this.state.assignments.push({ id: `assignment-${this.state.nextId++}`, relationshipId, groupId, roles: [...roles], partnerTenantId });
    },
    removeAssignment: async (partnerTenantId, relationshipId, groupId) => {
      const before = this.state.assignments.length;
      this.state.assignments = this.state.assignments.filter((a) => !(a.partnerTenantId === partnerTenantId && a.relationshipId === relationshipId && a.groupId === groupId));
      return this.state.assignments.length < before;
    },
    agentGrants: async (partnerTenantId, userId, customerTenantId) => {
      const user = this.directory.users.find((u) => u.tenantId === partnerTenantId && u.id === userId && u.deletedAt === null);
      const relationships = this.state.relationships.filter(
        (r) => r.partnerTenantId === partnerTenantId && r.status === 'active' && (!customerTenantId || r.customerTenantId === customerTenantId),
      );
      return {
        partnerRole: user ? this.partnerRoleOf(userId) : null,
        directGroupIds: user ? this.directory.groups.userMembers.filter((m) => m.tenantId === partnerTenantId && m.userId === userId).map((m) => m.groupId) : [],
        relationships: await Promise.all(
          relationships.map(async (r) => ({ relationship: await this.view(r), assignments: await this.repository.listAssignments(partnerTenantId, r.id) })),
        ),
      };
    },
  };
}

const registry = new WeakMap<InMemoryDirectory, InMemoryPartners>();

/** The partners fake of a directory (created on first use). */
export function partnersOf(directory: InMemoryDirectory): InMemoryPartners {
  let found = registry.get(directory);
  if (!found) {
    found = new InMemoryPartners(directory);
    registry.set(directory, found);
  }
  return found;
}
