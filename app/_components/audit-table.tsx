import type { AuditRow } from '@/server/queries/audit-log';
import { Badge, formatDateTime } from './ui';

function Changes({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (!keys.length) return null;
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
      {keys.map((k) => (
        <li key={k}>
          <span className="font-medium">{k}</span>: {k in b ? <span className="line-through decoration-slate-400">{show(b[k])}</span> : null}
          {k in b && k in a ? ' → ' : null}
          {k in a ? <span>{show(a[k])}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function AuditTable({ rows, caption = 'Audit events' }: { rows: AuditRow[]; caption?: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">When</th>
            <th scope="col" className="px-4 py-3">Actor</th>
            <th scope="col" className="px-4 py-3">Action</th>
            <th scope="col" className="px-4 py-3">Target</th>
            <th scope="col" className="px-4 py-3">Outcome</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDateTime(r.occurredAt)}</td>
              <td className="px-4 py-3">
                <span className="font-medium text-slate-900">{r.actorName ?? 'System'}</span>
                {r.onBehalfOfName && (
                  <span className="block text-xs text-slate-500">
                    {r.inCustomerName ? `in ${r.inCustomerName}, ` : ''}on behalf of {r.onBehalfOfName}
                  </span>
                )}
              </td>
              <td className="px-4 py-3">
                <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{r.action}</code>
                {r.detail && <p className="mt-1 text-xs text-slate-600">{r.detail}</p>}
                <Changes before={r.before} after={r.after} />
              </td>
              <td className="px-4 py-3 text-slate-700">{r.targetName ?? '—'}</td>
              <td className="px-4 py-3">
                <Badge tone={r.outcome === 'success' ? 'green' : 'red'}>{r.outcome}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
