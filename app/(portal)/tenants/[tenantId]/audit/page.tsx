import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditTable } from '@/app/_components/audit-table';
import { buttonClass, EmptyState, NotPermitted, PageHeader } from '@/app/_components/ui';
import { inputClassName } from '@/app/_components/styles';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { listAuditActions, listAuditEvents } from '@/server/queries/audit-log';

export const metadata: Metadata = { title: 'Audit log' };

type Search = { action?: string; actor?: string; from?: string; to?: string; cursor?: string };

const parseDay = (value: string | undefined, endOfDay = false) => {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  return endOfDay ? new Date(d.getTime() + 86_400_000) : d;
};

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Search> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('audit.read');
  if (denied) return <NotPermitted message={denied} />;
  const search = await searchParams;
  const filter = { action: search.action || undefined, actor: search.actor?.trim() || undefined, from: parseDay(search.from), to: parseDay(search.to, true) };
  const [{ rows, nextCursor }, actions] = await Promise.all([listAuditEvents(db(), tenantId, filter, search.cursor), listAuditActions(db(), tenantId)]);
  const base = `/tenants/${tenantId}/audit`;
  const query = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ action: search.action, actor: search.actor, from: search.from, to: search.to, ...extra })) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `${base}?${s}` : base;
  };
  const filtered = Boolean(filter.action || filter.actor || filter.from || filter.to);
  return (
    <>
      <PageHeader title="Audit log" description="Every change in this tenant, newest first. The log is append-only: nobody can edit or delete an entry." />
      <form method="get" action={base} className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-5" role="search" aria-label="Filter the audit log">
        <label className="text-sm font-medium text-slate-700">
          Action
          <select name="action" defaultValue={search.action ?? ''} className={inputClassName}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Actor
          <input name="actor" defaultValue={search.actor ?? ''} placeholder="Name" className={inputClassName} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          From
          <input type="date" name="from" defaultValue={search.from ?? ''} className={inputClassName} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          To
          <input type="date" name="to" defaultValue={search.to ?? ''} className={inputClassName} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass('primary')}>
            Filter
          </button>
          {filtered && (
            <Link href={base} className={buttonClass('ghost')}>
              Clear
            </Link>
          )}
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'}>{filtered ? 'Try a wider date range or another action.' : 'Changes made in this tenant will appear here.'}</EmptyState>
      ) : (
        <>
          <AuditTable rows={rows} />
          <nav aria-label="Pagination" className="mt-4 flex justify-between">
            {search.cursor ? (
              <Link href={query({ cursor: undefined })} className={buttonClass('secondary', 'sm')}>
                Newest
              </Link>
            ) : (
              <span />
            )}
            {nextCursor && (
              <Link href={query({ cursor: nextCursor })} className={buttonClass('secondary', 'sm')}>
                Older events
              </Link>
            )}
          </nav>
        </>
      )}
    </>
  );
}
