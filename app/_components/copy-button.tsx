'use client';
import { useState } from 'react';
import { buttonClass } from './ui';

/** Copies a value (a one-time secret, a sign-in name) and says so. */
export function CopyButton({ value, label = 'Copy', describedBy }: { value: string; label?: string; describedBy?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass('secondary', 'sm')}
      aria-describedby={describedBy}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
        } catch {
          // Clipboard API unavailable (insecure context): select-and-copy fallback.
          const area = document.createElement('textarea');
          area.value = value;
          document.body.appendChild(area);
          area.select();
          document.execCommand('copy');
          area.remove();
        }
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {label}
      <span aria-live="polite" className="sr-only">
        {copied ? 'Copied' : ''}
      </span>
      {copied && <span aria-hidden="true">✓</span>}
    </button>
  );
}
