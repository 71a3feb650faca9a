// What one sync of one environment does, decided in memory: the engine
// (evaluateEligibility) runs once per directory user in scope, and the field rules
// (syncRowFields) give the values each row takes. The result is a plan of inserts
// and updates that the repository applies with a few set-based statements.
//
// Pure: the rules are not restated here, only applied. The one piece of state the
// plan threads through the users is the environment's count of non-interactive
// rows, so that within one run the 8th non-interactive user is refused (R5).
import {
  evaluateEligibility,
  type AccessMode,
  type EligibilityLicence,
  type EligibilityUser,
  type EligibilityVerdict,
  type ExistingRow,
  type SyncTrigger,
} from './eligibility';
import { syncRowFields, type SyncedRowFields, type SyncUserProfile } from './field-sync';
import { toEligibilityEnvironment, type Environment, type RowKind, type RowOrigin } from './environment';

/** A licence as the engine reads it, with the subscription it comes from. */
export type CandidateLicence = EligibilityLicence & { subscriptionId: string };

/** A directory user in scope of a sync: the engine's view and the profile the row copies. */
export type SyncCandidate = { user: Omit<EligibilityUser, 'licences'> & { licences: readonly CandidateLicence[] }; profile: SyncUserProfile };

/** An existing row of a directory user, as the sync needs it. */
export type ExistingSyncRow = {
  id: string;
  userId: string;
  kind: RowKind;
  isEnabled: boolean;
  accessMode: AccessMode;
  securityRoles: readonly string[];
  createdVia: RowOrigin;
  internalEmailEditedInEnvironment: boolean;
};

/** Everything one run reads, loaded by the repository in a few queries. */
export type SyncInput = {
  tenantHasMarketingLicence: boolean;
  candidates: readonly SyncCandidate[];
  /** The rows of the candidates in this environment (at most one per user). */
  rows: readonly ExistingSyncRow[];
  /** Non-interactive rows of the whole environment (application users do not count). */
  nonInteractiveCount: number;
};

export type PlannedInsert = {
  userId: string;
  kind: 'user' | 'application';
  accessMode: AccessMode;
  createdVia: RowOrigin;
  /** Always the full set: the row is being created (full name and primary email included). */
  fields: SyncedRowFields;
};

export type PlannedUpdate = {
  rowId: string;
  userId: string;
  isEnabled: boolean;
  accessMode: AccessMode;
  /** Without fullName and primaryEmail; without internalEmailAddress once edited in the environment. */
  fields: SyncedRowFields;
  /** A state change the run counts; `sync` only refreshes the synchronised fields. */
  change: 'enable' | 'disable' | 'sync';
};

export type SyncPlan = {
  inserts: PlannedInsert[];
  updates: PlannedUpdate[];
  /** The engine's verdict for every candidate, by user id. */
  verdicts: Map<string, EligibilityVerdict>;
  added: number;
  enabled: number;
  disabled: number;
};

/** A row counts against R5 when it is a directory user's row in non-interactive access mode. */
export const countsAsNonInteractive = (row: { kind: RowKind; accessMode: AccessMode }) =>
  row.kind === 'user' && row.accessMode === 'NonInteractive';

/** The existing row as the engine reads it (placeholders' `system` reads as an admin's row). */
export const toEngineRow = (row: Pick<ExistingSyncRow, 'isEnabled' | 'accessMode' | 'securityRoles' | 'createdVia'>): ExistingRow => ({
  isEnabled: row.isEnabled,
  accessMode: row.accessMode,
  securityRoles: row.securityRoles,
  createdVia: row.createdVia === 'system' ? 'admin' : row.createdVia,
});

export function planSync(
  environment: Environment,
  input: SyncInput,
  options: { trigger: SyncTrigger; createdVia: RowOrigin },
): SyncPlan {
  const engineEnvironment = toEligibilityEnvironment(environment);
  const rowsByUser = new Map<string, ExistingSyncRow>();
  for (const row of input.rows) rowsByUser.set(row.userId, row);

  let nonInteractive = input.nonInteractiveCount;
  const plan: SyncPlan = { inserts: [], updates: [], verdicts: new Map(), added: 0, enabled: 0, disabled: 0 };

  for (const { user, profile } of input.candidates) {
    const row = rowsByUser.get(user.id) ?? null;
    const ownCount = row !== null && countsAsNonInteractive(row) ? 1 : 0;
    const verdict = evaluateEligibility({
      user,
      environment: engineEnvironment,
      tenantHasMarketingLicence: input.tenantHasMarketingLicence,
      trigger: options.trigger,
      existingRow: row === null ? null : toEngineRow(row),
      nonInteractiveCount: nonInteractive - ownCount,
    });
    plan.verdicts.set(user.id, verdict);

    if (row === null) {
      if (verdict.decision !== 'add' || verdict.accessMode === null) continue;
      const kind = user.kind === 'application' ? 'application' : 'user';
      plan.inserts.push({ userId: user.id, kind, accessMode: verdict.accessMode, createdVia: options.createdVia, fields: syncRowFields(profile, null) });
      plan.added++;
      if (countsAsNonInteractive({ kind, accessMode: verdict.accessMode })) nonInteractive++;
      continue;
    }

    // Stubs are never synchronised; every other row takes the fields on every sync.
    if (user.kind === 'stub') continue;
    const change = verdict.decision === 'enable' ? 'enable' : verdict.decision === 'disable' ? 'disable' : 'sync';
    if (change === 'enable') plan.enabled++;
    if (change === 'disable') plan.disabled++;
    const accessMode = verdict.accessMode ?? row.accessMode;
    if (countsAsNonInteractive(row) !== countsAsNonInteractive({ kind: row.kind, accessMode })) {
      nonInteractive += accessMode === 'NonInteractive' ? 1 : -1;
    }
    plan.updates.push({
      rowId: row.id,
      userId: user.id,
      isEnabled: verdict.isEnabled,
      accessMode,
      fields: syncRowFields(profile, { internalEmailEditedInEnvironment: row.internalEmailEditedInEnvironment }),
      change,
    });
  }
  return plan;
}
