// The persistence port for environments, their user tables and sync history.
// tenantId comes first in every method. The sync's reads and writes are
// set-based: one call loads every input of a run, one call applies its plan.
import type { AccessMode } from './eligibility';
import type { SyncUserProfile } from './field-sync';
import type { Environment, EnvironmentInput, EnvironmentRow, SyncCounts, SyncRunTrigger } from './environment';
import type { PlannedInsert, PlannedUpdate, SyncInput } from './sync-plan';

export type SyncRunRecord = SyncCounts & {
  environmentId: string;
  trigger: SyncRunTrigger;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
};

export type NewApplicationRow = { name: string; applicationId: string; securityRoles: readonly string[] };
export type NewStubRow = { signInName: string; securityRole: string };

export type EnvironmentRepository = {
  getById(tenantId: string, environmentId: string): Promise<Environment | null>;
  /** Every environment of the tenant, by name. */
  listForTenant(tenantId: string): Promise<Environment[]>;
  /** Is this name key (lower-cased) used by another environment of the tenant? */
  isNameTaken(tenantId: string, nameKey: string, exceptEnvironmentId?: string): Promise<boolean>;
  /** The group's name, or null when the tenant has no such group. */
  groupName(tenantId: string, groupId: string): Promise<string | null>;
  /** Inserts; 'NAME_TAKEN' when the unique index refuses it (a concurrent create). */
  create(tenantId: string, input: EnvironmentInput, creatorId: string | null, now: Date): Promise<{ id: string } | 'NAME_TAKEN'>;
  /** Applies only if the row is still at `expectedRowVersion` (optimistic concurrency). */
  update(tenantId: string, environmentId: string, expectedRowVersion: number, input: EnvironmentInput, now: Date): Promise<'UPDATED' | 'STALE' | 'NAME_TAKEN'>;

  /**
   * Locks the environment until the transaction ends (SELECT … FOR UPDATE) and returns
   * it. Every writer of an environment's user table takes this lock first, so two runs
   * never count the non-interactive rows at the same moment (R5 under concurrency).
   */
  lock(tenantId: string, environmentId: string): Promise<Environment | null>;

  /**
   * Everything a run decides on, in a few queries: the directory users in scope (all users
   * of the tenant when `userIds` is null) with their state, admin roles, active licences,
   * direct and owned groups (and, for named users, the groups they reach only through
   * nesting), their rows in the environment, and the environment's non-interactive count.
   */
  loadSyncInput(tenantId: string, environment: Environment, userIds: readonly string[] | null): Promise<SyncInput>;
  /** The profile fields the rows copy, of these users of the tenant. */
  loadProfiles(tenantId: string, userIds: readonly string[]): Promise<Map<string, SyncUserProfile>>;
  /**
   * Applies a plan: one INSERT for the new rows, one UPDATE for the rest, writing only
   * rows whose values change (or all of them with `touch`, which refreshes lastSyncedAt).
   * Returns the rows whose values changed.
   */
  applySyncPlan(
    tenantId: string,
    environmentId: string,
    plan: { inserts: readonly PlannedInsert[]; updates: readonly PlannedUpdate[]; touch: boolean },
    now: Date,
  ): Promise<{ changedRowIds: Set<string> }>;
  /** Creates the support-user and delegated-admin rows where missing. */
  ensurePlaceholders(tenantId: string, environmentId: string, now: Date): Promise<void>;
  recordSyncRun(tenantId: string, run: SyncRunRecord): Promise<void>;

  getRow(tenantId: string, environmentId: string, rowId: string): Promise<EnvironmentRow | null>;
  setAccessMode(tenantId: string, environmentId: string, rowId: string, accessMode: AccessMode, now: Date): Promise<void>;
  setSecurityRoles(tenantId: string, environmentId: string, rowId: string, roles: readonly string[], now: Date): Promise<void>;
  /** Non-interactive rows of the environment (directory users' rows in that access mode). */
  countNonInteractive(tenantId: string, environmentId: string): Promise<number>;
  isApplicationIdTaken(tenantId: string, environmentId: string, applicationId: string): Promise<boolean>;
  insertApplicationRow(tenantId: string, environmentId: string, row: NewApplicationRow, now: Date): Promise<{ id: string }>;
  /** Of these sign-in name keys (lower-cased), the ones a live directory user of the tenant holds. */
  directoryNamesAmong(tenantId: string, signInNameKeys: readonly string[]): Promise<Set<string>>;
  /** Of these sign-in name keys, the ones that already have a stub row in the environment. */
  stubNamesAmong(tenantId: string, environmentId: string, signInNameKeys: readonly string[]): Promise<Set<string>>;
  insertStubRows(tenantId: string, environmentId: string, rows: readonly NewStubRow[], now: Date): Promise<number>;
};
