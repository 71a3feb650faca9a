// What one sync of one environment does, decided in memory: the engine
// (evaluateEligibility) decides for each directory user in scope, and the field
// rules (syncRowFields) give the values each row takes. The result is a plan of
// inserts and updates that the repository applies with a few set-based statements.
//
// Pure: the rules are not restated here, only applied. The one piece of state the
// plan threads through the users is the environment's count of non-interactive
// rows, so that within one run the 8th non-interactive user is refused (R5).
//
// Two steps, so that a run reads the profile fields only of the users whose rows it
// writes: `planSync` decides, `withFields` adds the values to write.
import {
  evaluateEligibility,
  type AccessMode,
  type EligibilityEnvironment,
  type EligibilityInput,
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

/** A directory user in scope of a sync, as the engine reads them. */
export type SyncCandidate = { user: Omit<EligibilityUser, 'licences'> & { licences: readonly CandidateLicence[] } };

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

/** Everything one run decides on, loaded by the repository in a few queries. */
export type SyncInput = {
  tenantHasMarketingLicence: boolean;
  candidates: readonly SyncCandidate[];
  /** The rows of the candidates in this environment (at most one per user). */
  rows: readonly ExistingSyncRow[];
  /** Non-interactive rows of the whole environment (application users do not count). */
  nonInteractiveCount: number;
};

export type InsertDecision = { userId: string; kind: 'user' | 'application'; accessMode: AccessMode; createdVia: RowOrigin };
export type UpdateDecision = {
  rowId: string;
  userId: string;
  isEnabled: boolean;
  accessMode: AccessMode;
  internalEmailEditedInEnvironment: boolean;
  /** A state change the run counts; `sync` only refreshes the synchronised fields. */
  change: 'enable' | 'disable' | 'sync';
};

/** A new row, with every field (full name and primary email included: it is being created). */
export type PlannedInsert = InsertDecision & { fields: SyncedRowFields };
/** A row to update: without fullName and primaryEmail; without internalEmailAddress once edited in the environment. */
export type PlannedUpdate = Omit<UpdateDecision, 'internalEmailEditedInEnvironment'> & { fields: SyncedRowFields };

export type SyncPlan = {
  inserts: InsertDecision[];
  updates: UpdateDecision[];
  /** The engine's verdict for every candidate, by user id — only when the plan was made with `explain`. */
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

/**
 * The engine's verdict, shared between users whose inputs are the same but for their
 * names. A full sync of 100,000 users meets a few dozen distinct inputs, so the
 * engine runs a few dozen times instead of 100,000 (its messages, which name the
 * user, are then not the user's own: a plan made this way keeps no verdicts).
 * The key is the whole engine input except the display name, which only messages
 * use; the id only marks the environment's creator (R4), and a user whose groups
 * were resolved through nesting (only loaded to explain) is not shared.
 */
const sortedList = (values: readonly string[]) => (values.length < 2 ? values.join('\u0002') : [...values].sort().join('\u0002'));

export function verdictCache(environment: EligibilityEnvironment) {
  const cache = new Map<string, EligibilityVerdict>();
  return (input: EligibilityInput): EligibilityVerdict => {
    const { user } = input;
    if (user.id === environment.creatorId || (user.nestedOnlyGroups?.length ?? 0) > 0) return evaluateEligibility(input);
    const row = input.existingRow;
    // Hand-built (JSON.stringify of 100,000 arrays costs more than the engine saves).
    const key = [
      user.kind,
      user.accountEnabled ? 1 : 0,
      user.isDeleted ? 1 : 0,
      user.homeTenantId,
      sortedList(user.adminRoles),
      user.licences.map((l) => `${l.skuName}\u0001${l.tenantId}\u0001${l.grantsDataverse ? 1 : 0}${l.freeDataversePlan ? 1 : 0}`).sort().join('\u0002'),
      sortedList(user.directGroupIds),
      sortedList(user.ownedGroupIds),
      input.tenantHasMarketingLicence ? 1 : 0,
      input.trigger,
      row === null ? '-' : `${row.isEnabled ? 1 : 0}\u0001${row.accessMode}\u0001${row.createdVia}\u0001${row.securityRoles.join('\u0002')}`,
      input.nonInteractiveCount,
    ].join('\u0000');
    const found = cache.get(key);
    if (found) return found;
    const verdict = evaluateEligibility(input);
    cache.set(key, verdict);
    return verdict;
  };
}

export function planSync(
  environment: Environment,
  input: SyncInput,
  options: { trigger: SyncTrigger; createdVia: RowOrigin; explain?: boolean },
): SyncPlan {
  const engineEnvironment = toEligibilityEnvironment(environment);
  const evaluate = options.explain === false ? verdictCache(engineEnvironment) : evaluateEligibility;
  const rowsByUser = new Map<string, ExistingSyncRow>();
  for (const row of input.rows) rowsByUser.set(row.userId, row);

  let nonInteractive = input.nonInteractiveCount;
  const plan: SyncPlan = { inserts: [], updates: [], verdicts: new Map(), added: 0, enabled: 0, disabled: 0 };

  for (const { user } of input.candidates) {
    const row = rowsByUser.get(user.id) ?? null;
    const ownCount = row !== null && countsAsNonInteractive(row) ? 1 : 0;
    const verdict = evaluate({
      user,
      environment: engineEnvironment,
      tenantHasMarketingLicence: input.tenantHasMarketingLicence,
      trigger: options.trigger,
      existingRow: row === null ? null : toEngineRow(row),
      nonInteractiveCount: nonInteractive - ownCount,
    });
    if (options.explain !== false) plan.verdicts.set(user.id, verdict);

    if (row === null) {
      if (verdict.decision !== 'add' || verdict.accessMode === null) continue;
      const kind = user.kind === 'application' ? 'application' : 'user';
      plan.inserts.push({ userId: user.id, kind, accessMode: verdict.accessMode, createdVia: options.createdVia });
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
      internalEmailEditedInEnvironment: row.internalEmailEditedInEnvironment,
      change,
    });
  }
  return plan;
}

/** The users whose profile the plan needs (those whose rows it writes). */
export const usersToWrite = (plan: Pick<SyncPlan, 'inserts' | 'updates'>): string[] => [
  ...plan.inserts.map((i) => i.userId),
  ...plan.updates.map((u) => u.userId),
];

/** The plan with the values each row takes, by the field rules of syncRowFields. */
export function withFields(
  plan: Pick<SyncPlan, 'inserts' | 'updates'>,
  profiles: ReadonlyMap<string, SyncUserProfile>,
): { inserts: PlannedInsert[]; updates: PlannedUpdate[] } {
  const inserts: PlannedInsert[] = [];
  for (const insert of plan.inserts) {
    const profile = profiles.get(insert.userId);
    if (profile) inserts.push({ userId: insert.userId, kind: insert.kind, accessMode: insert.accessMode, createdVia: insert.createdVia, fields: syncRowFields(profile, null) });
  }
  const updates: PlannedUpdate[] = [];
  const edited = { internalEmailEditedInEnvironment: true };
  const notEdited = { internalEmailEditedInEnvironment: false };
  for (const update of plan.updates) {
    const profile = profiles.get(update.userId);
    if (!profile) continue;
    updates.push({
      rowId: update.rowId,
      userId: update.userId,
      isEnabled: update.isEnabled,
      accessMode: update.accessMode,
      change: update.change,
      fields: syncRowFields(profile, update.internalEmailEditedInEnvironment ? edited : notEdited),
    });
  }
  return { inserts, updates };
}
