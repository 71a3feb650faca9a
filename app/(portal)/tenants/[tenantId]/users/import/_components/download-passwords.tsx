'use client';
// "Download passwords": the new users' temporary passwords as CSV, once. The server
// wipes them as it hands them out; a second attempt is told they are gone.
import { useState } from 'react';
import { Spinner } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';

type State = { status: 'idle' | 'busy' | 'done' | 'error'; message?: string };

export function DownloadPasswords({ tenantId, jobId }: { tenantId: string; jobId: string }) {
  const [state, setState] = useState<State>({ status: 'idle' });

  async function download() {
    setState({ status: 'busy' });
    try {
      const response = await fetch(`/api/tenants/${tenantId}/bulk-jobs/${jobId}/passwords`, { method: 'POST' });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState({ status: 'error', message: body?.error?.message ?? 'The passwords could not be downloaded.' });
        return;
      }
      const blob = await response.blob();
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'temporary-passwords.csv';
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      const count = Number(response.headers.get('x-password-count') ?? '0');
      setState({ status: 'done', message: `${count.toLocaleString('en')} temporary password${count === 1 ? '' : 's'} downloaded as ${name}. They are no longer kept in the portal: store the file safely and send each user their own.` });
    } catch {
      setState({ status: 'error', message: 'The download did not reach the portal. Nothing was used up: try again.' });
    }
  }

  return (
    <div className="space-y-3">
      <button type="button" className={buttonClass('primary')} onClick={download} disabled={state.status === 'busy'} aria-busy={state.status === 'busy'}>
        {state.status === 'busy' && <Spinner />}
        Download passwords
      </button>
      {state.status === 'done' && <Notice tone="success">{state.message}</Notice>}
      {state.status === 'error' && <Notice tone="error">{state.message}</Notice>}
    </div>
  );
}
