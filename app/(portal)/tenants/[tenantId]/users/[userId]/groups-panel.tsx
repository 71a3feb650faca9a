// The user page's "Groups" tab: every group the user belongs to, each marked Direct
// or Through <the user's direct group>, with a link to the group. Environments count
// only direct memberships (domain.md §7), and the panel says so.
import Link from 'next/link';
import { Badge, Card, EmptyState, Notice } from '@/app/_components/ui';
import { authorizeGroupRead } from '@/domain/groups/group-permissions';
import { authorize, type Actor } from '@/domain/shared/permissions';
import { db } from '@/server/db/client';
import { getUserGroups } from '@/server/queries/groups';

export async function GroupsPanel({ tenantId, userId, actor }: { tenantId: string; userId: string; actor: Actor }) {
  const allowed = authorize({ actor, tenantId, action: 'directory.read' });
  if (!allowed.ok) return <Notice tone="warning">{allowed.error.message}</Notice>;
  const memberships = await getUserGroups(db(), tenantId, userId);
  if (memberships === null) return <Notice tone="warning">This user does not exist or is deleted: a deleted user belongs to no group until restored.</Notice>;
  const base = `/tenants/${tenantId}/groups`;
  // Every reader of the directory may open any group (authorizeGroupRead); checked once.
  const canOpen = authorizeGroupRead({ actor, tenantId, group: { tenantId, ownerIds: [] } }).ok;
  const direct = memberships.filter((m) => m.direct).length;

  return (
    <Card title="Groups">
      {memberships.length === 0 ? (
        <EmptyState title="No groups">This user is not a member of any group.</EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600">
            {direct} direct membership{direct === 1 ? '' : 's'}, {memberships.length - direct} through nested groups. Environments count only direct memberships: members
            through nested groups do not count for environment access.
          </p>
          <ul className="divide-y divide-slate-100" aria-label="Groups of this user">
            {memberships.map((m) => (
              <li key={m.group.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                {canOpen ? (
                  <Link href={`${base}/${m.group.id}`} className="font-medium text-brand-700 hover:underline">
                    {m.group.name}
                  </Link>
                ) : (
                  <span className="font-medium text-slate-900">{m.group.name}</span>
                )}
                {m.direct ? (
                  <Badge tone="green">Direct</Badge>
                ) : (
                  <span className="flex flex-col items-end gap-0.5">
                    <Badge tone="slate">Through {m.via?.name}</Badge>
                    {m.path.length > 1 && (
                      <span className="text-xs text-slate-500">
                        {[...m.path.map((p) => p.name), m.group.name].join(' › ')}
                      </span>
                    )}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
