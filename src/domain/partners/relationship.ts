// Delegated administration (domain.md §6): a partner asks a customer for a set of
// directory roles for a fixed time; the customer's Global Administrator approves.
// Every transition here is pure: the relationship, who acts and "now" go in, the
// changes (or the reason for a refusal) come out. Use cases write them.
import { DAY } from '../shared/clock';
import { isRoleId, ROLE_IDS, roleName, type RoleId } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';

export const MAX_DURATION_DAYS = 730;
export const LAPSE_AFTER_DAYS = 90;
export const AUTO_EXTEND_DAYS = 180;
export const EXPIRY_WARNING_DAYS = 30;

export const RELATIONSHIP_STATUSES = ['pending', 'active', 'declined', 'lapsed', 'expired', 'terminated'] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];

export const RELATIONSHIP_STATUS_LABELS: Record<RelationshipStatus, string> = {
  pending: 'Pending approval',
  active: 'Active',
  declined: 'Declined',
  lapsed: 'Lapsed',
  expired: 'Expired',
  terminated: 'Terminated',
};

/** Which side ended a relationship: one of the two tenants, or the portal (expiry, lapse). */
export type RelationshipSide = 'partner' | 'customer' | 'system';

export type Relationship = {
  id: string;
  partnerTenantId: string;
  partnerName: string;
  customerTenantId: string;
  customerName: string;
  roles: RoleId[];
  durationDays: number;
  autoExtend: boolean;
  status: RelationshipStatus;
  requestedAt: Date;
  requestedByName: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  endedAt: Date | null;
  endedBySide: RelationshipSide | null;
  endedByName: string | null;
  expiryWarnedAt: Date | null;
  rowVersion: number;
};

/** What a transition changes on the row. */
export type RelationshipChanges = Partial<
  Pick<Relationship, 'status' | 'decidedAt' | 'decidedByName' | 'startsAt' | 'endsAt' | 'endedAt' | 'endedBySide' | 'endedByName' | 'expiryWarnedAt'>
> & { decidedById?: string | null };

/** Roles in the portal's canonical order, without duplicates. */
export const sortRoles = (roles: Iterable<RoleId>): RoleId[] => {
  const set = new Set(roles);
  return ROLE_IDS.filter((r) => set.has(r));
};

export const rolesLabel = (roles: readonly RoleId[]) => (roles.length ? sortRoles(roles).map(roleName).join(', ') : 'no roles');

export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY);

/** When an unapproved request lapses. */
export const lapsesAt = (r: Pick<Relationship, 'requestedAt'>) => addDays(r.requestedAt, LAPSE_AFTER_DAYS);

/** Only an active relationship before its end gives access, to the second (§6). */
export const isLive = (r: Pick<Relationship, 'status' | 'endsAt'>, now: Date) =>
  r.status === 'active' && r.endsAt !== null && now.getTime() < r.endsAt.getTime();

/** Days left before the end (rounded up), or null when not active. */
export function daysLeft(r: Pick<Relationship, 'status' | 'endsAt'>, now: Date): number | null {
  if (!isLive(r, now) || !r.endsAt) return null;
  return Math.ceil((r.endsAt.getTime() - now.getTime()) / DAY);
}

/** Active and ending within the warning window (30 days). */
export const isExpiringSoon = (r: Pick<Relationship, 'status' | 'endsAt'>, now: Date) =>
  isLive(r, now) && r.endsAt !== null && r.endsAt.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * DAY;

// ---- the request ----

export type RelationshipTerms = { roles: RoleId[]; durationDays: number; autoExtend: boolean };

/** Roles: a non-empty subset of the directory roles; duration: whole days, 1–730. All errors at once. */
export function checkTerms(input: { roles: readonly string[]; durationDays: number; autoExtend: boolean }): Result<RelationshipTerms> {
  const fieldErrors: Record<string, string[]> = {};
  const unknown = input.roles.filter((r) => !isRoleId(r));
  const roles = sortRoles(input.roles.filter(isRoleId));
  if (unknown.length) fieldErrors.roles = [`Unknown role: ${unknown.join(', ')}.`];
  else if (!roles.length) fieldErrors.roles = ['Choose at least one role.'];
  if (!Number.isInteger(input.durationDays) || input.durationDays < 1 || input.durationDays > MAX_DURATION_DAYS) {
    fieldErrors.durationDays = [`Enter a whole number of days from 1 to ${MAX_DURATION_DAYS}.`];
  }
  if (Object.keys(fieldErrors).length) return fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors, rule: 'RELATIONSHIP_TERMS' });
  return ok({ roles, durationDays: input.durationDays, autoExtend: input.autoExtend });
}

// ---- who may act ----

export const PARTNER_ROLES = ['adminAgent', 'helpdeskAgent', 'salesAgent'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];
export const PARTNER_ROLE_LABELS: Record<PartnerRole, string> = {
  adminAgent: 'Admin agent',
  helpdeskAgent: 'Helpdesk agent',
  salesAgent: 'Sales agent',
};
export const isPartnerRole = (value: unknown): value is PartnerRole => typeof value === 'string' && (PARTNER_ROLES as readonly string[]).includes(value);

/**
 * Someone signed in to their HOME tenant, as the relationship rules see them. An agent
 * working in a customer tenant on behalf of a partner is not a party of that customer:
 * build this from the home user, never from an on-behalf actor.
 */
export type Party = {
  userId: string;
  displayName: string;
  tenantId: string;
  /** Directory roles in the home tenant. */
  roles: readonly RoleId[];
  /** Set for a partner tenant's staff (seed 004). */
  partnerRole: PartnerRole | null;
};

export const isAdminAgent = (party: Party, partnerTenantId: string) => party.tenantId === partnerTenantId && party.partnerRole === 'adminAgent';
/**
 * Sales agents see the customer list only (issue #5): not the relationships, their
 * roles and access assignments — unless a directory role of their own (in the partner
 * tenant) gives them more.
 */
export const seesCustomerListOnly = (party: Pick<Party, 'partnerRole' | 'roles'>) => party.partnerRole === 'salesAgent' && party.roles.length === 0;
export const SALES_AGENT_LIMIT = 'Sales agents see the customer list only.';

export const isCustomerGlobalAdmin = (party: Party, customerTenantId: string) =>
  party.tenantId === customerTenantId && party.roles.includes('globalAdministrator');

/** The side `party` acts for on this relationship, or null when they are no party of it at all. */
export function sideOf(party: Party, r: Pick<Relationship, 'partnerTenantId' | 'customerTenantId'>): 'partner' | 'customer' | null {
  if (party.tenantId === r.partnerTenantId) return 'partner';
  if (party.tenantId === r.customerTenantId) return 'customer';
  return null;
}

const notFound = () => fail('NOT_FOUND', 'Relationship not found.');
const onlyCustomerGa = (verb: string) =>
  fail('FORBIDDEN', `Only a Global Administrator of the customer can ${verb} a relationship request.`, { rule: 'CUSTOMER_GLOBAL_ADMIN_ONLY' });
const wrongStatus = (r: Pick<Relationship, 'status'>, verb: string) =>
  fail('CONFLICT', `This relationship is ${RELATIONSHIP_STATUS_LABELS[r.status].toLowerCase()}: it can no longer be ${verb}.`, {
    rule: 'RELATIONSHIP_STATUS',
    details: { status: r.status },
  });

/** May this party request relationships for this partner tenant? (Admin agents only.) */
export function checkMayRequest(party: Party, partnerTenantId: string): Result<void> {
  if (party.tenantId !== partnerTenantId) return fail('NOT_FOUND', 'Not found.');
  if (!isAdminAgent(party, partnerTenantId)) {
    return fail('FORBIDDEN', 'Only Admin agents of the partner can request relationships and add customers.', { rule: 'ADMIN_AGENT_ONLY' });
  }
  return ok(undefined);
}

/** Approve: the customer's Global Administrator, a pending request that has not lapsed. */
export function approve(r: Relationship, party: Party, now: Date): Result<RelationshipChanges> {
  const side = sideOf(party, r);
  if (!side) return notFound();
  if (side !== 'customer' || !isCustomerGlobalAdmin(party, r.customerTenantId)) return onlyCustomerGa('approve');
  if (r.status !== 'pending') return wrongStatus(r, 'approved');
  if (now.getTime() >= lapsesAt(r).getTime()) {
    return fail('CONFLICT', `This request lapsed on ${lapsesAt(r).toISOString().slice(0, 10)}, ${LAPSE_AFTER_DAYS} days after it was made. Ask the partner for a new one.`, {
      rule: 'RELATIONSHIP_LAPSED',
    });
  }
  return ok({
    status: 'active',
    decidedAt: now,
    decidedById: party.userId,
    decidedByName: party.displayName,
    startsAt: now,
    endsAt: addDays(now, r.durationDays),
    expiryWarnedAt: null,
  });
}

/** Decline: the customer's Global Administrator, a pending request. */
export function decline(r: Relationship, party: Party, now: Date): Result<RelationshipChanges> {
  const side = sideOf(party, r);
  if (!side) return notFound();
  if (side !== 'customer' || !isCustomerGlobalAdmin(party, r.customerTenantId)) return onlyCustomerGa('decline');
  if (r.status !== 'pending') return wrongStatus(r, 'declined');
  return ok({ status: 'declined', decidedAt: now, decidedById: party.userId, decidedByName: party.displayName, endedAt: now, endedBySide: 'customer', endedByName: party.displayName });
}

/** Terminate: either side (customer Global Administrator, partner Admin agent), an active relationship. */
export function terminate(r: Relationship, party: Party, now: Date): Result<RelationshipChanges> {
  const side = sideOf(party, r);
  if (!side) return notFound();
  const allowed = side === 'customer' ? isCustomerGlobalAdmin(party, r.customerTenantId) : isAdminAgent(party, r.partnerTenantId);
  if (!allowed) {
    return fail('FORBIDDEN', 'Only a Global Administrator of the customer or an Admin agent of the partner can terminate a relationship.', {
      rule: 'TERMINATE_SIDE',
    });
  }
  if (r.status !== 'active') return wrongStatus(r, 'terminated');
  return ok({ status: 'terminated', endedAt: now, endedBySide: side, endedByName: party.displayName });
}

// ---- what the clock does (the job) ----

export type DeadlineOutcome =
  | { kind: 'lapsed'; changes: RelationshipChanges }
  | { kind: 'expired'; changes: RelationshipChanges }
  | { kind: 'extended'; changes: RelationshipChanges; from: Date; to: Date }
  | { kind: 'warned'; changes: RelationshipChanges };

/**
 * What "now" does to a relationship, in order: a pending request lapses 90 days after it
 * was made; an active one at its end expires, or is extended by 180 days (as often as needed
 * to pass now) when auto-extend is on; and 30 days before its end both sides are warned, once
 * per end date. Returns the outcomes to apply, in order (possibly none).
 */
export function applyDeadlines(r: Relationship, now: Date): DeadlineOutcome[] {
  const t = now.getTime();
  if (r.status === 'pending') {
    return t >= lapsesAt(r).getTime() ? [{ kind: 'lapsed', changes: { status: 'lapsed', endedAt: now, endedBySide: 'system', endedByName: null } }] : [];
  }
  if (r.status !== 'active' || !r.endsAt) return [];
  const outcomes: DeadlineOutcome[] = [];
  let endsAt = r.endsAt;
  let warnedAt = r.expiryWarnedAt;
  if (t >= endsAt.getTime()) {
    if (!r.autoExtend) {
      return [{ kind: 'expired', changes: { status: 'expired', endedAt: endsAt, endedBySide: 'system', endedByName: null } }];
    }
    const from = endsAt;
    while (t >= endsAt.getTime()) endsAt = addDays(endsAt, AUTO_EXTEND_DAYS);
    warnedAt = null;
    outcomes.push({ kind: 'extended', changes: { endsAt, expiryWarnedAt: null }, from, to: endsAt });
  }
  if (warnedAt === null && endsAt.getTime() - t <= EXPIRY_WARNING_DAYS * DAY) {
    outcomes.push({ kind: 'warned', changes: { expiryWarnedAt: now } });
  }
  return outcomes;
}

// ---- effective roles ----

export type AccessAssignment = { id: string; relationshipId: string; groupId: string; groupName: string; roles: RoleId[] };

/**
 * The roles an agent holds in the customer tenant through one relationship: the union of
 * the roles of the assignments of the groups they are a DIRECT member of, never more than
 * the relationship grants, and nothing unless the relationship is active and not past its end.
 */
export function effectiveRoles(input: {
  relationship: Pick<Relationship, 'status' | 'endsAt' | 'roles'>;
  assignments: readonly Pick<AccessAssignment, 'groupId' | 'roles'>[];
  directGroupIds: readonly string[];
  now: Date;
}): RoleId[] {
  if (!isLive(input.relationship, input.now)) return [];
  const member = new Set(input.directGroupIds);
  const granted = new Set(input.relationship.roles);
  const roles = new Set<RoleId>();
  for (const a of input.assignments) {
    if (!member.has(a.groupId)) continue;
    for (const role of a.roles) if (granted.has(role)) roles.add(role);
  }
  return sortRoles(roles);
}

/** Partner roles that may act in customer tenants at all (Sales agents see the customer list only). */
export const mayActForCustomers = (partnerRole: PartnerRole | null) => partnerRole === 'adminAgent' || partnerRole === 'helpdeskAgent';

/** Access assignments: the roles must be a non-empty subset of the relationship's. */
export function checkAssignmentRoles(r: Pick<Relationship, 'roles'>, roles: readonly string[]): Result<RoleId[]> {
  const chosen = sortRoles(roles.filter(isRoleId));
  if (!chosen.length) return fail('VALIDATION', 'Choose at least one role.', { fieldErrors: { roles: ['Choose at least one role.'] } });
  const outside = chosen.filter((role) => !r.roles.includes(role));
  if (outside.length || chosen.length !== new Set(roles).size) {
    const names = outside.length ? outside.map(roleName).join(', ') : 'an unknown role';
    return fail('VALIDATION', `The relationship does not grant ${names}.`, {
      rule: 'ASSIGNMENT_OUTSIDE_RELATIONSHIP',
      fieldErrors: { roles: [`The relationship does not grant ${names}.`] },
    });
  }
  return ok(chosen);
}
