import type { Metadata } from 'next';
import { ConfirmCommand } from '@/app/(portal)/partner/relationships/relationship-commands';
import { Badge, Card, EmptyState, formatDate, formatDateTime, NotPermitted, PageHeader } from '@/app/_components/ui';
import { daysLeft, isExpiringSoon, lapsesAt, RELATIONSHIP_STATUS_LABELS, type Relationship } from '@/domain/partners/relationship';
import { DIRECTORY_ROLES, roleName } from '@/domain/shared/permissions';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { systemClock } from '@/server/clock';
import { listCustomerRelationships } from '@/server/queries/partners';
import { approveRelationshipAction, declineRelationshipAction, terminateCustomerRelationshipAction } from './actions';

export const metadata: Metadata = { title: 'Partners' };

function RoleList({ r }: { r: Relationship }) {
  return (
    <ul className="mt-1 space-y-1">
      {r.roles.map((role) => (
        <li key={role}>
          <span className="font-medium text-slate-900">{roleName(role)}</span>
          <span className="text-slate-500"> — {DIRECTORY_ROLES[role].description}</span>
        </li>
      ))}
    </ul>
  );
}

export default async function PartnersPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const { actor, tenant } = access;
  if (actor.onBehalfOf || !actor.roles.includes('globalAdministrator')) {
    return <NotPermitted message="Only this tenant’s own Global Administrators see and decide on partner relationships." />;
  }
  if (tenant.kind !== 'customer') {
    return <NotPermitted message="Partner tenants manage their relationships with customers under Relationships." />;
  }
  const now = systemClock.now();
  const { pending, active, ended } = await listCustomerRelationships(tenantId);
  const approve = approveRelationshipAction.bind(null, tenantId);
  const decline = declineRelationshipAction.bind(null, tenantId);
  const terminate = terminateCustomerRelationshipAction.bind(null, tenantId);
  return (
    <>
      <PageHeader
        title="Partners"
        description="Partners administer this directory on your behalf only through a relationship you approve: the roles it grants, for a fixed time. Every action their agents take is in your audit log."
      />
      <div className="space-y-8">
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading" className="mb-3 text-lg font-semibold text-slate-900">
            Pending requests
          </h2>
          {pending.length === 0 ? (
            <EmptyState title="No pending requests">When a partner asks for access, the request appears here for your approval.</EmptyState>
          ) : (
            <ul className="space-y-4">
              {pending.map((r) => (
                <li key={r.id}>
                  <Card title={`${r.partnerName} asks for access`}>
                    <div className="grid gap-4 text-sm sm:grid-cols-2">
                      <div>
                        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Roles</p>
                        <RoleList r={r} />
                      </div>
                      <div className="space-y-2 text-slate-700">
                        <p>
                          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">For</span>
                          <br />
                          {r.durationDays} days from approval{r.autoExtend ? ', then extended by 180 days at a time until terminated' : ''}
                        </p>
                        <p>
                          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Requested</span>
                          <br />
                          {formatDateTime(r.requestedAt)}
                          {r.requestedByName ? ` by ${r.requestedByName}` : ''} · lapses {formatDate(lapsesAt(r))}
                        </p>
                      </div>
                    </div>
                    <div className="mt-4 flex flex-wrap gap-2">
                      <ConfirmCommand
                        action={approve}
                        relationshipId={r.id}
                        verb="Approve"
                        variant="primary"
                        label={`Approve the request from ${r.partnerName}`}
                        title={`Approve the request from ${r.partnerName}?`}
                        body={
                          <div className="space-y-2">
                            <p>
                              {r.partnerName}’s agents will act in {tenant.name} with these roles for {r.durationDays} days{r.autoExtend ? ' (auto-extended by 180 days)' : ''}:
                            </p>
                            <p className="font-medium">{r.roles.map(roleName).join(', ')}</p>
                            <p>You can terminate the relationship at any time.</p>
                          </div>
                        }
                      />
                      <ConfirmCommand
                        action={decline}
                        relationshipId={r.id}
                        verb="Decline"
                        label={`Decline the request from ${r.partnerName}`}
                        title={`Decline the request from ${r.partnerName}?`}
                        body={<p>{r.partnerName} gets no access. They can send a new request later.</p>}
                      />
                    </div>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="active-heading">
          <h2 id="active-heading" className="mb-3 text-lg font-semibold text-slate-900">
            Active relationships
          </h2>
          {active.length === 0 ? (
            <EmptyState title="No active relationships">No partner can act in this directory.</EmptyState>
          ) : (
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Active relationships</caption>
                <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-4 py-3">Partner</th>
                    <th scope="col" className="px-4 py-3">Roles</th>
                    <th scope="col" className="px-4 py-3">Since</th>
                    <th scope="col" className="px-4 py-3">Ends</th>
                    <th scope="col" className="px-4 py-3"><span className="sr-only">Commands</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {active.map((r) => {
                    const left = daysLeft(r, now);
                    return (
                      <tr key={r.id} className="align-top">
                        <td className="px-4 py-3 font-medium text-slate-900">{r.partnerName}</td>
                        <td className="px-4 py-3 text-slate-700">{r.roles.map(roleName).join(', ')}</td>
                        <td className="px-4 py-3 whitespace-nowrap text-slate-700">{formatDate(r.startsAt)}</td>
                        <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                          {formatDate(r.endsAt)}
                          {left !== null && (
                            <span className="block text-xs text-slate-500">
                              {left} day{left === 1 ? '' : 's'} left{r.autoExtend ? ' · auto-extend' : ''}
                            </span>
                          )}
                          {isExpiringSoon(r, now) && <Badge tone="amber">Ends soon</Badge>}
                        </td>
                        <td className="px-4 py-3 text-right">
                          <ConfirmCommand
                            action={terminate}
                            relationshipId={r.id}
                            verb="Terminate"
                            variant="danger"
                            label={`Terminate the relationship with ${r.partnerName}`}
                            title={`Terminate the relationship with ${r.partnerName}?`}
                            body={<p>{r.partnerName}’s agents lose their access to {tenant.name} at once.</p>}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {ended.length > 0 && (
          <section aria-labelledby="ended-heading">
            <h2 id="ended-heading" className="mb-3 text-lg font-semibold text-slate-900">
              Ended
            </h2>
            <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm">
              {ended.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                  <span>
                    <span className="font-medium text-slate-900">{r.partnerName}</span>
                    <span className="text-slate-500"> · {r.roles.map(roleName).join(', ')}</span>
                  </span>
                  <span className="text-slate-600">
                    <Badge>{RELATIONSHIP_STATUS_LABELS[r.status]}</Badge> {formatDate(r.endedAt ?? r.decidedAt)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
}
