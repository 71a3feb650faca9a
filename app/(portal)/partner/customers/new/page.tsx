import type { Metadata } from 'next';
import { NotPermitted, PageHeader } from '@/app/_components/ui';
import { checkMayRequest } from '@/domain/partners/relationship';
import { requirePartnerStaff } from '@/server/partners/party';
import { AddCustomerForm } from './add-customer-form';

export const metadata: Metadata = { title: 'Add customer' };

export default async function AddCustomerPage() {
  const { party } = await requirePartnerStaff();
  const allowed = checkMayRequest(party, party.tenantId);
  if (!allowed.ok) return <NotPermitted message={allowed.error.message} />;
  return (
    <>
      <PageHeader
        title="Add customer"
        description="Create a new customer tenant with its first Global Administrator, and ask for the roles your agents need. The relationship starts when that administrator approves it."
        breadcrumbs={[{ href: '/partner/customers', label: 'Customers' }]}
      />
      <AddCustomerForm tenantId={party.tenantId} />
    </>
  );
}
