// Test data through the real repositories: tenants and users with unique names,
// so tests in one database never collide.
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import type { RoleId } from '@/domain/shared/permissions';
import { signInNameKey } from '@/domain/users/user';
import type { Db } from '@/server/db/client';

export const TEST_BCRYPT_COST = 4;
const suffix = () => randomBytes(3).toString('hex');

export async function createTenant(db: Db, overrides: { name?: string; kind?: 'customer' | 'partner'; domain?: string } = {}) {
  const domain = overrides.domain ?? `t${suffix()}.example`;
  return db.tenant.create({
    data: { name: overrides.name ?? `Tenant ${domain}`, kind: overrides.kind ?? 'customer', primaryDomain: domain, domains: { create: [{ name: domain }] } },
    select: { id: true, name: true, primaryDomain: true },
  });
}

export async function createUser(
  db: Db,
  tenant: { id: string; primaryDomain: string },
  overrides: { localPart?: string; displayName?: string; roles?: RoleId[]; password?: string; accountEnabled?: boolean; mustChangePassword?: boolean; usageLocation?: string | null; deletedAt?: Date | null } = {},
) {
  const localPart = overrides.localPart ?? `user.${suffix()}`;
  const signInName = `${localPart}@${tenant.primaryDomain}`;
  const password = overrides.password ?? 'Correct-Horse-Battery-9';
  return db.user.create({
    data: {
      tenantId: tenant.id,
      signInName,
      signInNameKey: signInNameKey(signInName),
      displayName: overrides.displayName ?? localPart,
      passwordHash: await bcrypt.hash(password, TEST_BCRYPT_COST),
      accountEnabled: overrides.accountEnabled ?? true,
      mustChangePassword: overrides.mustChangePassword ?? false,
      usageLocation: overrides.usageLocation === undefined ? 'US' : overrides.usageLocation,
      deletedAt: overrides.deletedAt ?? null,
      roleAssignments: { create: (overrides.roles ?? []).map((roleId) => ({ roleId })) },
    },
    select: { id: true, tenantId: true, signInName: true, displayName: true },
  });
}

/** JSON.stringify that copes with BigInt ids (audit events). */
export const toJson = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
