import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, buttonClass, Card, DefinitionList, formatDateTime, NotPermitted, Notice, PageHeader } from '@/app/_components/ui';
import { inputClassName } from '@/app/_components/styles';
import { authorizeGroupChange, authorizeGroupRead, type GroupChange } from '@/domain/groups/group-permissions';
import { isUuid } from '@/domain/shared/ids';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { capQuery, getGroupDetail, listGroupMembers, listGroupOwners, listNestedGroups, listParentGroups, type Page } from '@/server/queries/groups';
import { AddMembersButton } from './add-members-dialog';
import { DeleteGroupButton } from './delete-group-button';
import { GroupDetailsForm } from './group-details-form';
import { RemoveButton } from './remove-button';

export const metadata: Metadata = { title: 'Group' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Each list of the page keeps its own search (`<p>q`) and cursor (`<p>after`, `<p>before`) in the URL. */
const SECTIONS = { members: 'm', nested: 'g', owners: 'o' } as const;
type Section = keyof typeof SECTIONS;

function href(base: string, search: Search, section: Section, cursor: { after?: string; before?: string }) {
  const params = new URLSearchParams();
  for (const [name, prefix] of Object.entries(SECTIONS)) {
    const q = first(search[`${prefix}q`]);
    if (q) params.set(`${prefix}q`, q);
    if (name !== section) {
      // Other lists stay on their page.
      for (const k of ['after', 'before']) {
        const v = first(search[`${prefix}${k}`]);
        if (v) params.set(`${prefix}${k}`, v);
      }
    }
  }
  const prefix = SECTIONS[section];
  if (cursor.after) params.set(`${prefix}after`, cursor.after);
  if (cursor.before) params.set(`${prefix}before`, cursor.before);
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

function SectionSearch({ base, search, section, label, placeholder }: { base: string; search: Search; section: Section; label: string; placeholder: string }) {
  const prefix = SECTIONS[section];
  return (
    <form method="get" action={base} role="search" aria-label={label} className="mb-3 flex flex-wrap items-end gap-2">
      {Object.values(SECTIONS)
        .filter((p) => p !== prefix && first(search[`${p}q`]))
        .map((p) => (
          <input key={p} type="hidden" name={`${p}q`} value={first(search[`${p}q`])} />
        ))}
      <label className="min-w-56 flex-1 text-sm font-medium text-slate-700">
        {label}
        <input type="search" name={`${prefix}q`} defaultValue={first(search[`${prefix}q`]) ?? ''} placeholder={placeholder} className={inputClassName} />
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        Search
      </button>
    </form>
  );
}

function Pager({ base, search, section, page, noun }: { base: string; search: Search; section: Section; page: Page<unknown>; noun: [string, string] }) {
  return (
    <nav aria-label={`Pages of ${noun[1]}`} className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <span>
        {page.total.toLocaleString('en')} {page.total === 1 ? noun[0] : noun[1]}
        {first(search[`${SECTIONS[section]}q`]) ? ' matching' : ''}
      </span>
      <span className="flex gap-2">
        {page.prevCursor && (
          <Link href={href(base, search, section, { before: page.prevCursor })} className={buttonClass('secondary', 'sm')} scroll={false}>
            Previous page
          </Link>
        )}
        {page.nextCursor && (
          <Link href={href(base, search, section, { after: page.nextCursor })} className={buttonClass('secondary', 'sm')} scroll={false}>
            Next page
          </Link>
        )}
      </span>
    </nav>
  );
}

const tableClass = 'min-w-full divide-y divide-slate-200 text-sm';
const headClass = 'bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500';

export default async function GroupPage({ params, searchParams }: { params: Promise<{ tenantId: string; groupId: string }>; searchParams: Promise<Search> }) {
  const { tenantId, groupId } = await params;
  const access = await requireTenantAccess(tenantId);
  if (!isUuid(groupId)) notFound();
  const group = await getGroupDetail(db(), tenantId, groupId);
  if (!group) notFound();
  // Readers of the directory see every group; a user without admin roles only the groups they own.
  const read = authorizeGroupRead({ actor: access.actor, tenantId, group });
  if (!read.ok) {
    if (read.error.code === 'NOT_FOUND') notFound();
    return <NotPermitted message="Only administrators and the owners of this group can open it." />;
  }
  const may = (change: GroupChange) => authorizeGroupChange({ actor: access.actor, tenantId, group, change }).ok;
  const canReadDirectory = access.can('directory.read');

  const search = await searchParams;
  const cursor = (section: Section) => ({ after: first(search[`${SECTIONS[section]}after`]), before: first(search[`${SECTIONS[section]}before`]) });
  const q = (section: Section) => ({ q: capQuery(first(search[`${SECTIONS[section]}q`])) });
  const [members, nested, owners, parents] = await Promise.all([
    listGroupMembers(db(), tenantId, groupId, q('members'), cursor('members')),
    listNestedGroups(db(), tenantId, groupId, q('nested'), cursor('nested')),
    listGroupOwners(db(), tenantId, groupId, q('owners'), cursor('owners')),
    listParentGroups(db(), tenantId, groupId),
  ]);
  const base = `/tenants/${tenantId}/groups/${groupId}`;
  const groupsBase = `/tenants/${tenantId}/groups`;
  const userLink = (u: { id: string; displayName: string }) =>
    canReadDirectory ? (
      <Link href={`/tenants/${tenantId}/users/${u.id}`} className="font-medium text-brand-700 hover:underline">
        {u.displayName}
      </Link>
    ) : (
      <span className="font-medium text-slate-900">{u.displayName}</span>
    );
  const groupLink = (g: { id: string; name: string }) =>
    canReadDirectory ? (
      <Link href={`${groupsBase}/${g.id}`} className="font-medium text-brand-700 hover:underline">
        {g.name}
      </Link>
    ) : (
      <span className="font-medium text-slate-900">{g.name}</span>
    );
  const canMembers = may('members');
  const canOwners = may('owners');
  const isOwnerOnly = !may('update') && canMembers;

  return (
    <>
      <PageHeader title={group.name} breadcrumbs={[{ href: groupsBase, label: 'Groups' }]} description={group.description ?? undefined} />
      <div className="space-y-6">
        {first(search.created) && <Notice tone="success">Group created. Add its owners and members below.</Notice>}
        <Notice tone="info" title="Environments count only direct user members">
          An environment that uses this group admits the users who are members of it directly; members through nested groups do not count for environment access.
        </Notice>
        {isOwnerOnly && <Notice tone="info">You own this group: you may add and remove its members. Its name, description and owners are changed by administrators.</Notice>}

        <Card title="Details">
          {may('update') ? (
            <GroupDetailsForm tenantId={tenantId} group={{ id: group.id, name: group.name, description: group.description, rowVersion: group.rowVersion }} />
          ) : (
            <DefinitionList
              items={[
                { label: 'Name', value: group.name },
                { label: 'Description', value: group.description },
              ]}
            />
          )}
          <p className="mt-4 text-xs text-slate-500">
            Created {formatDateTime(group.createdAt)} · last changed {formatDateTime(group.updatedAt)}
          </p>
        </Card>

        <Card title="Members" actions={canMembers ? <AddMembersButton tenantId={tenantId} groupId={group.id} groupName={group.name} purpose="members" /> : undefined}>
          <div className="space-y-8">
            <section aria-labelledby="user-members-heading">
              <h3 id="user-members-heading" className="mb-2 text-sm font-semibold text-slate-900">
                Users <span className="font-normal text-slate-500">({group.counts.userMembers})</span>
              </h3>
              <SectionSearch base={base} search={search} section="members" label="Search members" placeholder="Name or sign-in name" />
              {members.rows.length === 0 ? (
                <p className="rounded-xl border border-dashed border-slate-300 px-6 py-8 text-center text-sm text-slate-600">
                  {q('members').q ? 'No members match.' : `${group.name} has no user members yet.`}
                </p>
              ) : (
                <div className="overflow-x-auto rounded-xl border border-slate-200">
                  <table className={tableClass}>
                    <caption className="sr-only">User members of {group.name}</caption>
                    <thead className={headClass}>
                      <tr>
                        <th scope="col" className="px-4 py-3">Display name</th>
                        <th scope="col" className="px-4 py-3">Sign-in name</th>
                        <th scope="col" className="px-4 py-3">Membership</th>
                        {canMembers && <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {members.rows.map((u) => (
                        <tr key={u.id}>
                          <td className="px-4 py-3">
                            {userLink(u)}
                            {!u.accountEnabled && (
                              <span className="ml-2">
                                <Badge tone="red">Blocked</Badge>
                              </span>
                            )}
                          </td>
                          <td className="px-4 py-3 font-mono text-xs text-slate-700">{u.signInName}</td>
                          <td className="px-4 py-3">
                            <Badge tone="green">Direct</Badge>
                          </td>
                          {canMembers && (
                            <td className="px-4 py-3 text-right">
                              <RemoveButton tenantId={tenantId} groupId={group.id} groupName={group.name} kind="user" target={{ id: u.id, name: u.displayName }} />
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Pager base={base} search={search} section="members" page={members} noun={['user member', 'user members']} />
              {group.counts.inactiveUserMembers > 0 && (
                <p className="mt-2 text-xs text-slate-500">
                  {group.counts.inactiveUserMembers} deleted user{group.counts.inactiveUserMembers === 1 ? ' keeps its' : 's keep their'} membership, inactive; a restore brings it back.
                </p>
              )}
            </section>

            <section aria-labelledby="nested-groups-heading">
              <h3 id="nested-groups-heading" className="mb-2 text-sm font-semibold text-slate-900">
                Nested groups <span className="font-normal text-slate-500">({group.counts.nestedGroups})</span>
              </h3>
              <p className="mb-3 text-xs text-slate-600">Their members belong to {group.name} too, but members through nested groups do not count for environment access.</p>
              <SectionSearch base={base} search={search} section="nested" label="Search nested groups" placeholder="Group name" />
              {nested.rows.length === 0 ? (
                <p className="rounded-xl border border-dashed border-slate-300 px-6 py-8 text-center text-sm text-slate-600">
                  {q('nested').q ? 'No nested groups match.' : `No group is nested in ${group.name}.`}
                </p>
              ) : (
                <div className="overflow-x-auto rounded-xl border border-slate-200">
                  <table className={tableClass}>
                    <caption className="sr-only">Groups nested in {group.name}</caption>
                    <thead className={headClass}>
                      <tr>
                        <th scope="col" className="px-4 py-3">Group</th>
                        <th scope="col" className="px-4 py-3">Description</th>
                        <th scope="col" className="px-4 py-3 text-right">Its user members</th>
                        {canMembers && <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {nested.rows.map((g) => (
                        <tr key={g.id}>
                          <td className="px-4 py-3">
                            {groupLink(g)} <Badge>Nested group</Badge>
                          </td>
                          <td className="max-w-sm truncate px-4 py-3 text-slate-600">{g.description ?? <span className="text-slate-400">—</span>}</td>
                          <td className="px-4 py-3 text-right tabular-nums">{g.userMemberCount}</td>
                          {canMembers && (
                            <td className="px-4 py-3 text-right">
                              <RemoveButton tenantId={tenantId} groupId={group.id} groupName={group.name} kind="group" target={{ id: g.id, name: g.name }} />
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Pager base={base} search={search} section="nested" page={nested} noun={['nested group', 'nested groups']} />
            </section>

            {parents.length > 0 && (
              <section aria-labelledby="member-of-heading">
                <h3 id="member-of-heading" className="mb-2 text-sm font-semibold text-slate-900">
                  Member of
                </h3>
                <p className="text-sm text-slate-700">
                  {group.name} is nested in{' '}
                  {parents.map((p, i) => (
                    <span key={p.id}>
                      {i > 0 && ', '}
                      {groupLink(p)}
                    </span>
                  ))}
                  {group.counts.memberOf > parents.length ? ` and ${group.counts.memberOf - parents.length} more` : ''}.
                </p>
              </section>
            )}
          </div>
        </Card>

        <Card title="Owners" actions={canOwners ? <AddMembersButton tenantId={tenantId} groupId={group.id} groupName={group.name} purpose="owners" /> : undefined}>
          <p className="mb-3 text-sm text-slate-600">Owners may add and remove the members of {group.name} without an admin role.</p>
          <SectionSearch base={base} search={search} section="owners" label="Search owners" placeholder="Name or sign-in name" />
          {owners.rows.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 px-6 py-8 text-center text-sm text-slate-600">
              {q('owners').q ? 'No owners match.' : `${group.name} has no owners; administrators manage it.`}
            </p>
          ) : (
            <div className="overflow-x-auto rounded-xl border border-slate-200">
              <table className={tableClass}>
                <caption className="sr-only">Owners of {group.name}</caption>
                <thead className={headClass}>
                  <tr>
                    <th scope="col" className="px-4 py-3">Display name</th>
                    <th scope="col" className="px-4 py-3">Sign-in name</th>
                    {canOwners && <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {owners.rows.map((u) => (
                    <tr key={u.id}>
                      <td className="px-4 py-3">
                        {userLink(u)}
                        {u.id === access.actor.userId && (
                          <span className="ml-2">
                            <Badge tone="blue">You</Badge>
                          </span>
                        )}
                      </td>
                      <td className="px-4 py-3 font-mono text-xs text-slate-700">{u.signInName}</td>
                      {canOwners && (
                        <td className="px-4 py-3 text-right">
                          <RemoveButton tenantId={tenantId} groupId={group.id} groupName={group.name} kind="owner" target={{ id: u.id, name: u.displayName }} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager base={base} search={search} section="owners" page={owners} noun={['owner', 'owners']} />
        </Card>

        {may('delete') && (
          <Card title="Delete group">
            <div className="flex flex-wrap items-center justify-between gap-4">
              <p className="max-w-xl text-sm text-slate-600">Deleting removes the group with its memberships and ownerships. The users and nested groups stay.</p>
              <DeleteGroupButton
                tenantId={tenantId}
                group={{ id: group.id, name: group.name, userMembers: group.counts.userMembers + group.counts.inactiveUserMembers, nestedGroups: group.counts.nestedGroups, owners: group.counts.owners }}
              />
            </div>
          </Card>
        )}
      </div>
    </>
  );
}
