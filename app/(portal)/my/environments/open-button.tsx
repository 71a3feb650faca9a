'use client';
// "Open": the first access to an environment. The engine runs with the firstAccess
// trigger and either grants access (creating or enabling the user's row) or says
// why not, rule by rule, with the fix.
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/form';
import { Notice } from '@/app/_components/ui';
import type { OpenEnvironmentResult } from '@/domain/environments/open-environment';
import type { ActionState } from '@/server/actions/action-state';
import { openEnvironmentAction } from './actions';

/** What first access did, in the user's words. */
function grantedText(result: OpenEnvironmentResult): string {
  const { verdict, environmentName } = result;
  const done =
    verdict.decision === 'add' ? `You were added to ${environmentName}` : verdict.decision === 'enable' ? `Your access to ${environmentName} is enabled again` : `You already have access to ${environmentName}`;
  const administrative = verdict.accessMode === 'Administrative' ? ' as an administrative user (settings only, no access to data)' : '';
  const role = verdict.rules.find((r) => r.code === 'R6_SECURITY_ROLE');
  const noRole = role && role.applied && !role.passed ? ' You have no security role there yet: you can sign in but see no data until an administrator assigns one.' : '';
  return `${done}${administrative}.${noRole}`;
}

export function OpenEnvironment({ tenantId, environmentId, children }: { tenantId: string; environmentId: string; children: React.ReactNode }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<OpenEnvironmentResult>, FormData>(async (previous, formData) => {
    const result = await openEnvironmentAction(tenantId, previous, formData);
    if (result.status === 'success' && result.data?.granted) router.refresh();
    return result;
  }, { status: 'idle' });
  const result = state.status === 'success' ? state.data : undefined;
  const failed = result && !result.granted ? result.verdict.rules.filter((r) => r.applied && !r.passed && r.code !== 'R6_SECURITY_ROLE') : [];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        {children}
        <form action={action}>
          <input type="hidden" name="environmentId" value={environmentId} />
          <SubmitButton pendingLabel="Opening…">Open</SubmitButton>
        </form>
      </div>
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      {result?.granted && (
        <Notice tone="success" title={`You have access to ${result.environmentName}`}>
          {grantedText(result)}
        </Notice>
      )}
      {result && !result.granted && (
        <Notice tone="warning" title={`You cannot open ${result.environmentName} yet`}>
          <ul className="mt-1 space-y-2">
            {failed.map((rule) => (
              <li key={rule.code}>
                <span className="font-mono text-xs">{rule.code}</span> — {rule.message}
                {rule.fix && <span className="block text-sm">What to do: {rule.fix}. Ask your administrator if you cannot do it yourself.</span>}
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </div>
  );
}
