import type { Metadata } from 'next';
import { Badge, EmptyState, PageHeader } from '@/app/_components/ui';
import { ACCESS_MODE_LABELS, ENVIRONMENT_TYPE_LABELS } from '@/domain/environments/environment';
import { requireUser } from '@/server/auth/current-user';
import { db } from '@/server/db/client';
import { listMyEnvironments } from '@/server/queries/environments';
import { PageShell } from '../../page-shell';
import { OpenEnvironment } from './open-button';

export const metadata: Metadata = { title: 'My environments' };

export default async function MyEnvironmentsPage() {
  const user = await requireUser();
  const environments = await listMyEnvironments(db(), user.tenantId, user.userId);
  return (
    <PageShell>
      <PageHeader
        title="My environments"
        description={`The environments of ${user.tenantName}. Open one to get access: you are added the first time you open it, if you are eligible — or told what is missing.`}
      />
      {environments.length === 0 ? (
        <EmptyState title="No environments">{user.tenantName} has no environments yet.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {environments.map((e) => (
            <li key={e.id}>
              <section aria-label={e.name} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <OpenEnvironment tenantId={user.tenantId} environmentId={e.id}>
                  <div>
                    <h2 className="text-base font-semibold text-slate-900">{e.name}</h2>
                    <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                      <span>{ENVIRONMENT_TYPE_LABELS[e.type]}</span>
                      {e.state === 'enabled' && <Badge tone="green">You have access</Badge>}
                      {e.state === 'disabled' && <Badge tone="red">Your access is disabled</Badge>}
                      {e.state === 'notAdded' && <Badge>Not added yet</Badge>}
                      {e.accessMode && e.state === 'enabled' && <span>{ACCESS_MODE_LABELS[e.accessMode]}</span>}
                      {!e.hasDataverse && <span>No Dataverse database</span>}
                    </p>
                  </div>
                </OpenEnvironment>
              </section>
            </li>
          ))}
        </ul>
      )}
    </PageShell>
  );
}
