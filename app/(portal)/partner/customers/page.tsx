import type { Metadata } from 'next';
import { SearchForm } from '@/app/_components/search-form';
import Link from 'next/link';
import { Badge, ButtonLink, buttonClass, EmptyState, formatDate, Notice, PageHeader } from '@/app/_components/ui';
import { RELATIONSHIP_STATUS_LABELS } from '@/domain/partners/relationship';
import { roleName } from '@/domain/shared/permissions';
import { systemClock } from '@/server/clock';
import { requirePartnerStaff } from '@/server/partners/party';
import { listAgentCustomers } from '@/server/queries/partners';
import { one, Pager } from '../paging';

export const metadata: Metadata = { title: 'Customers' };

type Search = Record<string, string | string[] | undefined>;

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user, party } = await requirePartnerStaff();
  const search = await searchParams;
  const q = one(search.q)?.trim() || undefined;
  const now = systemClock.now();
  const customers = await listAgentCustomers(user, { q, page: one(search.page), now });
  const isAdminAgent = party.partnerRole === 'adminAgent';
  const isSales = party.partnerRole === 'salesAgent';
  const added = one(search.added);
  return (
    <>
      <PageHeader
        title="Customers"
        description="Customers with an active or pending relationship with your organisation, and the roles you hold in each through your groups. Open one to work in its directory."
        actions={isAdminAgent ? <ButtonLink href="/partner/customers/new" variant="primary">Add customer</ButtonLink> : undefined}
      />
      {added && (
        <div className="mb-4">
          <Notice tone="success">{added} was added. The relationship waits for its Global Administrator’s approval.</Notice>
        </div>
      )}
      {isSales && (
        <div className="mb-4">
          <Notice tone="info">As a Sales agent you see the customer list; working in a customer’s directory needs an Admin or Helpdesk agent.</Notice>
        </div>
      )}
      <SearchForm action="/partner/customers" formLabel="Search customers" label="Search customers" placeholder="Name or domain" value={q} />
      {customers.rows.length === 0 ? (
        <EmptyState
          title={q ? 'No customer matches' : 'No customers yet'}
          action={isAdminAgent && !q ? <ButtonLink href="/partner/customers/new" variant="primary">Add customer</ButtonLink> : undefined}
        >
          {q ? 'Try another name or domain.' : 'Customers appear here once a relationship is requested. An Admin agent can request one or add a new customer.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Customers</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Customer</th>
                <th scope="col" className="px-4 py-3">Relationship</th>
                <th scope="col" className="px-4 py-3">Your roles</th>
                <th scope="col" className="px-4 py-3">Expires</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Open</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {customers.rows.map((c) => (
                <tr key={c.relationshipId}>
                  <td className="px-4 py-3">
                    {c.canOpen ? (
                      <Link href={`/tenants/${c.customerTenantId}`} className="font-medium text-brand-700 hover:underline">
                        {c.customerName}
                      </Link>
                    ) : (
                      <span className="font-medium text-slate-900">{c.customerName}</span>
                    )}
                    <span className="block text-xs text-slate-500">{c.customerDomain}</span>
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={c.status === 'active' ? 'green' : 'amber'}>{RELATIONSHIP_STATUS_LABELS[c.status]}</Badge>
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    {c.roles.length ? c.roles.map(roleName).join(', ') : <span className="text-slate-500">{c.status === 'active' ? 'No access' : '—'}</span>}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-700">{c.status === 'active' ? formatDate(c.endsAt) : <span className="text-slate-500">Not approved yet</span>}</td>
                  <td className="px-4 py-3 text-right">
                    {c.canOpen && (
                      <Link href={`/tenants/${c.customerTenantId}`} className={buttonClass('secondary', 'sm')} aria-label={`Open ${c.customerName}`}>
                        Open
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager base="/partner/customers" params={{ q }} page={customers.page} pages={customers.pages} total={customers.total} noun="customer" />
    </>
  );
}
