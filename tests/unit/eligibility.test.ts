import { describe, expect, it } from 'vitest';
import {
  accessModeCode,
  evaluateEligibility,
  failedRules,
  isEligible,
  NON_INTERACTIVE_LIMIT,
} from '@/domain/eligibility';
import type {
  AccessMode,
  EligibilityDecision,
  EligibilityEnvironment,
  EligibilityInput,
  EligibilityLicence,
  EligibilityUser,
  EligibilityVerdict,
  ExistingRow,
  LicenceException,
  RuleCode,
  RuleResult,
  SyncTrigger,
} from '@/domain/eligibility';

const CONTOSO = 'tenant-contoso';
const FABRIKAM = 'tenant-fabrikam';
const SALES_TEAM = 'group-sales-team';

const SALES_ENTERPRISE: EligibilityLicence = {
  skuName: 'Dynamics 365 Sales Enterprise',
  tenantId: CONTOSO,
  grantsDataverse: true,
  freeDataversePlan: false,
};
const OFFICE_E3: EligibilityLicence = {
  skuName: 'Office 365 E3',
  tenantId: CONTOSO,
  grantsDataverse: false,
  freeDataversePlan: true,
};
const OFFICE_E1: EligibilityLicence = {
  skuName: 'Office 365 E1',
  tenantId: CONTOSO,
  grantsDataverse: false,
  freeDataversePlan: false,
};
const FABRIKAM_SALES: EligibilityLicence = { ...SALES_ENTERPRISE, tenantId: FABRIKAM };

const aUser = (overrides: Partial<EligibilityUser> = {}): EligibilityUser => ({
  id: 'user-mary',
  kind: 'member',
  accountEnabled: true,
  isDeleted: false,
  homeTenantId: CONTOSO,
  displayName: 'Mary',
  adminRoles: [],
  licences: [SALES_ENTERPRISE],
  directGroupIds: [SALES_TEAM],
  ownedGroupIds: [],
  ...overrides,
});

const anEnvironment = (overrides: Partial<EligibilityEnvironment> = {}): EligibilityEnvironment => ({
  id: 'env-production',
  name: 'Contoso Production',
  tenantId: CONTOSO,
  type: 'production',
  hasDataverse: true,
  securityGroupId: SALES_TEAM,
  securityGroupName: 'Sales Team',
  creatorId: 'user-creator',
  appPassCapacity: 0,
  allowRoleAssignmentOnDisabledUsers: false,
  ...overrides,
});

const aRow = (overrides: Partial<ExistingRow> = {}): ExistingRow => ({
  isEnabled: true,
  accessMode: 'ReadWrite',
  securityRoles: ['Salesperson'],
  createdVia: 'backgroundSync',
  ...overrides,
});
const enabledRow = aRow();
const disabledRow = aRow({ isEnabled: false });

type Scenario = {
  name: string;
  user?: Partial<EligibilityUser>;
  environment?: Partial<EligibilityEnvironment>;
  trigger?: SyncTrigger;
  existingRow?: ExistingRow | null;
  nonInteractiveCount?: number;
  tenantHasMarketingLicence?: boolean;
  expected: {
    decision: EligibilityDecision;
    isEnabled: boolean;
    accessMode: AccessMode | null;
    /** Deciding rules (R0–R5) that failed, in order. */
    failed: RuleCode[];
    exception?: LicenceException;
    r6?: 'passed' | 'failed' | 'notApplied';
    notApplied?: RuleCode[];
    message?: { rule: RuleCode; contains: string };
    fix?: { rule: RuleCode; contains: string };
    summary?: string;
  };
};

const anInput = (scenario: Omit<Scenario, 'name' | 'expected'>): EligibilityInput => ({
  user: aUser(scenario.user),
  environment: anEnvironment(scenario.environment),
  tenantHasMarketingLicence: scenario.tenantHasMarketingLicence ?? false,
  trigger: scenario.trigger ?? 'background',
  existingRow: scenario.existingRow ?? null,
  nonInteractiveCount: scenario.nonInteractiveCount ?? 0,
});

const ruleOf = (verdict: EligibilityVerdict, code: RuleCode): RuleResult => {
  const rule = verdict.rules.find((candidate) => candidate.code === code);
  if (!rule) throw new Error(`rule ${code} missing`);
  return rule;
};

const unlicensed = { licences: [] };
const outsideGroup = { directGroupIds: [] };
const nonInteractive = { kind: 'nonInteractive', licences: [] } as const;
const application = { kind: 'application', licences: [], displayName: 'ERP connector' } as const;

const scenarios: Scenario[] = [
  // R0 — no Dataverse, no user table
  {
    name: 'R0: environment without Dataverse, background',
    environment: { hasDataverse: false },
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: null,
      failed: ['R0_DATAVERSE'],
      notApplied: ['R1_ACCOUNT', 'R2_LICENSE', 'R3_GROUP', 'R4_ENV_TYPE', 'R5_NON_INTERACTIVE_LIMIT', 'R6_SECURITY_ROLE'],
      summary: 'Mary will not be added to Contoso Production: Contoso Production has no Dataverse database',
    },
  },
  {
    name: 'R0: environment without Dataverse, on demand',
    environment: { hasDataverse: false },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R0_DATAVERSE'] },
  },
  {
    name: 'R0: environment without Dataverse, first access of an unlicensed blocked user: only R0 reported',
    environment: { hasDataverse: false },
    user: { ...unlicensed, accountEnabled: false },
    trigger: 'firstAccess',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R0_DATAVERSE'] },
  },
  {
    name: 'R0: environment without Dataverse in a teams environment',
    environment: { hasDataverse: false, type: 'teams' },
    trigger: 'firstAccess',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R0_DATAVERSE'] },
  },

  // Eligible members, each trigger and row state
  {
    name: 'licensed member in the group, background, no row: add',
    expected: {
      decision: 'add',
      isEnabled: true,
      accessMode: 'ReadWrite',
      failed: [],
      r6: 'failed',
      notApplied: ['R4_ENV_TYPE', 'R5_NON_INTERACTIVE_LIMIT'],
    },
  },
  {
    name: 'licensed member, on demand, no row: add',
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'licensed member, first access, no row: add',
    trigger: 'firstAccess',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'licensed member with a disabled row, background: enable',
    existingRow: disabledRow,
    expected: {
      decision: 'enable',
      isEnabled: true,
      accessMode: 'ReadWrite',
      failed: [],
      r6: 'passed',
      summary: 'Mary will be enabled in Contoso Production',
    },
  },
  {
    name: 'licensed member with a disabled row, first access: enable',
    existingRow: disabledRow,
    trigger: 'firstAccess',
    expected: { decision: 'enable', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'licensed member with an enabled row, background: update (field sync)',
    existingRow: enabledRow,
    expected: { decision: 'update', isEnabled: true, accessMode: 'ReadWrite', failed: [], r6: 'passed' },
  },
  {
    name: 'licensed member with an enabled row, on demand: update',
    existingRow: enabledRow,
    trigger: 'onDemand',
    expected: { decision: 'update', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'an admin-chosen Read access mode survives the sync',
    existingRow: aRow({ accessMode: 'Read' }),
    expected: { decision: 'update', isEnabled: true, accessMode: 'Read', failed: [] },
  },

  // R1 — account
  {
    name: 'R1: blocked user with an enabled row, background: disable',
    user: { accountEnabled: false },
    existingRow: enabledRow,
    expected: {
      decision: 'disable',
      isEnabled: false,
      accessMode: 'ReadWrite',
      failed: ['R1_ACCOUNT'],
      r6: 'notApplied',
      fix: { rule: 'R1_ACCOUNT', contains: 'Unblock sign-in' },
      summary: 'Mary will be disabled in Contoso Production: sign-in is blocked',
    },
  },
  {
    name: 'R1: blocked user, no row, background: none',
    user: { accountEnabled: false },
    expected: { decision: 'none', isEnabled: false, accessMode: null, failed: ['R1_ACCOUNT'] },
  },
  {
    name: 'R1: blocked user, no row, on demand: reject',
    user: { accountEnabled: false },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R1_ACCOUNT'] },
  },
  {
    name: 'R1: blocked user with a disabled row, background: none, stays disabled',
    user: { accountEnabled: false },
    existingRow: disabledRow,
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: 'ReadWrite',
      failed: ['R1_ACCOUNT'],
      summary: 'Mary stays disabled in Contoso Production: sign-in is blocked',
    },
  },
  {
    name: 'R1: blocked user with a disabled row, first access: reject',
    user: { accountEnabled: false },
    existingRow: disabledRow,
    trigger: 'firstAccess',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: 'ReadWrite',
      failed: ['R1_ACCOUNT'],
      summary: 'Mary cannot be enabled in Contoso Production: sign-in is blocked',
    },
  },
  {
    name: 'R1: deleted user with an enabled row, background: disable (never delete)',
    user: { isDeleted: true },
    existingRow: enabledRow,
    expected: {
      decision: 'disable',
      isEnabled: false,
      accessMode: 'ReadWrite',
      failed: ['R1_ACCOUNT'],
      fix: { rule: 'R1_ACCOUNT', contains: 'Restore the user' },
    },
  },
  {
    name: 'R1: deleted user, on demand: reject',
    user: { isDeleted: true },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R1_ACCOUNT'] },
  },
  {
    name: 'R1: deleted and blocked user: restore, then unblock',
    user: { isDeleted: true, accountEnabled: false },
    trigger: 'onDemand',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: null,
      failed: ['R1_ACCOUNT'],
      fix: { rule: 'R1_ACCOUNT', contains: 'Restore the user, then unblock sign-in' },
    },
  },

  // Stub users
  {
    name: 'stub, background: none, other rules not checked',
    user: { kind: 'stub' },
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: null,
      failed: ['R1_ACCOUNT'],
      notApplied: ['R2_LICENSE', 'R3_GROUP', 'R4_ENV_TYPE', 'R5_NON_INTERACTIVE_LIMIT', 'R6_SECURITY_ROLE'],
      message: { rule: 'R1_ACCOUNT', contains: 'stub user' },
    },
  },
  {
    name: 'stub, on demand: reject',
    user: { kind: 'stub' },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R1_ACCOUNT'] },
  },
  {
    name: 'stub, first access: reject',
    user: { kind: 'stub' },
    trigger: 'firstAccess',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R1_ACCOUNT'] },
  },
  {
    name: 'stub with its imported disabled row, background: none (cannot be enabled)',
    user: { kind: 'stub' },
    existingRow: aRow({ isEnabled: false, createdVia: 'import', securityRoles: ['Basic User'] }),
    expected: { decision: 'none', isEnabled: false, accessMode: 'ReadWrite', failed: ['R1_ACCOUNT'] },
  },

  // R2 — licence
  {
    name: 'R2: unlicensed member, background, no row: none',
    user: unlicensed,
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: null,
      failed: ['R2_LICENSE'],
      fix: { rule: 'R2_LICENSE', contains: 'licence that includes Dataverse (for example Dynamics 365 Sales Enterprise)' },
    },
  },
  {
    name: 'R2: unlicensed member, on demand: reject',
    user: unlicensed,
    trigger: 'onDemand',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: null,
      failed: ['R2_LICENSE'],
      summary: 'Mary cannot be added to Contoso Production: no licence that includes Dataverse',
    },
  },
  {
    name: 'R2: licence removed from a member with an enabled row, background: disable',
    user: unlicensed,
    existingRow: enabledRow,
    expected: { decision: 'disable', isEnabled: false, accessMode: 'ReadWrite', failed: ['R2_LICENSE'] },
  },
  {
    name: 'R2: licence removed, diagnostics on demand re-syncs: disable',
    user: unlicensed,
    existingRow: enabledRow,
    trigger: 'onDemand',
    expected: { decision: 'disable', isEnabled: false, accessMode: 'ReadWrite', failed: ['R2_LICENSE'] },
  },
  {
    name: 'R2: licence without Dataverse and without a free plan does not count',
    user: { licences: [OFFICE_E1] },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R2_LICENSE'] },
  },
  {
    name: 'R2: guest licensed only in the home tenant, on demand: reject',
    user: { homeTenantId: FABRIKAM, licences: [FABRIKAM_SALES] },
    trigger: 'onDemand',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: null,
      failed: ['R2_LICENSE'],
      message: { rule: 'R2_LICENSE', contains: 'home tenant of Mary' },
      fix: { rule: 'R2_LICENSE', contains: 'licence of this tenant' },
    },
  },
  {
    name: 'R2: guest licensed only in the home tenant with an enabled row, background: disable',
    user: { homeTenantId: FABRIKAM, licences: [FABRIKAM_SALES] },
    existingRow: enabledRow,
    expected: { decision: 'disable', isEnabled: false, accessMode: 'ReadWrite', failed: ['R2_LICENSE'] },
  },
  {
    name: "R2: guest licensed by the environment's tenant: add",
    user: { homeTenantId: FABRIKAM, licences: [FABRIKAM_SALES, SALES_ENTERPRISE] },
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },

  // R2a — administrators
  {
    name: 'R2a: unlicensed Global Administrator in a trial environment on demand: add as Administrative',
    user: { ...unlicensed, adminRoles: ['globalAdministrator'], directGroupIds: [] },
    environment: { type: 'trial', name: 'Contoso Trial' },
    trigger: 'onDemand',
    expected: {
      decision: 'add',
      isEnabled: true,
      accessMode: 'Administrative',
      failed: [],
      exception: 'R2a_ADMIN',
      summary: 'Mary will be added to Contoso Trial and enabled as an administrative user',
    },
  },
  {
    name: 'R2a: unlicensed Global Administrator in a trial environment, background: none (R4)',
    user: { ...unlicensed, adminRoles: ['globalAdministrator'] },
    environment: { type: 'trial' },
    expected: { decision: 'none', isEnabled: false, accessMode: null, failed: ['R4_ENV_TYPE'], exception: 'R2a_ADMIN' },
  },
  {
    name: 'R2a: unlicensed Power Platform Administrator outside the group, background: add as Administrative',
    user: { ...unlicensed, ...outsideGroup, adminRoles: ['powerPlatformAdministrator'] },
    expected: { decision: 'add', isEnabled: true, accessMode: 'Administrative', failed: [], exception: 'R2a_ADMIN' },
  },
  {
    name: 'R2a: unlicensed Dynamics 365 Administrator in the group: add as Administrative',
    user: { ...unlicensed, adminRoles: ['dynamics365Administrator'] },
    expected: { decision: 'add', isEnabled: true, accessMode: 'Administrative', failed: [], exception: 'R2a_ADMIN' },
  },
  {
    name: 'R2a: licensed Global Administrator: ReadWrite, no exception',
    user: { adminRoles: ['globalAdministrator'] },
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R2a: an unlicensed admin stays Administrative even when app-pass capacity exists',
    user: { ...unlicensed, adminRoles: ['globalAdministrator'] },
    environment: { appPassCapacity: 10 },
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'Administrative', failed: [], exception: 'R2a_ADMIN' },
  },
  {
    name: 'R2a: licence removed from a Global Administrator with a ReadWrite row: update to Administrative',
    user: { ...unlicensed, adminRoles: ['globalAdministrator'] },
    existingRow: enabledRow,
    expected: { decision: 'update', isEnabled: true, accessMode: 'Administrative', failed: [], exception: 'R2a_ADMIN' },
  },
  {
    name: 'R2a: an unlicensed User Administrator is not exempt',
    user: { ...unlicensed, adminRoles: ['userAdministrator', 'globalReader'] },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R2_LICENSE'] },
  },

  // R2b — app pass
  {
    name: 'R2b: app-pass capacity, unlicensed, on demand: add',
    user: unlicensed,
    environment: { appPassCapacity: 5 },
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [], exception: 'R2b_APP_PASS' },
  },
  {
    name: 'R2b: app-pass capacity, unlicensed, first access: add',
    user: unlicensed,
    environment: { appPassCapacity: 5 },
    trigger: 'firstAccess',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [], exception: 'R2b_APP_PASS' },
  },
  {
    name: 'R2b: app-pass capacity does not count for the background sync',
    user: unlicensed,
    environment: { appPassCapacity: 5 },
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: null,
      failed: ['R2_LICENSE'],
      message: { rule: 'R2_LICENSE', contains: 'only when Mary is added on demand' },
    },
  },
  {
    name: 'R2b: background sync keeps an enabled row added through app pass',
    user: unlicensed,
    environment: { appPassCapacity: 5 },
    existingRow: aRow({ createdVia: 'onDemand' }),
    expected: { decision: 'update', isEnabled: true, accessMode: 'ReadWrite', failed: [], exception: 'R2b_APP_PASS' },
  },
  {
    name: 'R2b: background sync does not re-enable a disabled row through app pass',
    user: unlicensed,
    environment: { appPassCapacity: 5 },
    existingRow: disabledRow,
    expected: { decision: 'none', isEnabled: false, accessMode: 'ReadWrite', failed: ['R2_LICENSE'] },
  },
  {
    name: 'R2b: app pass used up (capacity 0), on demand: reject',
    user: unlicensed,
    environment: { appPassCapacity: 0 },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R2_LICENSE'] },
  },

  // R2c — tenant marketing licence
  {
    name: 'R2c: tenant marketing licence, unlicensed, on demand: add',
    user: unlicensed,
    tenantHasMarketingLicence: true,
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [], exception: 'R2c_MARKETING' },
  },
  {
    name: 'R2c: tenant marketing licence does not count for the background sync',
    user: unlicensed,
    tenantHasMarketingLicence: true,
    expected: { decision: 'none', isEnabled: false, accessMode: null, failed: ['R2_LICENSE'] },
  },
  {
    name: 'R2c: tenant marketing licence, first access, but outside the group: reject (R3)',
    user: { ...unlicensed, ...outsideGroup },
    tenantHasMarketingLicence: true,
    trigger: 'firstAccess',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R3_GROUP'], exception: 'R2c_MARKETING' },
  },

  // R2d — non-interactive
  {
    name: 'R2d: non-interactive user in the group, background: add as NonInteractive',
    user: nonInteractive,
    nonInteractiveCount: 3,
    expected: {
      decision: 'add',
      isEnabled: true,
      accessMode: 'NonInteractive',
      failed: [],
      exception: 'R2d_NON_INTERACTIVE',
    },
  },
  {
    name: 'R2d/R3: non-interactive user outside the group, background: none',
    user: { ...nonInteractive, ...outsideGroup },
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: null,
      failed: ['R3_GROUP'],
      exception: 'R2d_NON_INTERACTIVE',
    },
  },
  {
    name: 'R2d/R3: non-interactive user outside the group, on demand: reject',
    user: { ...nonInteractive, ...outsideGroup },
    trigger: 'onDemand',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: null,
      failed: ['R3_GROUP'], exception: 'R2d_NON_INTERACTIVE',
      message: { rule: 'R3_GROUP', contains: 'Non-interactive users need membership too' },
    },
  },
  {
    name: 'R2d/R3: non-interactive Global Administrator outside the group is not exempt',
    user: { ...nonInteractive, ...outsideGroup, adminRoles: ['globalAdministrator'] },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R3_GROUP'], exception: 'R2d_NON_INTERACTIVE' },
  },
  {
    name: 'R2d: non-interactive user in an environment without a group: add',
    user: { ...nonInteractive, ...outsideGroup },
    environment: { securityGroupId: null, securityGroupName: null },
    expected: { decision: 'add', isEnabled: true, accessMode: 'NonInteractive', failed: [], exception: 'R2d_NON_INTERACTIVE' },
  },

  // R2e — free Dataverse plan
  {
    name: 'R2e: free plan only, background: none',
    user: { licences: [OFFICE_E3] },
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: null,
      failed: ['R2_LICENSE'],
      message: { rule: 'R2_LICENSE', contains: 'free Dataverse plan from Office 365 E3' },
      fix: { rule: 'R2_LICENSE', contains: 'Add Mary on demand' },
    },
  },
  {
    name: 'R2e: free plan only, on demand: add',
    user: { licences: [OFFICE_E3] },
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [], exception: 'R2e_FREE_PLAN' },
  },
  {
    name: 'R2e: free plan only, first access: add',
    user: { licences: [OFFICE_E3] },
    trigger: 'firstAccess',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [], exception: 'R2e_FREE_PLAN' },
  },
  {
    name: 'R2e: background keeps an enabled row added through the free plan',
    user: { licences: [OFFICE_E3] },
    existingRow: aRow({ createdVia: 'onDemand' }),
    expected: { decision: 'update', isEnabled: true, accessMode: 'ReadWrite', failed: [], exception: 'R2e_FREE_PLAN' },
  },
  {
    name: "R2e: a free plan from a guest's home tenant does not count",
    user: { homeTenantId: FABRIKAM, licences: [{ ...OFFICE_E3, tenantId: FABRIKAM }] },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R2_LICENSE'] },
  },
  {
    name: 'R2e: a full licence beats the free plan (no exception)',
    user: { licences: [OFFICE_E3, SALES_ENTERPRISE] },
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },

  // R3 — security group
  {
    name: 'R3: member outside the group, background: none',
    user: outsideGroup,
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: null,
      failed: ['R3_GROUP'],
      fix: { rule: 'R3_GROUP', contains: 'Add Mary to group Sales Team directly' },
    },
  },
  {
    name: 'R3: removed from the group with an enabled row: disable',
    user: outsideGroup,
    existingRow: enabledRow,
    expected: {
      decision: 'disable',
      isEnabled: false,
      accessMode: 'ReadWrite',
      failed: ['R3_GROUP'],
      summary: 'Mary will be disabled in Contoso Production: not a member of group Sales Team',
    },
  },
  {
    name: 'R3: environment without a security group: not applied',
    user: outsideGroup,
    environment: { securityGroupId: null, securityGroupName: null },
    expected: {
      decision: 'add',
      isEnabled: true,
      accessMode: 'ReadWrite',
      failed: [],
      notApplied: ['R3_GROUP', 'R4_ENV_TYPE', 'R5_NON_INTERACTIVE_LIMIT'],
    },
  },
  {
    name: 'R3: group owner who is not a member, background: none',
    user: { ...outsideGroup, ownedGroupIds: [SALES_TEAM] },
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: null,
      failed: ['R3_GROUP'],
      message: { rule: 'R3_GROUP', contains: 'owns Sales Team but is not a member' },
    },
  },
  {
    name: 'R3: group owner who is not a member, on demand: add',
    user: { ...outsideGroup, ownedGroupIds: [SALES_TEAM] },
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R3: group owner who is not a member, first access: add',
    user: { ...outsideGroup, ownedGroupIds: [SALES_TEAM] },
    trigger: 'firstAccess',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R3: group owner added on demand is kept by the background sync',
    user: { ...outsideGroup, ownedGroupIds: [SALES_TEAM] },
    existingRow: aRow({ createdVia: 'onDemand' }),
    expected: { decision: 'update', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R3: owner of another group does not count',
    user: { ...outsideGroup, ownedGroupIds: ['group-other'] },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R3_GROUP'] },
  },
  {
    name: 'R3: nested-only member, on demand: reject with the nesting explained',
    user: {
      directGroupIds: ['group-sales-emea'],
      nestedOnlyGroups: [{ groupId: SALES_TEAM, viaGroupName: 'Sales EMEA' }],
    },
    trigger: 'onDemand',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: null,
      failed: ['R3_GROUP'],
      message: {
        rule: 'R3_GROUP',
        contains:
          'Mary is in Sales EMEA, which is nested in Sales Team; nested membership does not count — add Mary to Sales Team directly',
      },
      fix: { rule: 'R3_GROUP', contains: 'Add Mary to group Sales Team directly' },
    },
  },
  {
    name: 'R3: nested-only member with an enabled row, background: disable',
    user: { ...outsideGroup, nestedOnlyGroups: [{ groupId: SALES_TEAM, viaGroupName: 'Sales EMEA' }] },
    existingRow: enabledRow,
    expected: {
      decision: 'disable',
      isEnabled: false,
      accessMode: 'ReadWrite',
      failed: ['R3_GROUP'],
      summary: 'Mary will be disabled in Contoso Production: only a nested member of group Sales Team (through Sales EMEA)',
    },
  },
  {
    name: 'R3: licensed Global Administrator outside the group: add',
    user: { ...outsideGroup, adminRoles: ['globalAdministrator'] },
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R3: Dynamics 365 Administrator outside the group, on demand: reject',
    user: { ...unlicensed, ...outsideGroup, adminRoles: ['dynamics365Administrator'] },
    trigger: 'onDemand',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: null,
      failed: ['R3_GROUP'],
      exception: 'R2a_ADMIN',
      message: { rule: 'R3_GROUP', contains: 'Dynamics 365 Administrators need membership too' },
    },
  },
  {
    name: 'R3: Dynamics 365 Administrator removed from the group with an Administrative row: disable',
    user: { ...unlicensed, ...outsideGroup, adminRoles: ['dynamics365Administrator'] },
    existingRow: aRow({ accessMode: 'Administrative', securityRoles: ['System Administrator'] }),
    expected: { decision: 'disable', isEnabled: false, accessMode: 'Administrative', failed: ['R3_GROUP'], exception: 'R2a_ADMIN' },
  },
  {
    name: 'R1+R2+R3: every failing rule is reported',
    user: { ...unlicensed, ...outsideGroup, accountEnabled: false },
    trigger: 'onDemand',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: null,
      failed: ['R1_ACCOUNT', 'R2_LICENSE', 'R3_GROUP'],
      summary:
        'Mary cannot be added to Contoso Production: sign-in is blocked; no licence that includes Dataverse; not a member of group Sales Team',
    },
  },

  // R4 — environment type
  {
    name: 'R4: sandbox, background: add (rule not applied)',
    environment: { type: 'sandbox', name: 'Contoso Sandbox' },
    expected: {
      decision: 'add',
      isEnabled: true,
      accessMode: 'ReadWrite',
      failed: [],
      notApplied: ['R4_ENV_TYPE', 'R5_NON_INTERACTIVE_LIMIT'],
    },
  },
  {
    name: 'R4: trial, background, no row: none',
    environment: { type: 'trial' },
    expected: {
      decision: 'none',
      isEnabled: false,
      accessMode: null,
      failed: ['R4_ENV_TYPE'],
      message: { rule: 'R4_ENV_TYPE', contains: 'on demand only' },
    },
  },
  {
    name: 'R4: trial, background, enabled row: update (background still updates)',
    environment: { type: 'trial' },
    existingRow: enabledRow,
    expected: { decision: 'update', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R4: trial, background, disabled row of an eligible user: enable',
    environment: { type: 'trial' },
    existingRow: disabledRow,
    expected: { decision: 'enable', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R4: trial, background, blocked user with an enabled row: disable',
    environment: { type: 'trial' },
    user: { accountEnabled: false },
    existingRow: enabledRow,
    expected: { decision: 'disable', isEnabled: false, accessMode: 'ReadWrite', failed: ['R1_ACCOUNT'] },
  },
  {
    name: 'R4: trial, on demand: add',
    environment: { type: 'trial' },
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R4: trial, first access: add',
    environment: { type: 'trial' },
    trigger: 'firstAccess',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R4: developer, creator, background: add',
    environment: { type: 'developer', creatorId: 'user-mary', securityGroupId: null, securityGroupName: null },
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R4: developer, creator, on demand: add',
    environment: { type: 'developer', creatorId: 'user-mary' },
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R4: developer, someone else, on demand: reject',
    environment: { type: 'developer', creatorId: 'user-creator' },
    trigger: 'onDemand',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: null,
      failed: ['R4_ENV_TYPE'],
      message: { rule: 'R4_ENV_TYPE', contains: 'only the user who created it' },
    },
  },
  {
    name: 'R4: developer, someone else, background: none',
    environment: { type: 'developer', creatorId: 'user-creator' },
    expected: { decision: 'none', isEnabled: false, accessMode: null, failed: ['R4_ENV_TYPE'] },
  },
  {
    name: 'R4: developer without a known creator: nobody is added, not even an admin',
    user: { adminRoles: ['globalAdministrator'] },
    environment: { type: 'developer', creatorId: null },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R4_ENV_TYPE'] },
  },
  {
    name: 'R4: teams, background, no row: none',
    environment: { type: 'teams', name: 'Sales Team (Teams)' },
    expected: { decision: 'none', isEnabled: false, accessMode: null, failed: ['R4_ENV_TYPE'] },
  },
  {
    name: 'R4: teams, admin on demand, no row: reject',
    environment: { type: 'teams' },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R4_ENV_TYPE'] },
  },
  {
    name: 'R4: teams, first access: add',
    environment: { type: 'teams' },
    trigger: 'firstAccess',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R4: teams, background, enabled row: update',
    environment: { type: 'teams' },
    existingRow: enabledRow,
    expected: { decision: 'update', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },
  {
    name: 'R4: teams, background, removed from the group: disable',
    environment: { type: 'teams' },
    user: outsideGroup,
    existingRow: enabledRow,
    expected: { decision: 'disable', isEnabled: false, accessMode: 'ReadWrite', failed: ['R3_GROUP'] },
  },
  {
    name: 'R4+R2: teams on first access with only a free plan: add',
    environment: { type: 'teams' },
    user: { licences: [OFFICE_E3] },
    trigger: 'firstAccess',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [], exception: 'R2e_FREE_PLAN' },
  },

  // R5 — non-interactive limit
  {
    name: 'R5: the 8th non-interactive user, on demand: reject',
    user: nonInteractive,
    nonInteractiveCount: 7,
    trigger: 'onDemand',
    expected: {
      decision: 'reject',
      isEnabled: false,
      accessMode: null,
      failed: ['R5_NON_INTERACTIVE_LIMIT'],
      exception: 'R2d_NON_INTERACTIVE',
    },
  },
  {
    name: 'R5: the 8th non-interactive user, background: none',
    user: nonInteractive,
    nonInteractiveCount: 7,
    expected: { decision: 'none', isEnabled: false, accessMode: null, failed: ['R5_NON_INTERACTIVE_LIMIT'], exception: 'R2d_NON_INTERACTIVE' },
  },
  {
    name: 'R5: the 7th non-interactive user, on demand: add',
    user: nonInteractive,
    nonInteractiveCount: 6,
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'NonInteractive', failed: [], exception: 'R2d_NON_INTERACTIVE' },
  },
  {
    name: 'R5: an existing enabled non-interactive row is not disabled by the limit',
    user: nonInteractive,
    nonInteractiveCount: 7,
    existingRow: aRow({ accessMode: 'NonInteractive' }),
    expected: { decision: 'update', isEnabled: true, accessMode: 'NonInteractive', failed: [], exception: 'R2d_NON_INTERACTIVE' },
  },
  {
    name: 'R5: an existing disabled non-interactive row may be enabled at the limit',
    user: nonInteractive,
    nonInteractiveCount: 7,
    existingRow: aRow({ accessMode: 'NonInteractive', isEnabled: false }),
    expected: { decision: 'enable', isEnabled: true, accessMode: 'NonInteractive', failed: [], exception: 'R2d_NON_INTERACTIVE' },
  },
  {
    name: 'R5: application user when 7 non-interactive exist: add, does not count',
    user: application,
    nonInteractiveCount: 7,
    trigger: 'onDemand',
    expected: {
      decision: 'add',
      isEnabled: true,
      accessMode: 'NonInteractive',
      failed: [],
      notApplied: ['R2_LICENSE', 'R4_ENV_TYPE', 'R5_NON_INTERACTIVE_LIMIT'],
    },
  },
  {
    name: 'application user outside the group: R3 still applies',
    user: { ...application, ...outsideGroup },
    trigger: 'onDemand',
    expected: { decision: 'reject', isEnabled: false, accessMode: null, failed: ['R3_GROUP'] },
  },
  {
    name: 'application user that is disabled in the directory, with an enabled row: disable',
    user: { ...application, accountEnabled: false },
    existingRow: aRow({ accessMode: 'NonInteractive', createdVia: 'admin' }),
    expected: { decision: 'disable', isEnabled: false, accessMode: 'NonInteractive', failed: ['R1_ACCOUNT'] },
  },
  {
    name: 'R5: a member is not limited by 7 non-interactive users',
    nonInteractiveCount: 7,
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [] },
  },

  // R6 — reported, never deciding
  {
    name: 'R6: enabled row without a security role: still update, R6 failed',
    existingRow: aRow({ securityRoles: [] }),
    expected: {
      decision: 'update',
      isEnabled: true,
      accessMode: 'ReadWrite',
      failed: [],
      r6: 'failed',
      message: { rule: 'R6_SECURITY_ROLE', contains: 'can sign in, sees no data' },
      summary: 'Mary stays enabled in Contoso Production; the profile fields will be synchronised, but has no security role: can sign in, sees no data',
    },
  },
  {
    name: 'R6: disabled row without a security role is enabled anyway',
    existingRow: aRow({ isEnabled: false, securityRoles: [] }),
    expected: { decision: 'enable', isEnabled: true, accessMode: 'ReadWrite', failed: [], r6: 'failed' },
  },
  {
    name: 'R6: a security role does not save an ineligible user',
    user: outsideGroup,
    existingRow: aRow({ securityRoles: ['System Administrator'] }),
    expected: { decision: 'disable', isEnabled: false, accessMode: 'ReadWrite', failed: ['R3_GROUP'], r6: 'notApplied' },
  },
  {
    name: 'R6: a new row has no security role yet',
    trigger: 'onDemand',
    expected: { decision: 'add', isEnabled: true, accessMode: 'ReadWrite', failed: [], r6: 'failed' },
  },
];

describe('evaluateEligibility — scenarios', () => {
  it('has at least 60 scenarios with unique names', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(60);
    expect(new Set(scenarios.map((scenario) => scenario.name)).size).toBe(scenarios.length);
  });

  it.each(scenarios)('$name', (scenario) => {
    const verdict = evaluateEligibility(anInput(scenario));
    const { expected } = scenario;

    expect(verdict.decision).toBe(expected.decision);
    expect(verdict.isEnabled).toBe(expected.isEnabled);
    expect(verdict.accessMode).toBe(expected.accessMode);
    expect(failedRules(verdict)).toEqual(expected.failed);
    expect(isEligible(verdict)).toBe(expected.failed.length === 0);
    expect(ruleOf(verdict, 'R2_LICENSE').exception).toBe(expected.exception);

    if (expected.r6) {
      const r6 = ruleOf(verdict, 'R6_SECURITY_ROLE');
      const state = !r6.applied ? 'notApplied' : r6.passed ? 'passed' : 'failed';
      expect(state).toBe(expected.r6);
    }
    if (expected.notApplied) {
      expect(verdict.rules.filter((rule) => !rule.applied).map((rule) => rule.code)).toEqual(expected.notApplied);
    }
    if (expected.message) {
      expect(ruleOf(verdict, expected.message.rule).message).toContain(expected.message.contains);
    }
    if (expected.fix) {
      expect(ruleOf(verdict, expected.fix.rule).fix).toContain(expected.fix.contains);
    }
    if (expected.summary) {
      expect(verdict.summary).toContain(expected.summary);
    }

    // Invariants of every verdict.
    expect(verdict.rules.map((rule) => rule.code)).toEqual([
      'R0_DATAVERSE',
      'R1_ACCOUNT',
      'R2_LICENSE',
      'R3_GROUP',
      'R4_ENV_TYPE',
      'R5_NON_INTERACTIVE_LIMIT',
      'R6_SECURITY_ROLE',
    ]);
    for (const rule of verdict.rules) {
      if (!rule.applied) expect(rule.passed).toBe(true);
      if (!rule.passed) expect(rule.fix).toBeTruthy();
      expect(rule.message.length).toBeGreaterThan(0);
    }
    expect(verdict.summary).not.toContain('\n');
    if (verdict.decision === 'add' || verdict.decision === 'enable' || verdict.decision === 'update') {
      expect(isEligible(verdict)).toBe(true);
    }
  });
});

describe('evaluateEligibility — behaviour across scenarios', () => {
  it('never decides to delete a row, and the background sync never rejects', () => {
    for (const scenario of scenarios) {
      const verdict = evaluateEligibility(anInput(scenario));
      if (anInput(scenario).trigger === 'background') expect(verdict.decision).not.toBe('reject');
    }
  });

  it('R6 never changes the decision', () => {
    for (const scenario of scenarios.filter((candidate) => candidate.existingRow)) {
      const row = aRow(scenario.existingRow ?? {});
      const withRoles = evaluateEligibility(anInput({ ...scenario, existingRow: { ...row, securityRoles: ['Basic User'] } }));
      const withoutRoles = evaluateEligibility(anInput({ ...scenario, existingRow: { ...row, securityRoles: [] } }));
      expect(withoutRoles.decision).toBe(withRoles.decision);
      expect(withoutRoles.accessMode).toBe(withRoles.accessMode);
    }
  });

  it('is deterministic and does not mutate its input', () => {
    const input = anInput({
      user: { ...outsideGroup, nestedOnlyGroups: [{ groupId: SALES_TEAM, viaGroupName: 'Sales EMEA' }] },
      existingRow: enabledRow,
    });
    const snapshot = JSON.stringify(input);
    const first = evaluateEligibility(input);
    const second = evaluateEligibility(input);
    expect(second).toEqual(first);
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('names the environment and user in the summary of an enable', () => {
    const verdict = evaluateEligibility(anInput({ existingRow: disabledRow }));
    expect(verdict.summary).toBe('Mary will be enabled in Contoso Production');
  });

  it('says a new unlicensed user cannot be added, in plain words', () => {
    const verdict = evaluateEligibility(anInput({ user: unlicensed, trigger: 'onDemand' }));
    expect(verdict.summary).toBe('Mary cannot be added to Contoso Production: no licence that includes Dataverse');
  });

  it('uses a neutral group label when the group has no name', () => {
    const verdict = evaluateEligibility(
      anInput({ user: outsideGroup, environment: { securityGroupName: null }, trigger: 'onDemand' }),
    );
    expect(ruleOf(verdict, 'R3_GROUP').fix).toBe("Add Mary to the environment's security group directly");
  });
});

describe('eligibility helpers', () => {
  it('maps access modes to their codes', () => {
    expect(accessModeCode('ReadWrite')).toBe(0);
    expect(accessModeCode('Administrative')).toBe(1);
    expect(accessModeCode('Read')).toBe(2);
    expect(accessModeCode('SupportUser')).toBe(3);
    expect(accessModeCode('NonInteractive')).toBe(4);
    expect(accessModeCode('DelegatedAdmin')).toBe(5);
  });

  it('limits non-interactive users to 7', () => {
    expect(NON_INTERACTIVE_LIMIT).toBe(7);
  });

  it('isEligible ignores R6', () => {
    const verdict = evaluateEligibility(anInput({ existingRow: aRow({ securityRoles: [] }) }));
    expect(ruleOf(verdict, 'R6_SECURITY_ROLE').passed).toBe(false);
    expect(isEligible(verdict)).toBe(true);
  });
});
