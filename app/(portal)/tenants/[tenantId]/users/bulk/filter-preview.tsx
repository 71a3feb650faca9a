'use client';
// "All N matching" from the users list (or the deleted users list): the server reads
// the filter's users and stores the preview, as for a file; then its page opens.
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/form';
import { Notice } from '@/app/_components/ui';
import type { BulkJobKind } from '@/domain/imports/bulk-job';

export function FilterPreview({ tenantId, operation, query, count }: { tenantId: string; operation: Exclude<BulkJobKind, 'add'>; query: string; count: number }) {
  const router = useRouter();
  const [error, action] = useActionState<string | null, FormData>(async () => {
    try {
      const response = await fetch(`/api/tenants/${tenantId}/bulk-jobs?${query}${query ? '&' : ''}operation=${operation}&source=filter`, { method: 'POST' });
      const body = (await response.json().catch(() => null)) as { url?: string; error?: { message?: string } } | null;
      if (response.ok && body?.url) {
        router.push(body.url);
        return null;
      }
      return body?.error?.message ?? 'The preview could not be made. Try again.';
    } catch {
      return 'The request did not reach the portal. Check your connection and try again.';
    }
  }, null);
  return (
    <form action={action} className="space-y-3">
      {error && <Notice tone="error">{error}</Notice>}
      <SubmitButton pendingLabel="Checking…" disabled={count === 0}>
        {`Preview the ${count.toLocaleString('en')} user${count === 1 ? '' : 's'}`}
      </SubmitButton>
    </form>
  );
}
