// The users list's state as a query string (shared by the server page and the client table).
import type { UserListFilter } from '@/server/queries/users-list';

export function filterQuery(filter: UserListFilter, extra: Record<string, string | undefined> = {}) {
  const params = new URLSearchParams();
  const entries: Record<string, string | undefined> = { q: filter.q, status: filter.status, kind: filter.kind, admin: filter.admin, sort: filter.sort === 'displayName' ? undefined : filter.sort, dir: filter.dir === 'asc' ? undefined : filter.dir, ...extra };
  for (const [k, v] of Object.entries(entries)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
