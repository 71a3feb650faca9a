// An environment (domain.md §7) and the rows of its user table, as the use cases
// and the sync see them. The eligibility rules themselves live in eligibility.ts
// and the field rules in field-sync.ts; nothing here decides who gets a row.
import { fail, ok, type Result } from '../shared/result';
import type { AccessMode, EligibilityEnvironment, EnvironmentType, SyncTrigger } from './eligibility';

export const ENVIRONMENT_TYPES: readonly EnvironmentType[] = ['production', 'sandbox', 'trial', 'developer', 'teams'];

export const ENVIRONMENT_TYPE_LABELS: Record<EnvironmentType, string> = {
  production: 'Production',
  sandbox: 'Sandbox',
  trial: 'Trial',
  developer: 'Developer',
  teams: 'Dataverse for Teams',
};

export const ENVIRONMENT_NAME_MAX = 100;
export const APP_PASS_CAPACITY_MAX = 100_000;

export type Environment = {
  id: string;
  tenantId: string;
  name: string;
  type: EnvironmentType;
  hasDataverse: boolean;
  securityGroupId: string | null;
  securityGroupName: string | null;
  creatorId: string | null;
  appPassCapacity: number;
  allowRoleAssignmentOnDisabledUsers: boolean;
  hasSalesApp: boolean;
  rowVersion: number;
};

/** What an admin sets when creating or editing an environment. */
export type EnvironmentInput = {
  name: string;
  type: EnvironmentType;
  hasDataverse: boolean;
  securityGroupId: string | null;
  appPassCapacity: number;
  allowRoleAssignmentOnDisabledUsers: boolean;
  hasSalesApp: boolean;
};

/** Names are unique in a tenant, case-insensitively. */
export const environmentNameKey = (name: string) => name.trim().toLowerCase();

/** Trims and checks an environment's settings; every field error at once. */
export function checkEnvironmentInput(raw: {
  name: string;
  type: string;
  hasDataverse: boolean;
  securityGroupId?: string | null;
  appPassCapacity: number;
  allowRoleAssignmentOnDisabledUsers: boolean;
  hasSalesApp: boolean;
}): Result<EnvironmentInput> {
  const name = raw.name.trim();
  const fieldErrors: Record<string, string[]> = {};
  if (!name) fieldErrors.name = ['Enter a name for the environment.'];
  else if (Array.from(name).length > ENVIRONMENT_NAME_MAX) fieldErrors.name = [`Use at most ${ENVIRONMENT_NAME_MAX} characters.`];
  const type = ENVIRONMENT_TYPES.find((t) => t === raw.type);
  if (!type) fieldErrors.type = ['Choose the type of environment.'];
  if (!Number.isInteger(raw.appPassCapacity) || raw.appPassCapacity < 0) {
    fieldErrors.appPassCapacity = ['Enter a whole number of app passes, 0 or more.'];
  } else if (raw.appPassCapacity > APP_PASS_CAPACITY_MAX) {
    fieldErrors.appPassCapacity = [`Enter at most ${APP_PASS_CAPACITY_MAX.toLocaleString('en')}.`];
  }
  if (raw.hasSalesApp && !raw.hasDataverse) fieldErrors.hasSalesApp = ['The sales app needs a Dataverse database.'];
  if (Object.keys(fieldErrors).length || !type) return fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors });
  return ok({
    name,
    type,
    hasDataverse: raw.hasDataverse,
    securityGroupId: raw.securityGroupId || null,
    appPassCapacity: raw.appPassCapacity,
    allowRoleAssignmentOnDisabledUsers: raw.allowRoleAssignmentOnDisabledUsers,
    hasSalesApp: raw.hasSalesApp,
  });
}

export const environmentNameTaken = (name: string) =>
  fail('CONFLICT', `An environment named “${name}” already exists in this tenant.`, {
    rule: 'ENVIRONMENT_NAME_TAKEN',
    fieldErrors: { name: [`“${name}” is already taken by another environment (names are compared without regard to case).`] },
  });

export const environmentNotFound = () => fail('NOT_FOUND', 'Environment not found.');

export const environmentTarget = (environment: Pick<Environment, 'id' | 'name'>) => ({ type: 'environment', id: environment.id, name: environment.name });

/** The environment as the eligibility engine reads it. */
export const toEligibilityEnvironment = (environment: Environment): EligibilityEnvironment => ({
  id: environment.id,
  name: environment.name,
  tenantId: environment.tenantId,
  type: environment.type,
  hasDataverse: environment.hasDataverse,
  securityGroupId: environment.securityGroupId,
  securityGroupName: environment.securityGroupName,
  creatorId: environment.creatorId,
  appPassCapacity: environment.appPassCapacity,
  allowRoleAssignmentOnDisabledUsers: environment.allowRoleAssignmentOnDisabledUsers,
});

// ---------------------------------------------------------------------------
// Rows of the user table

/** How a row came to be (the schema's RowCreatedVia; `system` for the placeholders). */
export type RowOrigin = 'backgroundSync' | 'onDemand' | 'admin' | 'import' | 'system';
/** What a row stands for: a directory user, an application, an imported stub, or a placeholder. */
export type RowKind = 'user' | 'application' | 'stub' | 'supportUser' | 'delegatedAdmin';

export type EnvironmentRow = {
  id: string;
  environmentId: string;
  userId: string | null;
  kind: RowKind;
  isEnabled: boolean;
  accessMode: AccessMode;
  securityRoles: string[];
  createdVia: RowOrigin;
  fullName: string | null;
  signInName: string | null;
  applicationId: string | null;
};

/** Security roles offered in every environment (Dataverse's standard roles). */
export const SECURITY_ROLES = [
  'System Administrator',
  'System Customizer',
  'Environment Maker',
  'Basic User',
  'Salesperson',
  'Sales Manager',
  'Customer Service Representative',
  'Marketing Professional',
  'Delegate',
] as const;
export type SecurityRole = (typeof SECURITY_ROLES)[number];
export const isSecurityRole = (value: string): value is SecurityRole => (SECURITY_ROLES as readonly string[]).includes(value);

/** Access modes an admin may choose on a row; the placeholders' modes are reserved. */
export const ASSIGNABLE_ACCESS_MODES: readonly AccessMode[] = ['ReadWrite', 'Administrative', 'Read', 'NonInteractive'];

export const ACCESS_MODE_LABELS: Record<AccessMode, string> = {
  ReadWrite: 'Read-Write',
  Administrative: 'Administrative',
  Read: 'Read',
  SupportUser: 'Support user',
  NonInteractive: 'Non-interactive',
  DelegatedAdmin: 'Delegated admin',
};

/** The two well-known placeholder rows every Dataverse environment has (seed 002). */
export const PLACEHOLDER_ROWS = [
  { kind: 'supportUser', accessMode: 'SupportUser', signInName: 'crmoln@microsoft.com', fullName: 'Support User' },
  { kind: 'delegatedAdmin', accessMode: 'DelegatedAdmin', signInName: 'crmoln2@microsoft.com', fullName: 'Delegated Admin' },
] as const satisfies readonly { kind: RowKind; accessMode: AccessMode; signInName: string; fullName: string }[];

// ---------------------------------------------------------------------------
// Sync runs

/** Why a sync ran (the schema's SyncTrigger), as the history shows it. */
export type SyncRunTrigger = 'background' | 'manual' | 'onDemand' | 'firstAccess' | 'diagnostics' | 'change';

export const SYNC_TRIGGER_LABELS: Record<SyncRunTrigger, string> = {
  background: 'Background',
  manual: 'Sync now',
  onDemand: 'On demand',
  firstAccess: 'First access',
  diagnostics: 'Diagnostics',
  change: 'After a change',
};

/**
 * The engine's trigger for a run. Sync now, the follow-up of a change and a
 * diagnostics re-synchronisation are syncs, not adds on demand: they apply the
 * background rules (an admin adds on demand with Add user; a user with Open).
 */
export const engineTriggerFor = (trigger: SyncRunTrigger): SyncTrigger =>
  trigger === 'onDemand' ? 'onDemand' : trigger === 'firstAccess' ? 'firstAccess' : 'background';

/** How a row the run adds was created. */
export const rowOriginFor = (trigger: SyncRunTrigger, byAdmin: boolean): RowOrigin =>
  byAdmin ? 'admin' : trigger === 'onDemand' || trigger === 'firstAccess' ? 'onDemand' : 'backgroundSync';

export type SyncCounts = { added: number; enabled: number; disabled: number; updated: number };
