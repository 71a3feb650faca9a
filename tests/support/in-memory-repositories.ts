// Hand-written in-memory implementations of the domain's ports, for unit tests
// (style.md: the domain through its ports, never module mocks). One
// `InMemoryDirectory` holds tenants, users (with roles, password hashes and
// lockout state), sessions, licence subscriptions with their assignments and the
// audit log; `transaction` hands out repositories bound to it and rolls
// everything back when the work throws or returns a failed Result, as the real
// unit of work does. The repositories mirror the Prisma implementations in
// src/server/repositories: one live user per sign-in name (case-insensitive),
// optimistic concurrency on rowVersion, soft delete keeping roles, purge only of
// deleted users (cascading to sessions and licence assignments), suspended
// licence assignments that hold no seat.
import type { AuditEventInput, AuditLog } from '@/domain/audit/audit-event';
import { clearedLockout, type LockoutState } from '@/domain/auth/lockout';
import type { PasswordHasher } from '@/domain/auth/password-hasher';
import type { SessionRepository } from '@/domain/auth/session-repository';
import type { RandomBytes } from '@/domain/auth/passwords';
import type { SignInCredentials, SignInStore } from '@/domain/auth/sign-in';
import { environmentsOf } from './in-memory-environments';
import { InMemoryGroups } from './in-memory-groups';
import { partnersOf } from './in-memory-partners';
import type { LicenceLifecycleRepository } from '@/domain/licences/licence-repository';
import type { SubscriptionFlags, SubscriptionWithUsage } from '@/domain/licences/subscription';
import type { Actor, RoleId } from '@/domain/shared/permissions';
import type { Repositories, Transaction } from '@/domain/shared/unit-of-work';
import type { Tenant } from '@/domain/tenants/tenant';
import type { TenantRepository } from '@/domain/tenants/tenant-repository';
import { isActiveGlobalAdmin, signInNameKey, type User } from '@/domain/users/user';
import type { RoleAssignmentRepository, UserRepository } from '@/domain/users/user-repository';

export type StoredUser = User & {
  passwordHash: string | null;
  lockout: LockoutState;
  lastSignInAt: Date | null;
};

export type StoredSession = {
  id: string;
  tenantId: string;
  userId: string;
  sessionVersion: number;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  endReason: string | null;
};

/** A tenant's subscription to a product, with a number of seats (flags default to false). */
export type StoredSubscription = { id: string; tenantId: string; productName: string; seats: number } & Partial<SubscriptionFlags>;

/** A licence assignment; a suspended one (its user deleted) holds no seat. */
export type StoredLicenceAssignment = {
  tenantId: string;
  subscriptionId: string;
  userId: string;
  assignedAt: Date;
  suspendedAt: Date | null;
};

type State = {
  tenants: Tenant[];
  users: StoredUser[];
  sessions: StoredSession[];
  subscriptions: StoredSubscription[];
  licenceAssignments: StoredLicenceAssignment[];
  audit: AuditEventInput[];
  nextId: number;
};

const EPOCH = new Date('2025-01-01T00:00:00Z');

/** A tenant with sensible defaults; `domains` always includes the primary domain. */
export function aTenant(overrides: Partial<Tenant> & { id: string }): Tenant {
  const primaryDomain = overrides.primaryDomain ?? `${overrides.id}.example`;
  return {
    name: `Tenant ${overrides.id}`,
    kind: 'customer',
    ...overrides,
    primaryDomain,
    domains: overrides.domains ?? [primaryDomain],
  };
}

/** A live, enabled member with no roles, a known password ('hash:' + password, see FakeHasher). */
export function aUser(
  overrides: Partial<Omit<StoredUser, 'roles'>> & { id: string; tenantId: string; roles?: RoleId[]; password?: string },
): StoredUser {
  const { password, roles, ...rest } = overrides;
  return {
    displayName: overrides.id,
    firstName: null,
    lastName: null,
    jobTitle: null,
    department: null,
    officeLocation: null,
    officePhone: null,
    mobilePhone: null,
    faxNumber: null,
    streetAddress: null,
    city: null,
    stateOrProvince: null,
    postalCode: null,
    countryOrRegion: null,
    usageLocation: 'US',
    alternateEmail: null,
    kind: 'member',
    signInName: `${overrides.id}@${overrides.tenantId}.example`,
    accountEnabled: true,
    mustChangePassword: false,
    sessionVersion: 1,
    rowVersion: 1,
    createdAt: EPOCH,
    updatedAt: EPOCH,
    updatedByName: null,
    deletedAt: null,
    deletedByName: null,
    passwordHash: FakeHasher.hashOf(password ?? 'Correct-Horse-Battery-9'),
    lockout: clearedLockout(),
    lastSignInAt: null,
    ...rest,
    roles: roles ?? [],
  };
}

/** A subscription with defaults: 'sub-' + product name as its id unless given. */
export function aSubscription(
  overrides: Partial<StoredSubscription> & { tenantId: string; productName: string; seats: number },
): StoredSubscription {
  return { id: `sub-${overrides.productName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, ...overrides };
}

/** The actor a stored user becomes when signed in to their home tenant. */
export const actorFor = (user: Pick<User, 'id' | 'tenantId' | 'displayName' | 'roles'>): Actor => ({
  userId: user.id,
  displayName: user.displayName,
  tenantId: user.tenantId,
  roles: user.roles,
  onBehalfOf: null,
});

const isFailedResult = (value: unknown) =>
  typeof value === 'object' && value !== null && 'ok' in value && (value as { ok: unknown }).ok === false;

const toUser = (stored: StoredUser): User => {
  const { passwordHash: _hash, lockout: _lockout, lastSignInAt: _last, ...user } = structuredClone(stored);
  return user;
};

export class InMemoryDirectory {
  /** Security groups live in their own fake (tests/support/in-memory-groups.ts). */
  readonly groups = new InMemoryGroups();
  private state: State;
  /** How many transactions ran, and how many were rolled back. */
  transactions = { started: 0, rolledBack: 0 };

  constructor(
    seed: {
      tenants?: Tenant[];
      users?: StoredUser[];
      sessions?: StoredSession[];
      subscriptions?: StoredSubscription[];
      licenceAssignments?: StoredLicenceAssignment[];
    } = {},
  ) {
    this.state = {
      tenants: structuredClone(seed.tenants ?? []),
      users: structuredClone(seed.users ?? []),
      sessions: structuredClone(seed.sessions ?? []),
      subscriptions: structuredClone(seed.subscriptions ?? []),
      licenceAssignments: structuredClone(seed.licenceAssignments ?? []),
      audit: [],
      nextId: 1,
    };
  }

  // ---- inspection (tests read the stored state, never the repositories' copies) ----
  get audit(): readonly AuditEventInput[] {
    return this.state.audit;
  }
  get sessions(): readonly StoredSession[] {
    return this.state.sessions;
  }
  get users(): readonly StoredUser[] {
    return this.state.users;
  }
  user(userId: string): StoredUser {
    const found = this.state.users.find((u) => u.id === userId);
    if (!found) throw new Error(`no user ${userId}`);
    return found;
  }
  tenant(tenantId: string): Tenant {
    const found = this.state.tenants.find((t) => t.id === tenantId);
    if (!found) throw new Error(`no tenant ${tenantId}`);
    return found;
  }
  session(sessionId: string): StoredSession {
    const found = this.state.sessions.find((s) => s.id === sessionId);
    if (!found) throw new Error(`no session ${sessionId}`);
    return found;
  }
  /** Is a user with this id still stored at all (deleted or not)? */
  hasUser(userId: string): boolean {
    return this.state.users.some((u) => u.id === userId);
  }
  get subscriptions(): readonly StoredSubscription[] {
    return this.state.subscriptions;
  }
  get licenceAssignments(): readonly StoredLicenceAssignment[] {
    return this.state.licenceAssignments;
  }
  /** The user's assignments, active and suspended. */
  licencesOf(userId: string): readonly StoredLicenceAssignment[] {
    return this.state.licenceAssignments.filter((a) => a.userId === userId);
  }
  /** Seats of the subscription not held by an active (unsuspended) assignment. */
  freeSeats(subscriptionId: string): number {
    return this.subscription(subscriptionId).seats - this.seatsInUse(subscriptionId);
  }
  subscription(subscriptionId: string): StoredSubscription {
    const found = this.state.subscriptions.find((s) => s.id === subscriptionId);
    if (!found) throw new Error(`no subscription ${subscriptionId}`);
    return found;
  }

  // ---- arrangement ----
  addUser(user: StoredUser): StoredUser {
    this.state.users.push(structuredClone(user));
    return this.user(user.id);
  }
  addSubscription(subscription: StoredSubscription): StoredSubscription {
    this.state.subscriptions.push(structuredClone(subscription));
    return this.subscription(subscription.id);
  }
  /**
   * Assigns a licence of the subscription to the user. An active assignment needs a
   * free seat (the portal never over-assigns); `suspendedAt` sets up one already
   * suspended, as a deletion leaves it.
   */
  assignLicence(subscriptionId: string, userId: string, options: { now?: Date; suspendedAt?: Date | null } = {}): StoredLicenceAssignment {
    const subscription = this.subscription(subscriptionId);
    const user = this.user(userId);
    if (user.tenantId !== subscription.tenantId) throw new Error(`assignLicence: ${userId} is not in ${subscription.tenantId}`);
    if (this.state.licenceAssignments.some((a) => a.subscriptionId === subscriptionId && a.userId === userId)) {
      throw new Error(`assignLicence: ${userId} already holds ${subscription.productName}`);
    }
    const suspendedAt = options.suspendedAt ?? null;
    if (suspendedAt === null && this.freeSeats(subscriptionId) <= 0) {
      throw new Error(`assignLicence: no free seat of ${subscription.productName}`);
    }
    const assignment: StoredLicenceAssignment = {
      tenantId: subscription.tenantId,
      subscriptionId,
      userId,
      assignedAt: options.now ?? EPOCH,
      suspendedAt,
    };
    this.state.licenceAssignments.push(assignment);
    return assignment;
  }
  /** Opens a session for the user at their current session version. */
  openSession(userId: string, now: Date, id?: string): StoredSession {
    const user = this.user(userId);
    const session: StoredSession = {
      id: id ?? this.newId('session'),
      tenantId: user.tenantId,
      userId,
      sessionVersion: user.sessionVersion,
      createdAt: now,
      lastSeenAt: now,
      endedAt: null,
      endReason: null,
    };
    this.state.sessions.push(session);
    return session;
  }

  private newId(prefix: string) {
    return `${prefix}-${this.state.nextId++}`;
  }
  private seatsInUse(subscriptionId: string) {
    return this.state.licenceAssignments.filter((a) => a.subscriptionId === subscriptionId && a.suspendedAt === null).length;
  }
  /** Another live user (not `exceptUserId`) holds this sign-in name, in any letter case. */
  private isNameLive(signInName: string, exceptUserId?: string) {
    const key = signInNameKey(signInName);
    return this.state.users.some((u) => u.id !== exceptUserId && u.deletedAt === null && signInNameKey(u.signInName) === key);
  }
  private findUser(tenantId: string, userId: string) {
    return this.state.users.find((u) => u.tenantId === tenantId && u.id === userId);
  }

  // ---- ports ----
  readonly transaction: Transaction = async (work) => {
    this.transactions.started++;
    const snapshot = structuredClone(this.state);
    try {
      const result = await work(this.repositories);
      if (isFailedResult(result)) {
        this.state = snapshot;
        this.transactions.rolledBack++;
      }
      return result;
    } catch (error) {
      this.state = snapshot;
      this.transactions.rolledBack++;
      throw error;
    }
  };

  readonly auditLog: AuditLog = {
    append: async (event) => {
      this.state.audit.push(structuredClone(event));
    },
    appendMany: async (events) => {
      for (const event of events) this.state.audit.push(structuredClone(event));
    },
  };

  readonly userRepository: UserRepository = {
    getById: async (tenantId, userId, options = {}) => {
      const found = this.state.users.find(
        (u) => u.tenantId === tenantId && u.id === userId && (options.includeDeleted || u.deletedAt === null),
      );
      return found ? toUser(found) : null;
    },
    getPasswordHash: async (tenantId, userId) =>
      this.state.users.find((u) => u.tenantId === tenantId && u.id === userId)?.passwordHash ?? null,
    countActiveGlobalAdmins: async (tenantId) =>
      this.state.users.filter((u) => u.tenantId === tenantId && isActiveGlobalAdmin(u)).length,
    isSignInNameTaken: async (key) => this.state.users.some((u) => u.deletedAt === null && signInNameKey(u.signInName) === key),
    takenSignInNames: async (keys) =>
      new Set(keys.filter((key) => this.state.users.some((u) => u.deletedAt === null && signInNameKey(u.signInName) === key))),
    create: async (tenantId, newUser, by, now) => {
      if (this.isNameLive(newUser.signInName)) return 'SIGN_IN_NAME_TAKEN';
      const { roles, applicationId: _applicationId, ...rest } = newUser;
      const id = this.newId('user');
      this.state.users.push({
        ...aUser({ id, tenantId }),
        ...rest,
        signInName: newUser.signInName.trim(),
        roles: [...new Set(roles)],
        createdAt: now,
        updatedAt: now,
        updatedByName: by.name,
      });
      return { id };
    },
    update: async (tenantId, userId, expectedRowVersion, changes, options) => {
      const user = this.state.users.find((u) => u.tenantId === tenantId && u.id === userId && u.deletedAt === null);
      if (!user || user.rowVersion !== expectedRowVersion) return 'STALE';
      if (changes.signInName !== undefined && this.isNameLive(changes.signInName, userId)) return 'SIGN_IN_NAME_TAKEN';
      Object.assign(user, structuredClone(changes));
      if (changes.signInName !== undefined) user.signInName = changes.signInName.trim();
      user.rowVersion++;
      if (options.endSessions) user.sessionVersion++;
      user.updatedAt = options.now;
      user.updatedByName = options.by.name;
      return 'UPDATED';
    },
    setPassword: async (tenantId, userId, change) => {
      const user = this.state.users.find((u) => u.tenantId === tenantId && u.id === userId);
      if (!user) throw new Error('setPassword: user vanished inside its transaction');
      user.passwordHash = change.passwordHash;
      user.mustChangePassword = change.mustChangePassword;
      user.sessionVersion++;
      user.rowVersion++;
      user.lockout = clearedLockout();
      user.updatedAt = change.now;
      user.updatedByName = change.by.name;
      return { sessionVersion: user.sessionVersion };
    },
    softDelete: async (tenantId, userId, { by, now }) => {
      const user = this.findUser(tenantId, userId);
      if (!user || user.deletedAt !== null) return;
      user.deletedAt = now;
      user.deletedByName = by.name;
      user.sessionVersion++;
      user.rowVersion++;
      user.updatedAt = now;
      user.updatedByName = by.name;
    },
    restore: async (tenantId, userId, { by, now, signInName }) => {
      const user = this.findUser(tenantId, userId);
      // As the Prisma implementation: no deleted row to restore reads as a refusal.
      if (!user || user.deletedAt === null) return 'SIGN_IN_NAME_TAKEN';
      if (this.isNameLive(signInName ?? user.signInName, userId)) return 'SIGN_IN_NAME_TAKEN';
      user.deletedAt = null;
      user.deletedByName = null;
      if (signInName) user.signInName = signInName.trim();
      user.rowVersion++;
      user.updatedAt = now;
      user.updatedByName = by.name;
      return 'RESTORED';
    },
    purge: async (tenantId, userId) => {
      const user = this.findUser(tenantId, userId);
      if (!user || user.deletedAt === null) return false;
      // The database cascades: role assignments (on the row here), sessions, licence assignments.
      this.state.users = this.state.users.filter((u) => u !== user);
      this.state.sessions = this.state.sessions.filter((s) => !(s.tenantId === tenantId && s.userId === userId));
      this.state.licenceAssignments = this.state.licenceAssignments.filter((a) => !(a.tenantId === tenantId && a.userId === userId));
      return true;
    },
    purgeClaimed: async (userIds) => {
      let purged = 0;
      for (const id of userIds) {
        const user = this.state.users.find((u) => u.id === id);
        if (user && (await this.userRepository.purge(user.tenantId, id))) purged++;
      }
      return purged;
    },
    claimExpired: async (cutoff, limit) =>
      this.state.users
        .filter((u): u is StoredUser & { deletedAt: Date } => u.deletedAt !== null && u.deletedAt.getTime() <= cutoff.getTime())
        .sort((a, b) => a.deletedAt.getTime() - b.deletedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, limit)
        .map((u) => ({ id: u.id, tenantId: u.tenantId, displayName: u.displayName, signInName: u.signInName, deletedAt: new Date(u.deletedAt) })),
  };

  readonly roleAssignmentRepository: RoleAssignmentRepository = {
    add: async (tenantId, userId, roleId) => {
      const user = this.findUser(tenantId, userId);
      if (!user) throw new Error('roles.add: no such user in the tenant (foreign key)');
      if (!user.roles.includes(roleId)) user.roles.push(roleId);
    },
    remove: async (tenantId, userId, roleId) => {
      const user = this.findUser(tenantId, userId);
      if (user) user.roles = user.roles.filter((r) => r !== roleId);
    },
  };

  readonly licenceRepository: LicenceLifecycleRepository = {
    releaseForDeletedUser: async (tenantId, userId, now) => {
      const released: string[] = [];
      for (const a of this.state.licenceAssignments) {
        if (a.tenantId !== tenantId || a.userId !== userId || a.suspendedAt !== null) continue;
        a.suspendedAt = now;
        released.push(this.subscription(a.subscriptionId).productName);
      }
      return released.sort();
    },
    reassignAfterRestore: async (tenantId, userId) => {
      const productOf = (a: StoredLicenceAssignment) => this.subscription(a.subscriptionId).productName;
      const suspended = this.state.licenceAssignments
        .filter((a) => a.tenantId === tenantId && a.userId === userId && a.suspendedAt !== null)
        .sort((a, b) => productOf(a).localeCompare(productOf(b)));
      const reassigned: string[] = [];
      const notReassigned: string[] = [];
      for (const a of suspended) {
        if (this.freeSeats(a.subscriptionId) > 0) {
          a.suspendedAt = null;
          reassigned.push(productOf(a));
        } else {
          this.state.licenceAssignments = this.state.licenceAssignments.filter((x) => x !== a);
          notReassigned.push(productOf(a));
        }
      }
      return { reassigned, notReassigned };
    },
    listSubscriptions: async (tenantId) =>
      this.state.subscriptions
        .filter((s) => s.tenantId === tenantId)
        .sort((a, b) => (a.productName < b.productName ? -1 : a.productName > b.productName ? 1 : 0))
        .map((s) => this.withUsage(s)),
    getSubscription: async (tenantId, subscriptionId) => {
      const found = this.state.subscriptions.find((s) => s.tenantId === tenantId && s.id === subscriptionId);
      return found ? this.withUsage(found) : null;
    },
    // One transaction at a time here: the lock is the same read, recorded so tests can see it was taken.
    lockSubscription: async (tenantId, subscriptionId) => {
      const found = this.state.subscriptions.find((s) => s.tenantId === tenantId && s.id === subscriptionId);
      if (!found) return null;
      this.locks.push({ kind: 'subscription', id: subscriptionId });
      return this.withUsage(found);
    },
    lockHolder: async (tenantId, userId) => {
      const live = this.state.users.some((u) => u.tenantId === tenantId && u.id === userId && u.deletedAt === null);
      if (live) this.locks.push({ kind: 'user', id: userId });
      return live;
    },
    assignmentsOf: async (tenantId, userId) => {
      const productOf = (a: StoredLicenceAssignment) => this.subscription(a.subscriptionId).productName;
      return this.state.licenceAssignments
        .filter((a) => a.tenantId === tenantId && a.userId === userId && a.suspendedAt === null)
        .sort((a, b) => productOf(a).localeCompare(productOf(b)))
        .map((a) => ({ subscriptionId: a.subscriptionId, productName: productOf(a), assignedAt: new Date(a.assignedAt) }));
    },
    holdersAmong: async (tenantId, subscriptionId, userIds) =>
      new Set(
        this.state.licenceAssignments
          .filter((a) => a.tenantId === tenantId && a.subscriptionId === subscriptionId && a.suspendedAt === null && userIds.includes(a.userId))
          .map((a) => a.userId),
      ),
    assign: async (tenantId, subscriptionId, userId, { now }) => {
      const subscription = this.state.subscriptions.find((s) => s.tenantId === tenantId && s.id === subscriptionId);
      if (!subscription || !this.findUser(tenantId, userId)) throw new Error('licences.assign: no such subscription or user in the tenant (foreign key)');
      if (this.state.licenceAssignments.some((a) => a.subscriptionId === subscriptionId && a.userId === userId)) return 'ALREADY_ASSIGNED';
      // The port leaves seats to the caller; the fake still refuses to over-assign, as a bug detector.
      if (this.freeSeats(subscriptionId) <= 0) throw new Error(`licences.assign: no free seat of ${subscription.productName}: the caller skipped the seat check`);
      this.state.licenceAssignments.push({ tenantId, subscriptionId, userId, assignedAt: now, suspendedAt: null });
      return 'ASSIGNED';
    },
    remove: async (tenantId, subscriptionId, userId) => {
      const before = this.state.licenceAssignments.length;
      this.state.licenceAssignments = this.state.licenceAssignments.filter(
        (a) => !(a.tenantId === tenantId && a.subscriptionId === subscriptionId && a.userId === userId && a.suspendedAt === null),
      );
      return this.state.licenceAssignments.length < before;
    },
    setSeats: async (tenantId, subscriptionId, seats) => {
      const subscription = this.state.subscriptions.find((s) => s.tenantId === tenantId && s.id === subscriptionId);
      if (subscription) subscription.seats = seats;
    },
  };

  /** Row locks taken through the licence port, in order (the fake runs one transaction at a time). */
  readonly locks: { kind: 'subscription' | 'user'; id: string }[] = [];

  private withUsage(s: StoredSubscription): SubscriptionWithUsage {
    return {
      id: s.id,
      tenantId: s.tenantId,
      productName: s.productName,
      seats: s.seats,
      grantsDataverse: s.grantsDataverse ?? false,
      freeDataversePlan: s.freeDataversePlan ?? false,
      tenantMarketing: s.tenantMarketing ?? false,
      consumed: this.seatsInUse(s.id),
    };
  }

  readonly sessionRepository: SessionRepository = {
    endAllForUser: async (tenantId, userId, reason, now, keepSessionId) => {
      let ended = 0;
      for (const s of this.state.sessions) {
        if (s.tenantId !== tenantId || s.userId !== userId || s.endedAt !== null || s.id === keepSessionId) continue;
        s.endedAt = now;
        s.endReason = reason;
        ended++;
      }
      return ended;
    },
    adoptVersion: async (tenantId, sessionId, sessionVersion) => {
      const session = this.state.sessions.find((s) => s.tenantId === tenantId && s.id === sessionId);
      if (session) session.sessionVersion = sessionVersion;
    },
  };

  readonly tenantRepository: TenantRepository = {
    getById: async (tenantId) => {
      const found = this.state.tenants.find((t) => t.id === tenantId);
      return found ? structuredClone(found) : null;
    },
    domainsOwnedElsewhere: async (tenantId, domains) =>
      domains.filter((d) => this.state.tenants.some((t) => t.id !== tenantId && t.domains.includes(d))),
    updateSettings: async (tenantId, settings) => {
      const tenant = this.state.tenants.find((t) => t.id === tenantId);
      if (!tenant) throw new Error('updateSettings: no such tenant');
      tenant.name = settings.name;
      tenant.primaryDomain = settings.primaryDomain;
      tenant.domains = [...settings.domains];
    },
  };

  get repositories(): Repositories {
    return {
      users: this.userRepository,
      roles: this.roleAssignmentRepository,
      tenants: this.tenantRepository,
      sessions: this.sessionRepository,
      licences: this.licenceRepository,
      groups: this.groups.repository,
      environments: environmentsOf(this).repository,
      partners: partnersOf(this).repository,
      audit: this.auditLog,
    };
  }

  /** The sign-in port over the same users: a live user wins over deleted ones with the name. */
  readonly signInStore: SignInStore = {
    findCredentials: async (key) => {
      const matches = this.state.users.filter((u) => signInNameKey(u.signInName) === key);
      const user = matches.find((u) => u.deletedAt === null) ?? matches[0];
      if (!user) return null;
      const credentials: SignInCredentials = {
        userId: user.id,
        tenantId: user.tenantId,
        displayName: user.displayName,
        kind: user.kind,
        passwordHash: user.passwordHash,
        accountEnabled: user.accountEnabled,
        deletedAt: user.deletedAt,
        mustChangePassword: user.mustChangePassword,
        sessionVersion: user.sessionVersion,
        lockout: structuredClone(user.lockout),
      };
      return credentials;
    },
    updateLockout: async ({ userId, tenantId }, change) => {
      const user = this.user(userId);
      if (user.tenantId !== tenantId) throw new Error('updateLockout: the user is in another tenant');
      const next = change(structuredClone(user.lockout));
      user.lockout = {
        failedSignInCount: next.failedSignInCount,
        lockedUntil: next.lockedUntil,
        recentFailedPasswords: [...next.recentFailedPasswords],
      };
      return structuredClone(user.lockout);
    },
    openSession: async (user, now) => {
      const stored = this.user(user.userId);
      stored.lockout = clearedLockout();
      stored.lastSignInAt = now;
      const session = this.openSession(user.userId, now);
      session.sessionVersion = user.sessionVersion;
      return { sessionId: session.id };
    },
  };
}

/**
 * A transparent stand-in for bcrypt: the hash of `p` is `'hash:' + p`. It records
 * every call, so tests can see that a dummy comparison ran (timing equalisation).
 */
export class FakeHasher implements PasswordHasher {
  static hashOf = (password: string) => `hash:${password}`;
  readonly calls: { method: 'hash' | 'verify' | 'verifyDummy'; password: string }[] = [];

  get dummyVerifications(): number {
    return this.calls.filter((c) => c.method === 'verifyDummy').length;
  }
  get verifications(): number {
    return this.calls.filter((c) => c.method === 'verify').length;
  }

  async hash(password: string): Promise<string> {
    this.calls.push({ method: 'hash', password });
    return FakeHasher.hashOf(password);
  }
  async verify(password: string, hash: string): Promise<boolean> {
    this.calls.push({ method: 'verify', password });
    return hash === FakeHasher.hashOf(password);
  }
  async verifyDummy(password: string): Promise<void> {
    this.calls.push({ method: 'verifyDummy', password });
  }
}

/**
 * A deterministic stand-in for node:crypto's randomBytes (xorshift32 from a seed):
 * temporary passwords are reproducible in a test, yet differ from one call to the next.
 */
export function seededRandom(seed = 0x2545f491): RandomBytes & { calls: number } {
  let state = seed >>> 0 || 1;
  const random = (count: number) => {
    random.calls++;
    const bytes = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      bytes[i] = state & 0xff;
    }
    return bytes;
  };
  random.calls = 0;
  return random;
}
