'use client';
// Run diagnostics for one user in one environment: every rule (R0–R6) with its
// message and fix. Running it re-synchronises that user there, so the page is
// refreshed afterwards (the row, the history). The accessible name of the button is
// "Run diagnostics"; put the view inside a region named after the environment.
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/form';
import { Notice } from '@/app/_components/ui';
import type { EligibilityVerdict } from '@/domain/environments/eligibility';
import type { Diagnostics } from '@/domain/environments/run-diagnostics';
import type { ActionState } from '@/server/actions/action-state';
import { runDiagnosticsAction } from './actions';
import { VerdictView } from './verdict-view';

export function DiagnosticsView({ tenantId, environmentId, environmentName, userId, displayName, canRun, current = null }: {
  tenantId: string;
  environmentId: string;
  environmentName: string;
  userId: string;
  displayName: string;
  canRun: boolean;
  /** The verdict as it stands, shown until diagnostics run. */
  current?: EligibilityVerdict | null;
}) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<Diagnostics>, FormData>(async (previous, formData) => {
    const result = await runDiagnosticsAction(tenantId, previous, formData);
    if (result.status === 'success') router.refresh();
    return result;
  }, { status: 'idle' });
  const result = state.status === 'success' ? state.data : undefined;
  const c = result?.counts;
  const changed = c ? [c.added && 'added', c.enabled && 'enabled', c.disabled && 'disabled', c.updated && 'updated'].filter(Boolean).join(', ') : '';
  return (
    <div className="space-y-3">
      {canRun && (
        <form action={action}>
          <input type="hidden" name="environmentId" value={environmentId} />
          <input type="hidden" name="userId" value={userId} />
          <SubmitButton variant="secondary" pendingLabel="Running diagnostics…">
            Run diagnostics
          </SubmitButton>
        </form>
      )}
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      {!result && current && <VerdictView verdict={current} caption={`Rules for ${displayName} in ${environmentName}`} />}
      {result && (
        <section aria-label={`Diagnostics for ${displayName} in ${environmentName}`} className="space-y-3">
          <p className="text-sm text-slate-600">
            {displayName} was re-synchronised in {environmentName}
            {changed ? ` (${changed})` : ': nothing needed to change'}.
          </p>
          <VerdictView verdict={result.verdict} applied caption={`Diagnostics for ${displayName} in ${environmentName}`} />
          {result.onDemand.decision !== result.verdict.decision && (
            <p className="text-sm text-slate-700">
              <span className="font-medium">Added on demand</span> (Add user, or {displayName} opening {environmentName}): {result.onDemand.summary}.
            </p>
          )}
        </section>
      )}
    </div>
  );
}
