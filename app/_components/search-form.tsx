// The search box of a list page: a GET form (the URL holds the state, so a view can
// be shared and reloaded), with Clear when a search is active.
import Link from 'next/link';
import { inputClassName } from './styles';
import { buttonClass } from './ui';

export function SearchForm({ action, formLabel, label, placeholder, value, hidden = {} }: {
  action: string;
  /** The accessible name of the search region ("Search users"). */
  formLabel: string;
  /** The visible label of the search box. */
  label: string;
  placeholder?: string;
  value: string | undefined;
  /** Other list state to keep while searching (filters, a tab). */
  hidden?: Record<string, string | undefined>;
}) {
  return (
    <form method="get" action={action} role="search" aria-label={formLabel} className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <label className="min-w-64 flex-1 text-sm font-medium text-slate-700">
        {label}
        <input type="search" name="q" defaultValue={value ?? ''} placeholder={placeholder} className={inputClassName} />
      </label>
      {Object.entries(hidden).map(([name, v]) => (v ? <input key={name} type="hidden" name={name} value={v} /> : null))}
      <button type="submit" className={buttonClass('primary')}>
        Search
      </button>
      {value && (
        <Link href={action} className={buttonClass('ghost')}>
          Clear
        </Link>
      )}
    </form>
  );
}
