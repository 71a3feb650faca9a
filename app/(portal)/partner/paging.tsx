import Link from 'next/link';

/** "Page 2 of 5" with Previous/Next links that keep the other search parameters. */
export function Pager({ base, params, page, pages, total, noun }: { base: string; params: Record<string, string | undefined>; page: number; pages: number; total: number; noun: string }) {
  const href = (p: number) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, page: p > 1 ? String(p) : undefined })) if (v) search.set(k, v);
    const s = search.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>
        {total.toLocaleString('en')} {noun}
        {total === 1 ? '' : 's'}
        {pages > 1 ? ` · page ${page} of ${pages}` : ''}
      </span>
      {pages > 1 && (
        <span className="flex gap-3">
          {page > 1 ? <Link href={href(page - 1)} className="text-brand-700 hover:underline">Previous</Link> : <span className="text-slate-400">Previous</span>}
          {page < pages ? <Link href={href(page + 1)} className="text-brand-700 hover:underline">Next</Link> : <span className="text-slate-400">Next</span>}
        </span>
      )}
    </nav>
  );
}

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
