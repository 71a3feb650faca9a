'use client';
// What a change that affects eligibility would do in the environments — shown in a
// confirmation before it is saved: "Mary Parker will be disabled in Contoso
// Production". Computed on the server by the same engine the sync runs.
//
//   <ImpactPreview tenantId={tenantId} change={{ kind: 'removeLicence', userId, subscriptionId }} />
//
// change: removeLicence { userId, subscriptionId } · removeGroupMember { groupId, userId } ·
// blockUser { userId } · deleteUser { userId } · changeEnvironmentGroup { environmentId, groupId | null }.
import { useEffect, useState } from 'react';
import { previewImpactAction } from '@/app/(portal)/tenants/[tenantId]/environments/actions';
import type { Impact, ImpactChange } from '@/domain/environments/impact';
import { Spinner } from './form';

const MAX_SENTENCES = 20;

type Loaded = { key: string; impact: Impact | null; error: string | null };

export function ImpactPreview({ tenantId, change }: { tenantId: string; change: ImpactChange }) {
  const changeJson = JSON.stringify(change);
  const key = `${tenantId}:${changeJson}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let cancelled = false;
    const formData = new FormData();
    formData.set('change', changeJson);
    previewImpactAction(tenantId, { status: 'idle' }, formData)
      .then((state) => {
        if (cancelled) return;
        setLoaded({
          key,
          impact: state.status === 'success' && state.data ? state.data : null,
          error: state.status === 'error' ? (state.error?.message ?? 'The impact could not be computed.') : null,
        });
      })
      .catch(() => {
        if (!cancelled) setLoaded({ key, impact: null, error: 'The impact could not be computed.' });
      });
    return () => {
      cancelled = true;
    };
  }, [tenantId, changeJson, key]);

  const current = loaded?.key === key ? loaded : null;
  return (
    <section aria-label="Impact on environments" aria-busy={current === null} className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
      <h3 className="font-medium text-slate-900">Impact on environments</h3>
      {current === null ? (
        <p role="status" className="mt-1 flex items-center gap-2 text-slate-600">
          <Spinner /> Working out what this changes in environments…
        </p>
      ) : current.error ? (
        <p role="alert" className="mt-1 text-red-700">
          {current.error}
        </p>
      ) : current.impact && current.impact.lines.length > 0 ? (
        <div role="status" className="mt-1">
          <p className="font-medium text-amber-900">{current.impact.headline}.</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
            {current.impact.lines.slice(0, MAX_SENTENCES).map((line) => (
              <li key={`${line.userId}:${line.environmentId}`}>{line.sentence}.</li>
            ))}
          </ul>
          {current.impact.lines.length > MAX_SENTENCES && <p className="mt-1 text-slate-600">…and {current.impact.lines.length - MAX_SENTENCES} more.</p>}
        </div>
      ) : (
        <p role="status" className="mt-1 text-slate-600">
          No environment changes.
        </p>
      )}
    </section>
  );
}
