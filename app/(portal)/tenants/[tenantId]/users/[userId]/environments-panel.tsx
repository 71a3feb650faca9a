// The user page's Environments tab: one line per environment of the tenant with
// the user's row and what the sync decides for them (the engine's verdict), and
// Run diagnostics per environment — every rule R0–R6 with its message and fix;
// running it re-synchronises the user there.
import Link from 'next/link';
import { Badge, EmptyState, formatDateTime } from '@/app/_components/ui';
import { ACCESS_MODE_LABELS, ENVIRONMENT_TYPE_LABELS } from '@/domain/environments/environment';
import { authorize, type Actor } from '@/domain/shared/permissions';
import { db } from '@/server/db/client';
import { listUserEnvironments } from '@/server/queries/environments';
import { DiagnosticsView } from '../../environments/diagnostics-view';
import { DecisionBadge } from '../../environments/verdict-view';

export async function EnvironmentsPanel({ tenantId, userId, actor }: { tenantId: string; userId: string; actor: Actor }) {
  const user = await db().user.findFirst({ where: { tenantId, id: userId }, select: { displayName: true } });
  if (!user) return null;
  const lines = await listUserEnvironments(db(), tenantId, userId);
  const canRun = authorize({ actor, tenantId, action: 'environment.manage' }).ok;
  if (lines.length === 0) {
    return (
      <EmptyState title="No environments">
        This tenant has no environments yet. <Link href={`/tenants/${tenantId}/environments`} className="text-brand-700 underline">Environments</Link>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        What the sync decides for {user.displayName} in each environment. Security groups count only for their direct members: membership through a nested group does not.
      </p>
      <ul className="space-y-4">
        {lines.map(({ environment, row, verdict }) => (
          <li key={environment.id}>
            <section aria-label={environment.name} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="text-base font-semibold text-slate-900">
                  <Link href={`/tenants/${tenantId}/environments/${environment.id}/users/${userId}`} className="hover:underline">
                    {environment.name}
                  </Link>{' '}
                  <span className="text-sm font-normal text-slate-500">{ENVIRONMENT_TYPE_LABELS[environment.type]}</span>
                </h3>
                <span className="flex flex-wrap items-center gap-2 text-sm">
                  {row ? (
                    <>
                      {row.isEnabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}
                      <span>{ACCESS_MODE_LABELS[row.accessMode]}</span>
                      <span className="text-slate-500">synchronised {formatDateTime(row.lastSyncedAt)}</span>
                    </>
                  ) : (
                    <Badge>Not in the user table</Badge>
                  )}
                </span>
              </div>
              {verdict && (
                <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                  <DecisionBadge verdict={verdict} />
                  <span>{verdict.summary}.</span>
                </p>
              )}
              <div className="mt-3">
                <DiagnosticsView
                  tenantId={tenantId}
                  environmentId={environment.id}
                  environmentName={environment.name}
                  userId={userId}
                  displayName={user.displayName}
                  canRun={canRun}
                />
              </div>
            </section>
          </li>
        ))}
      </ul>
    </div>
  );
}
