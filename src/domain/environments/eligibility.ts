// Sync eligibility (domain.md §7, seed 002): decides what the background sync or
// an on-demand add does with one directory user in one environment's user table,
// and explains every rule (R0–R6) in plain words with a concrete fix, so that the
// diagnostics screen can show the same verdict the sync acts on.
//
// Pure and deterministic: everything the rules read is in the input.

export type DirectoryRoleId =
  | 'globalAdministrator'
  | 'privilegedRoleAdministrator'
  | 'privilegedAuthenticationAdministrator'
  | 'userAdministrator'
  | 'directoryWriters'
  | 'powerPlatformAdministrator'
  | 'dynamics365Administrator'
  | 'groupsAdministrator'
  | 'licenseAdministrator'
  | 'helpdeskAdministrator'
  | 'globalReader';

/** R2a: these administrators need no licence (unlicensed they get access mode Administrative). */
export const LICENCE_EXEMPT_ROLES: readonly DirectoryRoleId[] = [
  'globalAdministrator',
  'powerPlatformAdministrator',
  'dynamics365Administrator',
];

/** R3: these administrators need no membership of the environment's security group. */
export const GROUP_EXEMPT_ROLES: readonly DirectoryRoleId[] = ['globalAdministrator', 'powerPlatformAdministrator'];

/** R5: at most this many non-interactive users per environment. */
export const NON_INTERACTIVE_LIMIT = 7;

export type UserKind = 'member' | 'application' | 'nonInteractive' | 'stub';
export type EnvironmentType = 'production' | 'sandbox' | 'trial' | 'developer' | 'teams';
export type SyncTrigger = 'background' | 'onDemand' | 'firstAccess';
export type AccessMode = 'ReadWrite' | 'Administrative' | 'Read' | 'SupportUser' | 'NonInteractive' | 'DelegatedAdmin';
export type RowCreatedVia = 'backgroundSync' | 'onDemand' | 'admin' | 'import';
export type EligibilityDecision = 'add' | 'enable' | 'update' | 'disable' | 'none' | 'reject';

export type RuleCode =
  | 'R0_DATAVERSE'
  | 'R1_ACCOUNT'
  | 'R2_LICENSE'
  | 'R3_GROUP'
  | 'R4_ENV_TYPE'
  | 'R5_NON_INTERACTIVE_LIMIT'
  | 'R6_SECURITY_ROLE';

/** The rules that decide eligibility; R6 is reported but never decides. */
export const DECIDING_RULES: readonly RuleCode[] = [
  'R0_DATAVERSE',
  'R1_ACCOUNT',
  'R2_LICENSE',
  'R3_GROUP',
  'R4_ENV_TYPE',
  'R5_NON_INTERACTIVE_LIMIT',
];

export type LicenceException = 'R2a_ADMIN' | 'R2b_APP_PASS' | 'R2c_MARKETING' | 'R2d_NON_INTERACTIVE' | 'R2e_FREE_PLAN';

export type EligibilityLicence = {
  skuName: string;
  /** The tenant that owns the subscription; only the environment's tenant counts. */
  tenantId: string;
  grantsDataverse: boolean;
  freeDataversePlan: boolean;
};

export type NestedGroupMembership = {
  groupId: string;
  /** The direct group through which the user reaches groupId. */
  viaGroupName: string;
};

export type EligibilityUser = {
  id: string;
  kind: UserKind;
  accountEnabled: boolean;
  isDeleted: boolean;
  homeTenantId: string;
  displayName: string;
  adminRoles: readonly string[];
  licences: readonly EligibilityLicence[];
  /** Direct memberships only. */
  directGroupIds: readonly string[];
  /** Groups reached only through nesting; used only to explain a failed R3. */
  nestedOnlyGroups?: readonly NestedGroupMembership[];
  ownedGroupIds: readonly string[];
};

export type EligibilityEnvironment = {
  id: string;
  name: string;
  tenantId: string;
  type: EnvironmentType;
  hasDataverse: boolean;
  securityGroupId: string | null;
  securityGroupName: string | null;
  creatorId: string | null;
  appPassCapacity: number;
  allowRoleAssignmentOnDisabledUsers: boolean;
};

export type ExistingRow = {
  isEnabled: boolean;
  accessMode: AccessMode;
  securityRoles: readonly string[];
  createdVia: RowCreatedVia;
};

export type EligibilityInput = {
  user: EligibilityUser;
  environment: EligibilityEnvironment;
  tenantHasMarketingLicence: boolean;
  trigger: SyncTrigger;
  existingRow: ExistingRow | null;
  /** Non-interactive rows in the environment, not counting this user's own row. */
  nonInteractiveCount: number;
};

export type RuleResult = {
  code: RuleCode;
  passed: boolean;
  /** False when the rule did not matter for this user and environment (passed is then true). */
  applied: boolean;
  message: string;
  fix: string | null;
  exception?: LicenceException;
};

export type EligibilityVerdict = {
  decision: EligibilityDecision;
  /** Row state after the decision; false when there is no row. */
  isEnabled: boolean;
  /** Row access mode after the decision; null when there is no row. */
  accessMode: AccessMode | null;
  /** One entry per rule, R0 to R6, in that order. */
  rules: readonly RuleResult[];
  summary: string;
};

const ACCESS_MODE_CODES: Record<AccessMode, number> = {
  ReadWrite: 0,
  Administrative: 1,
  Read: 2,
  SupportUser: 3,
  NonInteractive: 4,
  DelegatedAdmin: 5,
};

export const accessModeCode = (mode: AccessMode): number => ACCESS_MODE_CODES[mode];

/** True when R0–R5 all passed (R6 never decides). */
export const isEligible = (verdict: EligibilityVerdict): boolean =>
  verdict.rules.every((rule) => !DECIDING_RULES.includes(rule.code) || rule.passed);

/** The deciding rules (R0–R5) that failed, in order. */
export const failedRules = (verdict: EligibilityVerdict): RuleCode[] =>
  verdict.rules.filter((rule) => DECIDING_RULES.includes(rule.code) && !rule.passed).map((rule) => rule.code);

export const EXAMPLE_DATAVERSE_LICENCE = 'Dynamics 365 Sales Enterprise';

const ROLE_LABELS: Record<DirectoryRoleId, string> = {
  globalAdministrator: 'Global Administrator',
  privilegedRoleAdministrator: 'Privileged Role Administrator',
  privilegedAuthenticationAdministrator: 'Privileged Authentication Administrator',
  userAdministrator: 'User Administrator',
  directoryWriters: 'Directory Writers',
  powerPlatformAdministrator: 'Power Platform Administrator',
  dynamics365Administrator: 'Dynamics 365 Administrator',
  groupsAdministrator: 'Groups Administrator',
  licenseAdministrator: 'License Administrator',
  helpdeskAdministrator: 'Helpdesk Administrator',
  globalReader: 'Global Reader',
};

const ENVIRONMENT_TYPE_LABELS: Record<EnvironmentType, string> = {
  production: 'production',
  sandbox: 'sandbox',
  trial: 'trial',
  developer: 'developer',
  teams: 'Dataverse for Teams',
};

// A rule result plus the short phrase the one-line summary uses when it fails.
type Check = { rule: RuleResult; reason: string };

type Context = EligibilityInput & {
  name: string;
  env: string;
  isOnDemand: boolean;
  /**
   * On-demand-only allowances (R2b, R2c, R2e, a group owner in R3) are about
   * adding. The background sync does not add or re-enable by them, but it keeps
   * a row that is already enabled instead of flip-flopping it off and back on
   * at the user's next access.
   */
  onDemandAllowancesCount: boolean;
};

const pass = (code: RuleCode, message: string, extra: { applied?: boolean; exception?: LicenceException } = {}): Check => ({
  rule: {
    code,
    passed: true,
    applied: extra.applied ?? true,
    message,
    fix: null,
    ...(extra.exception ? { exception: extra.exception } : {}),
  },
  reason: '',
});

const notApplied = (code: RuleCode, message: string): Check => pass(code, message, { applied: false });

const failure = (code: RuleCode, message: string, fix: string | null, reason: string): Check => ({
  rule: { code, passed: false, applied: true, message, fix },
  reason,
});

const firstRole = (user: EligibilityUser, roles: readonly DirectoryRoleId[]): DirectoryRoleId | null =>
  roles.find((role) => user.adminRoles.includes(role)) ?? null;

const roleLabel = (role: DirectoryRoleId): string => ROLE_LABELS[role];

const licenceFix = (name: string): string =>
  `Assign ${name} a licence that includes Dataverse (for example ${EXAMPLE_DATAVERSE_LICENCE})`;

function checkDataverse(ctx: Context): Check {
  if (ctx.environment.hasDataverse) {
    return pass('R0_DATAVERSE', `${ctx.env} has a Dataverse database.`);
  }
  return failure(
    'R0_DATAVERSE',
    `${ctx.env} has no Dataverse database, so it has no user table: nobody can be added to it.`,
    `Add a Dataverse database to ${ctx.env}`,
    `${ctx.env} has no Dataverse database`,
  );
}

function checkAccount(ctx: Context): Check {
  const { user } = ctx;
  if (user.kind === 'stub') {
    return failure(
      'R1_ACCOUNT',
      `${ctx.name} is a stub user created by a data import: a stub cannot sign in, cannot be enabled and is never synchronised.`,
      `Reassign the records of ${ctx.name} to a real user, and synchronise users before importing data`,
      'stub users are never synchronised and cannot be enabled',
    );
  }
  if (user.isDeleted) {
    const blocked = user.accountEnabled ? '' : ' Sign-in is also blocked.';
    return failure(
      'R1_ACCOUNT',
      `${ctx.name} is deleted in the directory.${blocked}`,
      user.accountEnabled ? 'Restore the user' : 'Restore the user, then unblock sign-in',
      'the user is deleted',
    );
  }
  if (!user.accountEnabled) {
    return failure('R1_ACCOUNT', `Sign-in is blocked for ${ctx.name}.`, 'Unblock sign-in', 'sign-in is blocked');
  }
  return pass('R1_ACCOUNT', `${ctx.name} may sign in and is not deleted.`);
}

function checkLicence(ctx: Context): Check {
  const { user, environment } = ctx;
  if (user.kind === 'application') {
    return notApplied('R2_LICENSE', 'Application users need no licence.');
  }
  if (user.kind === 'nonInteractive') {
    return pass('R2_LICENSE', `${ctx.name} is a non-interactive user and needs no licence.`, {
      exception: 'R2d_NON_INTERACTIVE',
    });
  }

  const ownLicences = user.licences.filter((licence) => licence.tenantId === environment.tenantId);
  const full = ownLicences.find((licence) => licence.grantsDataverse);
  if (full) {
    return pass('R2_LICENSE', `${ctx.name} has ${full.skuName}, a licence that includes Dataverse.`);
  }

  const counts = ctx.onDemandAllowancesCount;
  const keptOnly = counts && !ctx.isOnDemand;
  const keptNote = keptOnly
    ? ' It counts only for adding on demand; the background sync keeps the existing row but would not add it.'
    : '';

  const free = ownLicences.find((licence) => licence.freeDataversePlan);
  if (free && counts) {
    return pass(
      'R2_LICENSE',
      `${ctx.name} has a free Dataverse plan from ${free.skuName}, which counts when added on demand.${keptNote}`,
      { exception: 'R2e_FREE_PLAN' },
    );
  }

  const admin = firstRole(user, LICENCE_EXEMPT_ROLES);
  if (admin) {
    return pass(
      'R2_LICENSE',
      `${ctx.name} is a ${roleLabel(admin)} and needs no licence; without a licence the access mode is Administrative (settings only, no access to data).`,
      { exception: 'R2a_ADMIN' },
    );
  }

  if (environment.appPassCapacity > 0 && counts) {
    return pass(
      'R2_LICENSE',
      `${ctx.env} has app-pass capacity, so ${ctx.name} needs no licence when added on demand.${keptNote}`,
      { exception: 'R2b_APP_PASS' },
    );
  }

  if (ctx.tenantHasMarketingLicence && counts) {
    return pass(
      'R2_LICENSE',
      `The tenant has a tenant-level marketing licence, so ${ctx.name} needs no licence when added on demand.${keptNote}`,
      { exception: 'R2c_MARKETING' },
    );
  }

  const foreign = user.licences.find((licence) => licence.tenantId !== environment.tenantId && licence.grantsDataverse);
  if (foreign) {
    const whose = foreign.tenantId === user.homeTenantId ? `the home tenant of ${ctx.name}` : 'another tenant';
    return failure(
      'R2_LICENSE',
      `${ctx.name} has ${foreign.skuName} from ${whose}; only a licence of the environment's own tenant counts, so ${ctx.name} has no valid licence here.`,
      `Assign ${ctx.name} a licence of this tenant that includes Dataverse (for example ${EXAMPLE_DATAVERSE_LICENCE})`,
      "no licence from the environment's tenant that includes Dataverse (a home-tenant licence does not count)",
    );
  }

  const onDemandOnly: string[] = [];
  if (free) onDemandOnly.push(`a free Dataverse plan from ${free.skuName}`);
  if (environment.appPassCapacity > 0) onDemandOnly.push(`app-pass capacity in ${ctx.env}`);
  if (ctx.tenantHasMarketingLicence) onDemandOnly.push('a tenant-level marketing licence');
  if (onDemandOnly.length > 0) {
    return failure(
      'R2_LICENSE',
      `${ctx.name} has no licence that includes Dataverse. ${capitalise(onDemandOnly.join(' and '))} would count only when ${ctx.name} is added on demand, not by the background sync.`,
      `Add ${ctx.name} on demand (or let ${ctx.name} open the environment), or ${lowerFirst(licenceFix(ctx.name))}`,
      'no licence that includes Dataverse (the exceptions that apply count only on demand)',
    );
  }

  return failure(
    'R2_LICENSE',
    `${ctx.name} has no licence that includes Dataverse.`,
    licenceFix(ctx.name),
    'no licence that includes Dataverse',
  );
}

function checkGroup(ctx: Context): Check {
  const { user, environment } = ctx;
  const groupId = environment.securityGroupId;
  if (groupId === null) {
    return notApplied('R3_GROUP', `${ctx.env} has no security group: membership is not required.`);
  }
  const group = environment.securityGroupName ?? "the environment's security group";
  const groupPhrase = environment.securityGroupName === null ? group : `group ${group}`;
  const addDirectly = `Add ${ctx.name} to ${groupPhrase} directly`;

  if (user.kind !== 'nonInteractive') {
    const exempt = firstRole(user, GROUP_EXEMPT_ROLES);
    if (exempt) {
      return pass('R3_GROUP', `${ctx.name} is a ${roleLabel(exempt)} and needs no membership of ${group}.`);
    }
  }

  if (user.directGroupIds.includes(groupId)) {
    return pass('R3_GROUP', `${ctx.name} is a direct member of ${group}.`);
  }

  const isOwner = user.ownedGroupIds.includes(groupId);
  if (isOwner && ctx.onDemandAllowancesCount) {
    const kept = ctx.isOnDemand
      ? ''
      : ' The background sync keeps the existing row but would not add an owner who is not a member.';
    return pass('R3_GROUP', `${ctx.name} owns ${group}; an owner counts as a member when added on demand.${kept}`);
  }

  const who =
    user.kind === 'nonInteractive'
      ? ' Non-interactive users need membership too.'
      : user.adminRoles.includes('dynamics365Administrator')
        ? ' Dynamics 365 Administrators need membership too; only Global and Power Platform Administrators are exempt.'
        : '';

  if (isOwner) {
    return failure(
      'R3_GROUP',
      `${ctx.name} owns ${group} but is not a member; ownership counts only when ${ctx.name} is added on demand, not by the background sync.${who}`,
      `${addDirectly}, or add ${ctx.name} on demand`,
      `owns ${groupPhrase} but is not a member (ownership counts only on demand)`,
    );
  }

  const nested = user.nestedOnlyGroups?.find((membership) => membership.groupId === groupId);
  if (nested) {
    return failure(
      'R3_GROUP',
      `${ctx.name} is in ${nested.viaGroupName}, which is nested in ${group}; nested membership does not count — add ${ctx.name} to ${group} directly.${who}`,
      `${addDirectly} (membership through ${nested.viaGroupName} does not count)`,
      `only a nested member of ${groupPhrase} (through ${nested.viaGroupName})`,
    );
  }

  return failure(
    'R3_GROUP',
    `${ctx.name} is not a member of ${group}, the security group of ${ctx.env}.${who}`,
    addDirectly,
    `not a member of ${groupPhrase}`,
  );
}

function checkEnvironmentType(ctx: Context): Check {
  const { environment, existingRow, trigger, user } = ctx;
  const label = ENVIRONMENT_TYPE_LABELS[environment.type];
  const hasRow = existingRow !== null;
  const existing = `${ctx.name} already has a row, which the sync keeps up to date.`;

  switch (environment.type) {
    case 'production':
    case 'sandbox':
      return notApplied('R4_ENV_TYPE', `Eligible users are added to a ${label} environment by any sync.`);
    case 'trial':
      if (hasRow) return pass('R4_ENV_TYPE', `Trial environment: ${existing}`);
      if (trigger === 'background') {
        return failure(
          'R4_ENV_TYPE',
          `${ctx.env} is a trial environment: users are added on demand only; the background sync adds nobody.`,
          `Add ${ctx.name} on demand, or let ${ctx.name} open ${ctx.env}`,
          'trial environments add users on demand only',
        );
      }
      return pass('R4_ENV_TYPE', `${ctx.env} is a trial environment and this is an on-demand add.`);
    case 'developer':
      if (environment.creatorId === user.id) {
        return pass('R4_ENV_TYPE', `${ctx.name} created the developer environment ${ctx.env}.`);
      }
      if (hasRow) return pass('R4_ENV_TYPE', `Developer environment: ${existing}`);
      return failure(
        'R4_ENV_TYPE',
        `${ctx.env} is a developer environment: only the user who created it is ever added, and ${ctx.name} did not create it.`,
        `Give ${ctx.name} access through a sandbox or production environment instead`,
        'only the creator of a developer environment is added',
      );
    case 'teams':
      if (hasRow) return pass('R4_ENV_TYPE', `Dataverse for Teams environment: ${existing}`);
      if (trigger !== 'firstAccess') {
        return failure(
          'R4_ENV_TYPE',
          `${ctx.env} is a Dataverse for Teams environment: users are added only when they first open it.`,
          `Let ${ctx.name} open ${ctx.env} in Teams; ${ctx.name} is added on first access`,
          'Dataverse for Teams environments add users only on first access',
        );
      }
      return pass('R4_ENV_TYPE', `${ctx.env} is a Dataverse for Teams environment and ${ctx.name} is opening it.`);
  }
}

function checkNonInteractiveLimit(ctx: Context): Check {
  const { user, existingRow, nonInteractiveCount } = ctx;
  if (user.kind === 'application') {
    return notApplied(
      'R5_NON_INTERACTIVE_LIMIT',
      `Application users do not count against the limit of ${NON_INTERACTIVE_LIMIT} non-interactive users.`,
    );
  }
  if (user.kind !== 'nonInteractive') {
    return notApplied(
      'R5_NON_INTERACTIVE_LIMIT',
      `Only non-interactive users count against the limit of ${NON_INTERACTIVE_LIMIT}.`,
    );
  }
  const used = `${nonInteractiveCount} of ${NON_INTERACTIVE_LIMIT}`;
  if (existingRow !== null) {
    return pass(
      'R5_NON_INTERACTIVE_LIMIT',
      `${ctx.name} already has a row; the limit applies to new non-interactive users (${used} others).`,
    );
  }
  if (nonInteractiveCount >= NON_INTERACTIVE_LIMIT) {
    return failure(
      'R5_NON_INTERACTIVE_LIMIT',
      `${ctx.env} already has ${nonInteractiveCount} non-interactive users; at most ${NON_INTERACTIVE_LIMIT} are allowed.`,
      `Remove a non-interactive user from ${ctx.env}, or use an application user (application users do not count)`,
      `${ctx.env} already has ${NON_INTERACTIVE_LIMIT} non-interactive users`,
    );
  }
  return pass('R5_NON_INTERACTIVE_LIMIT', `${ctx.env} has ${used} non-interactive users; ${ctx.name} fits.`);
}

function checkSecurityRole(ctx: Context, rowEnabledAfter: boolean, isNewRow: boolean): RuleResult {
  const roles = isNewRow ? [] : (ctx.existingRow?.securityRoles ?? []);
  if (!rowEnabledAfter) {
    const held = roles.length > 0 ? ` (the row has ${roles.join(', ')})` : '';
    return notApplied(
      'R6_SECURITY_ROLE',
      `Security roles matter only once ${ctx.name} is enabled in ${ctx.env}${held}.`,
    ).rule;
  }
  if (roles.length > 0) {
    return pass('R6_SECURITY_ROLE', `${ctx.name} has the security role ${roles.join(', ')} in ${ctx.env}.`).rule;
  }
  return {
    code: 'R6_SECURITY_ROLE',
    passed: false,
    applied: true,
    message: `${ctx.name} is enabled, but has no security role in ${ctx.env}: can sign in, sees no data.`,
    fix: `Assign ${ctx.name} a security role in ${ctx.env} (for example Basic User)`,
  };
}

/** Licence exceptions that count only when adding on demand (the background sync merely keeps a row by them). */
const ON_DEMAND_ONLY_EXCEPTIONS: readonly LicenceException[] = ['R2b_APP_PASS', 'R2c_MARKETING', 'R2e_FREE_PLAN'];

function accessModeFor(ctx: Context, licence: RuleResult): AccessMode {
  const { user, existingRow } = ctx;
  if (user.kind === 'nonInteractive' || user.kind === 'application') return 'NonInteractive';
  // Kept by an on-demand-only allowance, a row is kept as it is: an unlicensed administrator
  // the background sync added as Administrative stays so (the free plan, checked before R2a,
  // must not turn the row Read-Write on the next run — a sync that is run twice changes nothing).
  if (existingRow !== null && !ctx.isOnDemand && licence.exception !== undefined && ON_DEMAND_ONLY_EXCEPTIONS.includes(licence.exception)) {
    return existingRow.accessMode;
  }
  if (licence.exception === 'R2a_ADMIN') return 'Administrative';
  // Read is an admin's choice for a licensed user; the sync does not undo it.
  if (existingRow?.accessMode === 'Read') return 'Read';
  return 'ReadWrite';
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

export function evaluateEligibility(input: EligibilityInput): EligibilityVerdict {
  const isOnDemand = input.trigger !== 'background';
  const ctx: Context = {
    ...input,
    name: input.user.displayName,
    env: input.environment.name,
    isOnDemand,
    onDemandAllowancesCount: isOnDemand || input.existingRow?.isEnabled === true,
  };
  const { existingRow, user } = input;

  const dataverse = checkDataverse(ctx);
  const account = checkAccount(ctx);

  // Without a user table, or for a stub, the other rules have nothing to decide.
  const skipReason = !dataverse.rule.passed
    ? `Not checked: ${ctx.env} has no Dataverse database.`
    : user.kind === 'stub'
      ? `Not checked: ${ctx.name} is a stub user and is never synchronised.`
      : null;

  const licence = skipReason === null ? checkLicence(ctx) : notApplied('R2_LICENSE', skipReason);
  const deciding: Check[] =
    skipReason === null
      ? [dataverse, account, licence, checkGroup(ctx), checkEnvironmentType(ctx), checkNonInteractiveLimit(ctx)]
      : [
          dataverse,
          dataverse.rule.passed ? account : notApplied('R1_ACCOUNT', skipReason),
          licence,
          notApplied('R3_GROUP', skipReason),
          notApplied('R4_ENV_TYPE', skipReason),
          notApplied('R5_NON_INTERACTIVE_LIMIT', skipReason),
        ];

  const failures = deciding.filter((check) => !check.rule.passed);
  const eligible = failures.length === 0;
  const neverSynchronised = skipReason !== null;

  let decision: EligibilityDecision;
  if (eligible) {
    decision = existingRow === null ? 'add' : existingRow.isEnabled ? 'update' : 'enable';
  } else if (existingRow?.isEnabled && !neverSynchronised) {
    decision = 'disable';
  } else {
    decision = isOnDemand ? 'reject' : 'none';
  }

  const rowEnabledAfter =
    decision === 'add' || decision === 'enable' || decision === 'update'
      ? true
      : decision === 'disable'
        ? false
        : (existingRow?.isEnabled ?? false);

  const accessMode: AccessMode | null = eligible
    ? accessModeFor(ctx, licence.rule)
    : (existingRow?.accessMode ?? null);

  const securityRole = checkSecurityRole(ctx, rowEnabledAfter, decision === 'add');
  const rules = [...deciding.map((check) => check.rule), securityRole];

  return {
    decision,
    isEnabled: rowEnabledAfter,
    accessMode,
    rules,
    summary: summarise(ctx, decision, accessMode, failures, securityRole),
  };
}

function summarise(
  ctx: Context,
  decision: EligibilityDecision,
  accessMode: AccessMode | null,
  failures: readonly Check[],
  securityRole: RuleResult,
): string {
  const { name, env } = ctx;
  const reasons = failures.map((check) => check.reason).join('; ');
  const administrative = accessMode === 'Administrative' ? ' as an administrative user (settings only, no data)' : '';
  const noRole = securityRole.applied && !securityRole.passed ? ', but has no security role: can sign in, sees no data' : '';

  switch (decision) {
    case 'add':
      return `${name} will be added to ${env} and enabled${administrative}${noRole}`;
    case 'enable':
      return `${name} will be enabled in ${env}${administrative}${noRole}`;
    case 'update':
      return `${name} stays enabled in ${env}${administrative}; the profile fields will be synchronised${noRole}`;
    case 'disable':
      return `${name} will be disabled in ${env}: ${reasons}`;
    case 'reject':
      return ctx.existingRow === null
        ? `${name} cannot be added to ${env}: ${reasons}`
        : `${name} cannot be enabled in ${env}: ${reasons}`;
    case 'none':
      if (ctx.existingRow === null) return `${name} will not be added to ${env}: ${reasons}`;
      return ctx.existingRow.isEnabled
        ? `${name} is left as is in ${env}: ${reasons}`
        : `${name} stays disabled in ${env}: ${reasons}`;
  }
}
