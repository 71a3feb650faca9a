// Hand-written in-memory implementations of the domain's ports, for unit tests
// (style.md: the domain through its ports, never module mocks). One
// `InMemoryDirectory` holds tenants, users (with roles, password hashes and
// lockout state), sessions and the audit log; `transaction` hands out
// repositories bound to it and rolls everything back when the work throws or
// returns a failed Result, as the real unit of work does.
import type { AuditEventInput, AuditLog } from '@/domain/audit/audit-event';
import { clearedLockout, type LockoutState } from '@/domain/auth/lockout';
import type { PasswordHasher } from '@/domain/auth/password-hasher';
import type { SessionRepository } from '@/domain/auth/session-repository';
import type { SignInCredentials, SignInStore } from '@/domain/auth/sign-in';
import type { Actor, RoleId } from '@/domain/shared/permissions';
import type { Repositories, Transaction } from '@/domain/shared/unit-of-work';
import type { Tenant } from '@/domain/tenants/tenant';
import type { TenantRepository } from '@/domain/tenants/tenant-repository';
import { isActiveGlobalAdmin, signInNameKey, type User } from '@/domain/users/user';
import type { UserRepository } from '@/domain/users/user-repository';

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

type State = {
  tenants: Tenant[];
  users: StoredUser[];
  sessions: StoredSession[];
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
  private state: State;
  /** How many transactions ran, and how many were rolled back. */
  transactions = { started: 0, rolledBack: 0 };

  constructor(seed: { tenants?: Tenant[]; users?: StoredUser[]; sessions?: StoredSession[] } = {}) {
    this.state = {
      tenants: structuredClone(seed.tenants ?? []),
      users: structuredClone(seed.users ?? []),
      sessions: structuredClone(seed.sessions ?? []),
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

  // ---- arrangement ----
  addUser(user: StoredUser): StoredUser {
    this.state.users.push(structuredClone(user));
    return this.user(user.id);
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
      const key = signInNameKey(newUser.signInName);
      if (this.state.users.some((u) => u.deletedAt === null && signInNameKey(u.signInName) === key)) return 'SIGN_IN_NAME_TAKEN';
      const { roles, applicationId: _applicationId, ...rest } = newUser;
      const id = this.newId('user');
      this.state.users.push({
        ...aUser({ id, tenantId }),
        ...rest,
        roles: [...roles],
        createdAt: now,
        updatedAt: now,
        updatedByName: by.name,
      });
      return { id };
    },
    update: async (tenantId, userId, expectedRowVersion, changes, options) => {
      const user = this.state.users.find((u) => u.tenantId === tenantId && u.id === userId && u.deletedAt === null);
      if (!user || user.rowVersion !== expectedRowVersion) return 'STALE';
      if (changes.signInName !== undefined) {
        const key = signInNameKey(changes.signInName);
        if (this.state.users.some((u) => u.id !== userId && u.deletedAt === null && signInNameKey(u.signInName) === key)) {
          return 'SIGN_IN_NAME_TAKEN';
        }
      }
      Object.assign(user, changes);
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
  };

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
    return { users: this.userRepository, tenants: this.tenantRepository, sessions: this.sessionRepository, audit: this.auditLog };
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
    updateLockout: async (userId, change) => {
      const user = this.user(userId);
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
