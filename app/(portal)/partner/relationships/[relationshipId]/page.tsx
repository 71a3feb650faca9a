import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge, Card, DefinitionList, EmptyState, formatDate, formatDateTime, Notice, NotPermitted, PageHeader } from '@/app/_components/ui';
import { daysLeft, isAdminAgent, isExpiringSoon, isLive, lapsesAt, RELATIONSHIP_STATUS_LABELS, SALES_AGENT_LIMIT, seesCustomerListOnly } from '@/domain/partners/relationship';
import { isUuid } from '@/domain/shared/ids';
import { roleName } from '@/domain/shared/permissions';
import { systemClock } from '@/server/clock';
import { requirePartnerStaff } from '@/server/partners/party';
import { getPartnerRelationship, listPartnerGroups } from '@/server/queries/partners';
import { terminateRelationshipAction } from '../../actions';
import { ConfirmCommand } from '../relationship-commands';
import { AssignAccessForm, RemoveAssignment } from './assignment-forms';

export const metadata: Metadata = { title: 'Relationship' };

export default async function RelationshipPage({ params }: { params: Promise<{ relationshipId: string }> }) {
  const { relationshipId } = await params;
  const { party } = await requirePartnerStaff();
  if (seesCustomerListOnly(party)) return <NotPermitted message={SALES_AGENT_LIMIT} />;
  if (!isUuid(relationshipId)) notFound();
  const r = await getPartnerRelationship(party.tenantId, relationshipId);
  if (!r) notFound();
  const now = systemClock.now();
  const admin = isAdminAgent(party, party.tenantId);
  const live = isLive(r, now);
  const groups = admin && live ? await listPartnerGroups(party.tenantId) : [];
  const left = daysLeft(r, now);
  return (
    <>
      <PageHeader
        title={r.customerName}
        description={
          <>
            Relationship with <strong>{r.customerDomain}</strong> · <Badge tone={r.status === 'active' ? 'green' : r.status === 'pending' ? 'amber' : 'slate'}>{RELATIONSHIP_STATUS_LABELS[r.status]}</Badge>
          </>
        }
        breadcrumbs={[{ href: '/partner/relationships', label: 'Relationships' }]}
        actions={
          admin && r.status === 'active' ? (
            <ConfirmCommand
              action={terminateRelationshipAction.bind(null, party.tenantId)}
              relationshipId={r.id}
              verb="Terminate"
              variant="danger"
              title={`Terminate the relationship with ${r.customerName}?`}
              body={<p>Your agents lose their access to {r.customerName} at once.</p>}
            />
          ) : undefined
        }
      />
      {isExpiringSoon(r, now) && (
        <div className="mb-4">
          <Notice tone="warning">
            {r.autoExtend ? `Extends automatically by 180 days on ${formatDate(r.endsAt)}.` : `Ends on ${formatDate(r.endsAt)}: request a new relationship before then to keep access.`}
          </Notice>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Terms">
          <DefinitionList
            items={[
              { label: 'Roles', value: r.roles.map(roleName).join(', ') },
              { label: 'Duration', value: `${r.durationDays} days${r.autoExtend ? ', auto-extended by 180 days' : ''}` },
              { label: 'Requested', value: `${formatDateTime(r.requestedAt)}${r.requestedByName ? ` by ${r.requestedByName}` : ''}` },
              { label: r.status === 'declined' ? 'Declined' : 'Approved', value: r.decidedAt ? `${formatDateTime(r.decidedAt)}${r.decidedByName ? ` by ${r.decidedByName}` : ''}` : null },
              { label: 'Ends', value: r.status === 'pending' ? `Lapses ${formatDate(lapsesAt(r))} unless approved` : r.endsAt ? `${formatDate(r.endsAt)}${left !== null ? ` (${left} days left)` : ''}` : null },
              { label: 'Ended', value: r.endedAt ? `${formatDateTime(r.endedAt)}${r.endedBySide ? ` · ${r.endedBySide === 'system' ? 'by the portal' : `by the ${r.endedBySide}`}` : ''}${r.endedByName ? ` (${r.endedByName})` : ''}` : null },
            ]}
          />
        </Card>
        <Card title="Access assignments">
          {r.assignments.length === 0 ? (
            <p className="text-sm text-slate-600">{live ? 'No group has access yet: agents get roles only through an assigned group.' : 'No group has access.'}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {r.assignments.map((a) => (
                <li key={a.groupId} className="flex items-start justify-between gap-3 py-2">
                  <div>
                    <p className="font-medium text-slate-900">{a.groupName}</p>
                    <p className="text-sm text-slate-600">{a.roles.map(roleName).join(', ')}</p>
                  </div>
                  {admin && live && <RemoveAssignment tenantId={party.tenantId} relationshipId={r.id} groupId={a.groupId} groupName={a.groupName} customerName={r.customerName} />}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {admin && live && (
        <div className="mt-6">
          <Card title="Assign access">
            <AssignAccessForm tenantId={party.tenantId} relationshipId={r.id} roles={r.roles} groups={groups} />
          </Card>
        </div>
      )}
      {!live && r.status !== 'pending' && (
        <div className="mt-6">
          <EmptyState title="This relationship gives no access">Request a new relationship to work in {r.customerName} again.</EmptyState>
        </div>
      )}
    </>
  );
}
