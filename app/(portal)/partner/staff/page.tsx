import type { Metadata } from 'next';
import { SearchForm } from '@/app/_components/search-form';
import { Badge, ButtonLink, EmptyState, formatDate, NotPermitted, PageHeader } from '@/app/_components/ui';
import { mayManageStaff } from '@/domain/partners/create-staff-member';
import { PARTNER_ROLE_LABELS } from '@/domain/partners/relationship';
import { roleName } from '@/domain/shared/permissions';
import { requirePartnerStaff } from '@/server/partners/party';
import { listStaff } from '@/server/queries/partners';
import { one, Pager } from '../paging';
import { ChangeRoleButton } from './change-role-button';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { party } = await requirePartnerStaff();
  if (!mayManageStaff(party)) return <NotPermitted message="Only a Global Administrator or a User Administrator of your organisation manages its staff." />;
  const search = await searchParams;
  const q = one(search.q)?.trim() || undefined;
  const staff = await listStaff(party.tenantId, { q, page: one(search.page) });
  return (
    <>
      <PageHeader
        title="Staff"
        description="Your organisation’s own people and their partner roles: Admin agents manage customers and relationships, Helpdesk agents support customers’ users, Sales agents see the customer list."
        actions={<ButtonLink href="/partner/staff/new" variant="primary">New staff member</ButtonLink>}
      />
      <SearchForm action="/partner/staff" formLabel="Search staff" label="Search staff" placeholder="Name or email" value={q} />
      {staff.rows.length === 0 ? (
        <EmptyState title={q ? 'Nobody matches' : 'No staff yet'} action={!q ? <ButtonLink href="/partner/staff/new" variant="primary">New staff member</ButtonLink> : undefined}>
          {q ? 'Try another name or email.' : 'Add the people of your organisation who work with customers.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Staff</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">Partner role</th>
                <th scope="col" className="px-4 py-3">Directory roles</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Added</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {staff.rows.map((s) => (
                <tr key={s.id}>
                  <td className="px-4 py-3">
                    <span className="font-medium text-slate-900">{s.displayName}</span>
                    <span className="block text-xs text-slate-500">{s.signInName}</span>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{s.partnerRole ? PARTNER_ROLE_LABELS[s.partnerRole] : <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-3 text-slate-700">{s.roles.length ? s.roles.map(roleName).join(', ') : <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-3">
                    {!s.accountEnabled ? <Badge tone="red">Blocked</Badge> : s.mustChangePassword ? <Badge tone="amber">Must change password</Badge> : <Badge tone="green">Active</Badge>}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatDate(s.createdAt)}</td>
                  <td className="px-4 py-3 text-right">
                    {s.id !== party.userId && <ChangeRoleButton tenantId={party.tenantId} member={{ id: s.id, displayName: s.displayName, partnerRole: s.partnerRole }} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager base="/partner/staff" params={{ q }} page={staff.page} pages={staff.pages} total={staff.total} noun="person" />
    </>
  );
}
