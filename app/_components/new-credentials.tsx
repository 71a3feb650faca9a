'use client';
// The Finish view of a batch of new accounts: every sign-in name with its temporary
// password, shown once, with Copy per row and a CSV download (built in the browser:
// the passwords never travel again and are stored nowhere).
import Link from 'next/link';
import { CopyButton } from './copy-button';
import { buttonClass, Card, Notice } from './ui';

export type NewCredentials = { id: string; signInName: string; temporaryPassword: string };
export type CredentialsColumn<T> = { label: string; value: (row: T) => string; mono?: boolean };

const csvCell = (value: string) => {
  // Neutralise formulas as the server-side exports do (a password starts with a letter).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function downloadCredentialsCsv<T extends NewCredentials>(fileName: string, columns: CredentialsColumn<T>[], rows: T[]) {
  const header = [...columns.map((c) => c.label), 'Sign-in name', 'Temporary password'];
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => [...columns.map((c) => c.value(r)), r.signInName, r.temporaryPassword].map(csvCell).join(','))];
  const url = URL.createObjectURL(new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

export function NewCredentialsSummary<T extends NewCredentials>({ title, caption, columns, rows, fileName, back }: {
  title: string;
  caption: string;
  /** Columns shown before the sign-in name and the password. */
  columns: CredentialsColumn<T>[];
  rows: T[];
  fileName: string;
  back: { href: string; label: string };
}) {
  return (
    <Card title={title}>
      <Notice tone="warning" title="Copy or download these passwords now">
        This is the only time they are shown. Each person must change the password at the first sign-in.
      </Notice>
      <div className="mt-4 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" className="py-2 pr-4">
                  {c.label}
                </th>
              ))}
              <th scope="col" className="py-2 pr-4">Sign-in name</th>
              <th scope="col" className="py-2 pr-4">Temporary password</th>
              <th scope="col" className="py-2"><span className="sr-only">Copy</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id}>
                {columns.map((c) => (
                  <td key={c.label} className={c.mono ? 'py-2 pr-4 font-mono' : 'py-2 pr-4'}>
                    {c.value(row) || '—'}
                  </td>
                ))}
                <td className="py-2 pr-4 font-mono">{row.signInName}</td>
                <td className="py-2 pr-4 font-mono">{row.temporaryPassword}</td>
                <td className="py-2">
                  <CopyButton value={row.temporaryPassword} label={`Copy password of ${row.signInName}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-6 flex flex-wrap gap-3">
        <button type="button" className={buttonClass('primary')} onClick={() => downloadCredentialsCsv(fileName, columns, rows)}>
          Download CSV
        </button>
        <Link href={back.href} className={buttonClass('secondary')}>
          {back.label}
        </Link>
      </div>
    </Card>
  );
}
