'use client';
// Tabs whose tabs are links (each section is its own URL, so it can be shared and
// reloaded), with the keyboard of the ARIA tabs pattern: only the selected tab is in
// the Tab order; the arrow keys, Home and End move between tabs, Enter opens one.
import Link from 'next/link';
import { useRef } from 'react';
import { cx } from './ui';

export type LinkTab = { id: string; label: string; href: string };

export function LinkTabs({ label, tabs, selected, idPrefix, panelId }: { label: string; tabs: readonly LinkTab[]; selected: string; idPrefix: string; panelId: string }) {
  const list = useRef<HTMLUListElement>(null);
  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>) => {
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('[role="tab"]') ?? [])];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: links.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    links[(next + links.length) % links.length]?.focus();
  };
  return (
    <ul ref={list} role="tablist" aria-label={label} onKeyDown={onKeyDown} className="-mb-px flex flex-wrap gap-4">
      {tabs.map((t) => (
        <li key={t.id} role="presentation">
          <Link
            id={`${idPrefix}-${t.id}`}
            role="tab"
            aria-selected={selected === t.id}
            aria-controls={panelId}
            tabIndex={selected === t.id ? 0 : -1}
            href={t.href}
            className={cx('inline-block border-b-2 px-1 pb-2 text-sm font-medium', selected === t.id ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900')}
          >
            {t.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
