'use client';
// A modal dialog on the native <dialog> element: focus is trapped and Escape closes it.
import { useEffect, useRef } from 'react';
import { cx } from './ui';

export function Dialog({ open, onClose, title, children, role = 'dialog', size = 'md' }: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  role?: 'dialog' | 'alertdialog';
  size?: 'md' | 'lg';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby="dialog-title"
      onClose={onClose}
      onCancel={onClose}
      className={cx('m-auto w-[calc(100%-2rem)] rounded-2xl border border-slate-200 bg-white p-0 shadow-2xl', size === 'lg' ? 'max-w-2xl' : 'max-w-md')}
    >
      {open && (
        <div className="p-6">
          <h2 id="dialog-title" className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="mt-3 text-sm text-slate-700">{children}</div>
        </div>
      )}
    </dialog>
  );
}
