// Exports of the users list (its current filter, every matching row) and of the
// deleted users, as CSV streams: a page of 200 users is read only when the download
// has sent the previous one (keyset paging through the list's own read model, so the
// export matches the list exactly), and 100,000 rows never sit in memory at once.
// Cells are neutralised by csvStream (no spreadsheet formulas).
import { daysLeft } from '@/domain/users/restore-user';
import { DIRECTORY_ROLES, isRoleId } from '@/domain/shared/permissions';
import type { DbClient } from '../db/client';
import { USER_IMPORT_COLUMNS } from '../imports/user-import-template';
import { listDeletedUsers, walkUsers, type UserListFilter } from '../queries/users-list';

const PAGE = 200;

/** The template's columns first (an export can be edited and imported back), then the list's own. */
export const USER_EXPORT_HEADER = [...USER_IMPORT_COLUMNS.map((c) => c.header), 'Kind', 'Admin roles', 'Created (UTC)'];

export async function* exportUsers(db: DbClient, tenantId: string, filter: UserListFilter): AsyncGenerator<unknown[]> {
  let after: string | undefined;
  do {
    const page = await walkUsers(db, tenantId, filter, { after, size: PAGE });
    const ids = page.rows.map((r) => r.id);
    if (!ids.length) return;
    const [details, licences, groups] = await Promise.all([
      db.user.findMany({
        where: { tenantId, id: { in: ids } },
        select: {
          id: true,
          firstName: true,
          lastName: true,
          jobTitle: true,
          department: true,
          officeLocation: true,
          officePhone: true,
          mobilePhone: true,
          faxNumber: true,
          alternateEmail: true,
          streetAddress: true,
          city: true,
          stateOrProvince: true,
          postalCode: true,
          countryOrRegion: true,
          usageLocation: true,
        },
      }),
      db.licenceAssignment.findMany({
        where: { tenantId, userId: { in: ids }, suspendedAt: null },
        select: { userId: true, subscription: { select: { productName: true } } },
        orderBy: { subscription: { productName: 'asc' } },
      }),
      db.groupUserMember.findMany({ where: { tenantId, userId: { in: ids } }, select: { userId: true, group: { select: { name: true } } }, orderBy: { group: { name: 'asc' } } }),
    ]);
    const detailOf = new Map(details.map((d) => [d.id, d]));
    const listOf = (pairs: { userId: string; name: string }[]) => {
      const map = new Map<string, string[]>();
      for (const p of pairs) map.set(p.userId, [...(map.get(p.userId) ?? []), p.name]);
      return map;
    };
    const licencesOf = listOf(licences.map((l) => ({ userId: l.userId, name: l.subscription.productName })));
    const groupsOf = listOf(groups.map((g) => ({ userId: g.userId, name: g.group.name })));
    for (const row of page.rows) {
      const d = detailOf.get(row.id);
      if (!d) continue;
      yield [
        row.signInName,
        d.firstName,
        d.lastName,
        row.displayName,
        d.jobTitle,
        d.department,
        d.officeLocation,
        d.officePhone,
        d.mobilePhone,
        d.faxNumber,
        d.alternateEmail,
        d.streetAddress,
        d.city,
        d.stateOrProvince,
        d.postalCode,
        d.countryOrRegion,
        d.usageLocation?.trim() || null,
        (licencesOf.get(row.id) ?? []).join(';'),
        (groupsOf.get(row.id) ?? []).join(';'),
        row.accountEnabled ? 'No' : 'Yes',
        row.kind,
        row.roles.filter(isRoleId).map((r) => DIRECTORY_ROLES[r].name).join(';'),
        row.createdAt,
      ];
    }
    after = page.nextCursor ?? undefined;
  } while (after);
}

export const DELETED_USER_EXPORT_HEADER = ['Display Name', 'User Name', 'Deleted (UTC)', 'Deleted by', 'Permanent deletion (UTC)', 'Days left'];

export async function* exportDeletedUsers(db: DbClient, tenantId: string, filter: { q?: string }, now: Date): AsyncGenerator<unknown[]> {
  let after: string | undefined;
  do {
    const page = await listDeletedUsers(db, tenantId, filter, { after, size: PAGE });
    for (const row of page.rows) yield [row.displayName, row.signInName, row.deletedAt, row.deletedByName, row.purgeAt, daysLeft(row.deletedAt, now)];
    after = page.nextCursor ?? undefined;
  } while (after);
}

/** "users-contoso-example-20260601-0930.csv" */
export function exportFileName(prefix: string, tenantDomain: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${prefix}-${tenantDomain.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${stamp}.csv`;
}
