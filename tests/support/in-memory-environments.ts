// In-memory environments for unit tests (the EnvironmentRepository port), mirroring
// src/server/repositories/environment-repository.ts: names unique per tenant
// case-insensitively, optimistic concurrency on rowVersion, one row per directory
// user and environment, the two placeholders, only rows whose values change are
// written, non-interactive rows counted on kind 'user' in that access mode. The
// directory (users, roles, licences, groups) is the InMemoryDirectory's, read the
// way the Prisma implementation reads the tables.
//
// The directory's transaction snapshots only its own state, so use
// `environmentsOf(directory).transaction`: it rolls this fake back too.
import type { AccessMode } from '@/domain/environments/eligibility';
import {
  environmentNameKey,
  PLACEHOLDER_ROWS,
  type Environment,
  type EnvironmentRow,
  type RowKind,
  type RowOrigin,
} from '@/domain/environments/environment';
import type { EnvironmentRepository, SyncRunRecord } from '@/domain/environments/environment-repository';
import { EMPTY_FIRST_NAME, type SyncedRowFields, type SyncUserProfile } from '@/domain/environments/field-sync';
import type { CandidateLicence, SyncCandidate } from '@/domain/environments/sync-plan';
import type { Transaction } from '@/domain/shared/unit-of-work';
import { signInNameKey } from '@/domain/users/user';
import type { InMemoryDirectory } from './in-memory-repositories';

export type StoredEnvironment = Omit<Environment, 'securityGroupName'>;

export type StoredRow = EnvironmentRow & {
  tenantId: string;
  lastSyncedAt: Date | null;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  officePhone: string | null;
  mobilePhone: string | null;
  streetAddress: string | null;
  city: string | null;
  stateOrProvince: string | null;
  postalCode: string | null;
  countryOrRegion: string | null;
  primaryEmail: string | null;
  internalEmail: string | null;
  internalEmailEditedInEnvironment: boolean;
  objectId: string | null;
  customFields: Record<string, unknown> | null;
  updatedAt: Date;
};

type State = { environments: StoredEnvironment[]; rows: StoredRow[]; runs: (SyncRunRecord & { tenantId: string })[]; nextId: number };

const isFailedResult = (value: unknown) =>
  typeof value === 'object' && value !== null && 'ok' in value && (value as { ok: unknown }).ok === false;

/** An environment with defaults: production, Dataverse, no group, no app passes. */
export function anEnvironment(overrides: Partial<StoredEnvironment> & { id: string; tenantId: string }): StoredEnvironment {
  return {
    name: `Environment ${overrides.id}`,
    type: 'production',
    hasDataverse: true,
    securityGroupId: null,
    creatorId: null,
    appPassCapacity: 0,
    allowRoleAssignmentOnDisabledUsers: false,
    hasSalesApp: false,
    rowVersion: 1,
    ...overrides,
  };
}

const SYNCED_KEYS = [
  'signInName',
  'firstName',
  'lastName',
  'jobTitle',
  'officePhone',
  'mobilePhone',
  'streetAddress',
  'city',
  'stateOrProvince',
  'postalCode',
  'countryOrRegion',
] as const;

export class InMemoryEnvironments {
  private state: State = { environments: [], rows: [], runs: [], nextId: 1 };
  /** Environments locked through the port, in order. */
  readonly locks: string[] = [];

  constructor(private readonly directory: InMemoryDirectory) {}

  // ---- arrangement ----
  addEnvironment(environment: StoredEnvironment): StoredEnvironment {
    this.state.environments.push(structuredClone(environment));
    return this.environment(environment.id);
  }
  /** A row as the tests need it; defaults: an enabled Read-Write row of a directory user. */
  addRow(row: Partial<StoredRow> & { environmentId: string }): StoredRow {
    const environment = this.environment(row.environmentId);
    const stored: StoredRow = {
      id: this.newId('row'),
      tenantId: environment.tenantId,
      userId: null,
      kind: 'user',
      isEnabled: true,
      accessMode: 'ReadWrite',
      securityRoles: [],
      createdVia: 'admin',
      fullName: null,
      signInName: null,
      applicationId: null,
      lastSyncedAt: null,
      firstName: null,
      lastName: null,
      jobTitle: null,
      officePhone: null,
      mobilePhone: null,
      streetAddress: null,
      city: null,
      stateOrProvince: null,
      postalCode: null,
      countryOrRegion: null,
      primaryEmail: null,
      internalEmail: null,
      internalEmailEditedInEnvironment: false,
      objectId: null,
      customFields: null,
      updatedAt: new Date(0),
      ...structuredClone(row),
    };
    this.state.rows.push(stored);
    return stored;
  }

  // ---- inspection ----
  environment(environmentId: string): StoredEnvironment {
    const found = this.state.environments.find((e) => e.id === environmentId);
    if (!found) throw new Error(`no environment ${environmentId}`);
    return found;
  }
  get environments(): readonly StoredEnvironment[] {
    return this.state.environments;
  }
  rowsOf(environmentId: string): readonly StoredRow[] {
    return this.state.rows.filter((r) => r.environmentId === environmentId);
  }
  rowOf(environmentId: string, userId: string): StoredRow | undefined {
    return this.state.rows.find((r) => r.environmentId === environmentId && r.userId === userId);
  }
  runsOf(environmentId: string): readonly (SyncRunRecord & { tenantId: string })[] {
    return this.state.runs.filter((r) => r.environmentId === environmentId);
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

  private newId(prefix: string) {
    return `${prefix}-${this.state.nextId++}`;
  }
  private find(tenantId: string, environmentId: string) {
    return this.state.environments.find((e) => e.tenantId === tenantId && e.id === environmentId);
  }
  private toEnvironment(stored: StoredEnvironment): Environment {
    const group = stored.securityGroupId ? this.directory.groups.groups.find((g) => g.tenantId === stored.tenantId && g.id === stored.securityGroupId) : undefined;
    return { ...structuredClone(stored), securityGroupName: group?.name ?? null };
  }
  private toRow(stored: StoredRow): EnvironmentRow {
    const { id, environmentId, userId, kind, isEnabled, accessMode, securityRoles, createdVia, fullName, signInName, applicationId } = stored;
    return structuredClone({ id, environmentId, userId, kind, isEnabled, accessMode, securityRoles, createdVia, fullName, signInName, applicationId });
  }
  private countNonInteractive(tenantId: string, environmentId: string) {
    return this.state.rows.filter((r) => r.tenantId === tenantId && r.environmentId === environmentId && r.kind === 'user' && r.accessMode === 'NonInteractive').length;
  }
  /** Groups reached from the user's direct groups only through nesting, with the direct group they come through. */
  private nestedOnly(tenantId: string, directGroupIds: readonly string[]) {
    const groups = this.directory.groups;
    const out: { groupId: string; viaGroupName: string }[] = [];
    for (const via of directGroupIds) {
      const viaName = groups.groups.find((g) => g.id === via)?.name ?? via;
      const seen = new Set<string>();
      const frontier = [via];
      while (frontier.length) {
        const current = frontier.shift() ?? '';
        for (const n of groups.nestings) {
          if (n.tenantId !== tenantId || n.memberGroupId !== current || seen.has(n.groupId)) continue;
          seen.add(n.groupId);
          frontier.push(n.groupId);
          if (!directGroupIds.includes(n.groupId) && !out.some((o) => o.groupId === n.groupId)) out.push({ groupId: n.groupId, viaGroupName: viaName });
        }
      }
    }
    return out;
  }

  readonly repository: EnvironmentRepository = {
    getById: async (tenantId, environmentId) => {
      const found = this.find(tenantId, environmentId);
      return found ? this.toEnvironment(found) : null;
    },
    listForTenant: async (tenantId) =>
      this.state.environments
        .filter((e) => e.tenantId === tenantId)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((e) => this.toEnvironment(e)),
    isNameTaken: async (tenantId, nameKey, exceptEnvironmentId) =>
      this.state.environments.some((e) => e.tenantId === tenantId && e.id !== exceptEnvironmentId && environmentNameKey(e.name) === nameKey),
    groupName: async (tenantId, groupId) => this.directory.groups.groups.find((g) => g.tenantId === tenantId && g.id === groupId)?.name ?? null,
    create: async (tenantId, input, creatorId) => {
      if (this.state.environments.some((e) => e.tenantId === tenantId && environmentNameKey(e.name) === environmentNameKey(input.name))) return 'NAME_TAKEN';
      const id = this.newId('env');
      this.state.environments.push({ id, tenantId, creatorId, rowVersion: 1, ...structuredClone(input) });
      return { id };
    },
    update: async (tenantId, environmentId, expectedRowVersion, input) => {
      const found = this.find(tenantId, environmentId);
      if (this.state.environments.some((e) => e.tenantId === tenantId && e.id !== environmentId && environmentNameKey(e.name) === environmentNameKey(input.name))) return 'NAME_TAKEN';
      if (!found || found.rowVersion !== expectedRowVersion) return 'STALE';
      Object.assign(found, structuredClone(input));
      found.rowVersion++;
      return 'UPDATED';
    },
    lock: async (tenantId, environmentId) => {
      const found = this.find(tenantId, environmentId);
      if (!found) return null;
      this.locks.push(environmentId);
      return this.toEnvironment(found);
    },

    loadSyncInput: async (tenantId, environment, userIds) => {
      const scope = userIds === null ? null : new Set(userIds);
      const subscriptions = this.directory.subscriptions.filter((s) => s.tenantId === tenantId);
      const licenceOf = new Map<string, CandidateLicence>(
        subscriptions.map((s) => [
          s.id,
          { subscriptionId: s.id, skuName: s.productName, tenantId: s.tenantId, grantsDataverse: s.grantsDataverse ?? false, freeDataversePlan: s.freeDataversePlan ?? false },
        ]),
      );
      const groups = this.directory.groups;
      const candidates: SyncCandidate[] = this.directory.users
        .filter((u) => u.tenantId === tenantId && (scope === null || scope.has(u.id)))
        .map((u) => {
          const directGroupIds = groups.userMembers.filter((m) => m.tenantId === tenantId && m.userId === u.id).map((m) => m.groupId);
          const nestedOnly = scope === null ? [] : this.nestedOnly(tenantId, directGroupIds);
          return {
            user: {
              id: u.id,
              kind: u.kind,
              accountEnabled: u.accountEnabled,
              isDeleted: u.deletedAt !== null,
              homeTenantId: u.tenantId,
              displayName: u.displayName,
              adminRoles: [...u.roles],
              licences: this.directory.licenceAssignments
                .filter((a) => a.tenantId === tenantId && a.userId === u.id && a.suspendedAt === null)
                .flatMap((a) => {
                  const licence = licenceOf.get(a.subscriptionId);
                  return licence ? [licence] : [];
                }),
              directGroupIds,
              ...(nestedOnly.length ? { nestedOnlyGroups: nestedOnly } : {}),
              ownedGroupIds: groups.groups.filter((g) => g.tenantId === tenantId && g.ownerIds.includes(u.id)).map((g) => g.id),
            },
          };
        });
      const ids = new Set(candidates.map((c) => c.user.id));
      const rows = this.state.rows
        .filter((r) => r.tenantId === tenantId && r.environmentId === environment.id && r.userId !== null && ids.has(r.userId))
        .map((r) => ({
          id: r.id,
          userId: r.userId ?? '',
          kind: r.kind,
          isEnabled: r.isEnabled,
          accessMode: r.accessMode,
          securityRoles: [...r.securityRoles],
          createdVia: r.createdVia,
          internalEmailEditedInEnvironment: r.internalEmailEditedInEnvironment,
        }));
      return {
        tenantHasMarketingLicence: subscriptions.some((s) => s.tenantMarketing && s.seats > 0),
        candidates,
        rows,
        nonInteractiveCount: this.countNonInteractive(tenantId, environment.id),
      };
    },

    loadProfiles: async (tenantId, userIds) => {
      const wanted = new Set(userIds);
      const profiles = new Map<string, SyncUserProfile>();
      for (const u of this.directory.users) {
        if (u.tenantId !== tenantId || !wanted.has(u.id)) continue;
        profiles.set(u.id, {
          id: u.id,
          kind: u.kind,
          signInName: u.signInName,
          displayName: u.displayName,
          firstName: u.firstName,
          lastName: u.lastName,
          jobTitle: u.jobTitle,
          officePhone: u.officePhone,
          mobilePhone: u.mobilePhone,
          streetAddress: u.streetAddress,
          city: u.city,
          stateOrProvince: u.stateOrProvince,
          postalCode: u.postalCode,
          countryOrRegion: u.countryOrRegion,
          email: u.signInName,
        });
      }
      return profiles;
    },

    applySyncPlan: async (tenantId, environmentId, plan, now) => {
      for (const insert of plan.inserts) {
        if (this.state.rows.some((r) => r.environmentId === environmentId && r.userId === insert.userId)) continue;
        const row = this.addRow({
          environmentId,
          userId: insert.userId,
          kind: insert.kind,
          isEnabled: true,
          accessMode: insert.accessMode,
          createdVia: insert.createdVia,
          lastSyncedAt: now,
          updatedAt: now,
        });
        writeFields(row, insert.fields);
      }
      const changedRowIds = new Set<string>();
      for (const update of plan.updates) {
        const row = this.state.rows.find((r) => r.tenantId === tenantId && r.environmentId === environmentId && r.id === update.rowId);
        if (!row) continue;
        const before = JSON.stringify(comparable(row, update.fields));
        const next = structuredClone(row);
        next.isEnabled = update.isEnabled;
        next.accessMode = update.accessMode;
        writeFields(next, update.fields);
        const changed = before !== JSON.stringify(comparable(next, update.fields));
        if (!changed && !plan.touch) continue;
        Object.assign(row, next, { lastSyncedAt: now, updatedAt: changed ? now : row.updatedAt });
        if (changed) changedRowIds.add(row.id);
      }
      return { changedRowIds };
    },

    ensurePlaceholders: async (_tenantId, environmentId, now) => {
      for (const placeholder of PLACEHOLDER_ROWS) {
        if (this.state.rows.some((r) => r.environmentId === environmentId && r.kind === placeholder.kind)) continue;
        this.addRow({
          environmentId,
          kind: placeholder.kind,
          accessMode: placeholder.accessMode,
          createdVia: 'system',
          signInName: placeholder.signInName,
          fullName: placeholder.fullName,
          firstName: EMPTY_FIRST_NAME,
          updatedAt: now,
        });
      }
    },

    recordSyncRun: async (tenantId, run) => {
      this.state.runs.push({ tenantId, ...structuredClone(run) });
    },

    getRow: async (tenantId, environmentId, rowId) => {
      const found = this.state.rows.find((r) => r.tenantId === tenantId && r.environmentId === environmentId && r.id === rowId);
      return found ? this.toRow(found) : null;
    },
    setAccessMode: async (tenantId, environmentId, rowId, accessMode: AccessMode, now) => {
      const found = this.state.rows.find((r) => r.tenantId === tenantId && r.environmentId === environmentId && r.id === rowId);
      if (found) Object.assign(found, { accessMode, updatedAt: now });
    },
    setSecurityRoles: async (tenantId, environmentId, rowId, roles, now) => {
      const found = this.state.rows.find((r) => r.tenantId === tenantId && r.environmentId === environmentId && r.id === rowId);
      if (found) Object.assign(found, { securityRoles: [...roles], updatedAt: now });
    },
    countNonInteractive: async (tenantId, environmentId) => this.countNonInteractive(tenantId, environmentId),
    isApplicationIdTaken: async (tenantId, environmentId, applicationId) =>
      this.state.rows.some((r) => r.tenantId === tenantId && r.environmentId === environmentId && r.kind === 'application' && r.applicationId === applicationId),
    insertApplicationRow: async (_tenantId, environmentId, row, now) => {
      const created = this.addRow({
        environmentId,
        kind: 'application',
        isEnabled: true,
        accessMode: 'NonInteractive',
        securityRoles: [...row.securityRoles],
        createdVia: 'admin',
        fullName: row.name,
        firstName: EMPTY_FIRST_NAME,
        lastName: row.name,
        applicationId: row.applicationId,
        objectId: row.applicationId,
        updatedAt: now,
      });
      return { id: created.id };
    },
    directoryNamesAmong: async (tenantId, keys) =>
      new Set(
        this.directory.users
          .filter((u) => u.tenantId === tenantId && u.deletedAt === null && keys.includes(signInNameKey(u.signInName)))
          .map((u) => signInNameKey(u.signInName)),
      ),
    stubNamesAmong: async (tenantId, environmentId, keys) =>
      new Set(
        this.state.rows
          .filter((r) => r.tenantId === tenantId && r.environmentId === environmentId && r.kind === 'stub' && r.signInName !== null && keys.includes(r.signInName.toLowerCase()))
          .map((r) => (r.signInName ?? '').toLowerCase()),
      ),
    insertStubRows: async (_tenantId, environmentId, rows, now) => {
      for (const row of rows) {
        this.addRow({
          environmentId,
          kind: 'stub' satisfies RowKind,
          isEnabled: false,
          accessMode: 'ReadWrite',
          securityRoles: [row.securityRole],
          createdVia: 'import' satisfies RowOrigin,
          signInName: row.signInName,
          fullName: row.signInName,
          firstName: EMPTY_FIRST_NAME,
          primaryEmail: row.signInName,
          updatedAt: now,
        });
      }
      return rows.length;
    },
  };
}

function writeFields(row: StoredRow, fields: SyncedRowFields) {
  for (const key of SYNCED_KEYS) row[key] = fields[key];
  row.objectId = fields.azureActiveDirectoryObjectId;
  if (fields.fullName !== undefined) row.fullName = fields.fullName;
  if (fields.primaryEmail !== undefined) row.primaryEmail = fields.primaryEmail;
  if ('internalEmailAddress' in fields) row.internalEmail = fields.internalEmailAddress ?? null;
}

function comparable(row: StoredRow, fields: SyncedRowFields) {
  return {
    isEnabled: row.isEnabled,
    accessMode: row.accessMode,
    ...Object.fromEntries(SYNCED_KEYS.map((k) => [k, row[k]])),
    objectId: row.objectId,
    internalEmail: 'internalEmailAddress' in fields ? row.internalEmail : null,
  };
}

const registry = new WeakMap<InMemoryDirectory, InMemoryEnvironments>();

/** The environments fake that belongs to this directory (one per directory). */
export function environmentsOf(directory: InMemoryDirectory): InMemoryEnvironments {
  let found = registry.get(directory);
  if (!found) {
    found = new InMemoryEnvironments(directory);
    registry.set(directory, found);
  }
  return found;
}
