import Link from 'next/link';

export type SwitcherTenant = { id: string; name: string; primaryDomain: string; via: string | null };

/** Lists exactly the tenants the actor may enter (domain.md §1). */
export function TenantSwitcher({ current, tenants }: { current: { id: string; name: string }; tenants: SwitcherTenant[] }) {
  return (
    <details className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm hover:bg-slate-50"
        aria-label={`Switch tenant (current: ${current.name})`}
      >
        <span className="text-xs uppercase tracking-wide text-slate-500">Tenant</span>
        <span className="font-semibold text-slate-900">{current.name}</span>
        <span aria-hidden="true" className="text-slate-400 group-open:rotate-180">▾</span>
      </summary>
      <div className="absolute left-0 z-40 mt-2 w-80 rounded-xl border border-slate-200 bg-white p-2 shadow-lg">
        <p className="px-2 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Tenants you can enter</p>
        <ul>
          {tenants.map((t) => (
            <li key={t.id}>
              <Link
                href={`/tenants/${t.id}`}
                aria-current={t.id === current.id ? 'true' : undefined}
                className="block rounded-lg px-2 py-2 text-sm hover:bg-slate-100 aria-[current=true]:bg-brand-50"
              >
                <span className="block font-medium text-slate-900">{t.name}</span>
                <span className="block text-xs text-slate-500">
                  {t.primaryDomain}
                  {t.via ? ` · via ${t.via}` : ''}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <div className="mt-1 border-t border-slate-100 pt-1">
          <Link href="/tenants" className="block rounded-lg px-2 py-2 text-sm text-brand-700 hover:bg-slate-100">
            All tenants
          </Link>
        </div>
      </div>
    </details>
  );
}
