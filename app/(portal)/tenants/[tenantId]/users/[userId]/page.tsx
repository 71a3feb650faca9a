import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AuditTable } from '@/app/_components/audit-table';
import { LinkTabs } from '@/app/_components/link-tabs';
import { Badge, Card, DefinitionList, formatDateTime, NotPermitted, Notice, PageHeader } from '@/app/_components/ui';
import { countryName } from '@/domain/shared/countries';
import { isUuid } from '@/domain/shared/ids';
import { DIRECTORY_ROLES } from '@/domain/shared/permissions';
import { PROFILE_FIELD_LABELS, PROFILE_FIELDS } from '@/domain/users/user';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { getUserDetail } from '@/server/queries/user-detail';
import { EnvironmentsPanel } from './environments-panel';
import { GroupsPanel } from './groups-panel';
import { LicencesPanel } from './licences-panel';
import { UserActions } from './user-actions';

export const metadata: Metadata = { title: 'User' };

const TABS = [
  { id: 'profile', label: 'Profile' },
  { id: 'roles', label: 'Roles' },
  { id: 'licences', label: 'Licences' },
  { id: 'groups', label: 'Groups' },
  { id: 'environments', label: 'Environments' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export default async function UserPage({ params, searchParams }: { params: Promise<{ tenantId: string; userId: string }>; searchParams: Promise<{ tab?: string; saved?: string }> }) {
  const { tenantId, userId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('directory.read');
  if (denied) return <NotPermitted message={denied} />;
  if (!isUuid(userId)) notFound();
  const detail = await getUserDetail(access.actor, tenantId, userId);
  if (!detail) notFound();
  const { user } = detail;
  const { tab: requested, saved } = await searchParams;
  const tab: Tab = TABS.some((t) => t.id === requested) ? (requested as Tab) : 'profile';
  const base = `/tenants/${tenantId}/users/${user.id}`;

  return (
    <>
      <PageHeader
        title={user.displayName}
        breadcrumbs={[{ href: `/tenants/${tenantId}/users`, label: 'Users' }]}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{user.signInName}</span>
            {user.accountEnabled ? <Badge tone="green">Sign-in allowed</Badge> : <Badge tone="red">Sign-in blocked</Badge>}
            {user.mustChangePassword && <Badge tone="amber">Must change password</Badge>}
            {user.kind !== 'member' && <Badge>{user.kind}</Badge>}
          </span>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice tone="success">Changes saved.</Notice>
        </div>
      )}
      <div className="mb-6">
        <UserActions
          tenantId={tenantId}
          user={{ id: user.id, displayName: user.displayName, accountEnabled: user.accountEnabled }}
          denials={{ update: detail.denials['user.update'], reset: detail.denials['user.resetPassword'], block: detail.denials['user.block'], delete: detail.denials['user.delete'] }}
        />
      </div>
      {/* Exposed as tabs, not links: the sidebar has links named "Roles", "Licences"… too. */}
      <nav aria-label="User sections" className="mb-6 border-b border-slate-200">
        <LinkTabs
          label={`Sections of ${user.displayName}`}
          tabs={TABS.map((t) => ({ id: t.id, label: t.label, href: t.id === 'profile' ? base : `${base}?tab=${t.id}` }))}
          selected={tab}
          idPrefix="user-tab"
          panelId="user-tab-panel"
        />
      </nav>

      <div id="user-tab-panel" role="tabpanel" aria-labelledby={`user-tab-${tab}`}>
        {tab === 'profile' && (
          <div className="space-y-6">
            <Card title="Profile">
              <DefinitionList
                items={[
                  { label: 'Sign-in name', value: <span className="font-mono">{user.signInName}</span> },
                  ...PROFILE_FIELDS.map((f) => ({
                    label: PROFILE_FIELD_LABELS[f],
                    value: f === 'usageLocation' && user.usageLocation ? `${countryName(user.usageLocation)} (${user.usageLocation})` : user[f],
                  })),
                  { label: 'Created', value: formatDateTime(user.createdAt) },
                  { label: 'Last changed', value: `${formatDateTime(user.updatedAt)}${user.updatedByName ? ` by ${user.updatedByName}` : ''}` },
                ]}
              />
            </Card>
            <Card title="Recent activity">
              {detail.recentEvents.length ? <AuditTable rows={detail.recentEvents} caption={`Recent audit events for ${user.displayName}`} /> : <p className="text-sm text-slate-600">No recorded changes yet.</p>}
            </Card>
          </div>
        )}

        {tab === 'roles' && (
          <Card title="Directory roles">
            {user.roles.length ? (
              <ul className="divide-y divide-slate-100">
                {user.roles.map((r) => (
                  <li key={r} className="py-3">
                    <p className="font-medium text-slate-900">
                      {DIRECTORY_ROLES[r].name} <Badge tone="blue">Tier {DIRECTORY_ROLES[r].tier}</Badge>
                    </p>
                    <p className="text-sm text-slate-600">{DIRECTORY_ROLES[r].description}</p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">{user.displayName} holds no admin role.</p>
            )}
            <p className="mt-4 text-sm text-slate-600">
              {detail.denials['role.assign'] ? detail.denials['role.assign'] : (
                <><Link className="text-brand-700 underline" href={`${base}/edit?step=roles`}>Change {user.displayName}’s roles</Link> in the edit wizard.</>
              )}
            </p>
          </Card>
        )}

        {tab === 'licences' && <LicencesPanel tenantId={tenantId} userId={user.id} actor={access.actor} />}

        {tab === 'groups' && <GroupsPanel tenantId={tenantId} userId={user.id} actor={access.actor} />}
        {tab === 'environments' && <EnvironmentsPanel tenantId={tenantId} userId={user.id} actor={access.actor} />}
      </div>
    </>
  );
}
