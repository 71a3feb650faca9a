// The persistence port for users. tenantId comes first in every method: no query
// reaches a user without naming the tenant it must belong to. (The purge job's
// claimExpired is the one cross-tenant method: it serves every tenant at once.)
import type { RoleId } from '../shared/permissions';
import type { User, UserKind, UserProfile } from './user';

export type UserChanges = Partial<UserProfile> & {
  accountEnabled?: boolean;
  signInName?: string;
};

export type Editor = { id: string | null; name: string };

export type NewUser = UserProfile & {
  kind: UserKind;
  signInName: string;
  accountEnabled: boolean;
  passwordHash: string | null;
  mustChangePassword: boolean;
  roles: RoleId[];
  applicationId?: string | null;
};

export type UserRepository = {
  getById(tenantId: string, userId: string, options?: { includeDeleted?: boolean }): Promise<User | null>;
  getPasswordHash(tenantId: string, userId: string): Promise<string | null>;
  /** Also locks the tenant row for the rest of the transaction (see the implementation). */
  countActiveGlobalAdmins(tenantId: string): Promise<number>;
  /** Is this sign-in name taken by a live user anywhere in the portal? */
  isSignInNameTaken(signInNameKey: string): Promise<boolean>;
  /** Of these candidate names, the ones already taken by live users. */
  takenSignInNames(signInNameKeys: string[]): Promise<Set<string>>;
  /** Inserts; returns 'SIGN_IN_NAME_TAKEN' when the unique index refuses it (a concurrent create). */
  create(tenantId: string, user: NewUser, by: Editor, now: Date): Promise<{ id: string } | 'SIGN_IN_NAME_TAKEN'>;
  /**
   * Applies changes only if the row is still at `expectedRowVersion` (optimistic concurrency);
   * 'STALE' otherwise. `endSessions` bumps the session version so open sessions die.
   */
  update(
    tenantId: string,
    userId: string,
    expectedRowVersion: number,
    changes: UserChanges,
    options: { by: Editor; now: Date; endSessions?: boolean },
  ): Promise<'UPDATED' | 'STALE' | 'SIGN_IN_NAME_TAKEN'>;
  setPassword(
    tenantId: string,
    userId: string,
    change: { passwordHash: string; mustChangePassword: boolean; by: Editor; now: Date },
  ): Promise<{ sessionVersion: number }>;
  /** Soft delete: the row stays (roles and memberships with it) for 30 days. */
  softDelete(tenantId: string, userId: string, options: { by: Editor; now: Date }): Promise<void>;
  /** Brings a deleted user back, optionally under a new sign-in name. */
  restore(tenantId: string, userId: string, options: { by: Editor; now: Date; signInName?: string }): Promise<'RESTORED' | 'SIGN_IN_NAME_TAKEN'>;
  /** Permanent deletion of a deleted user (cascades to roles, memberships, sessions). */
  purge(tenantId: string, userId: string): Promise<boolean>;
  /**
   * Locks up to `limit` users deleted at or before `cutoff` that no other worker holds
   * (FOR UPDATE SKIP LOCKED), across tenants, for the purge job.
   */
  claimExpired(cutoff: Date, limit: number): Promise<{ id: string; tenantId: string; displayName: string; signInName: string; deletedAt: Date }[]>;
  /** Permanent deletion of users claimed by claimExpired, in one statement. */
  purgeClaimed(userIds: string[]): Promise<number>;
};

export type RoleAssignmentRepository = {
  add(tenantId: string, userId: string, roleId: RoleId, by: Editor, now: Date): Promise<void>;
  remove(tenantId: string, userId: string, roleId: RoleId): Promise<void>;
};
