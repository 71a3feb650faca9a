'use client';
import { useId } from 'react';
import { CopyButton } from './copy-button';

/** A temporary password, shown once: labelled, copyable, with the warning. */
export function OneTimeSecret({ value, signInName, label = 'Temporary password' }: { value: string; signInName?: string; label?: string }) {
  const id = useId();
  return (
    <div className="rounded-xl border border-amber-300 bg-amber-50 p-4">
      {signInName && (
        <p className="text-sm text-slate-700">
          Sign-in name: <strong className="font-mono">{signInName}</strong>
        </p>
      )}
      <label htmlFor={id} className="mt-2 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input id={id} readOnly value={value} className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-base tracking-wide" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={value} />
      </div>
      <p className="mt-2 text-sm font-medium text-amber-900">Copy it now: you will not see it again. The user must change it at the next sign-in.</p>
    </div>
  );
}
