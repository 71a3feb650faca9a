import type { Metadata } from 'next';
import { NotPermitted, PageHeader } from '@/app/_components/ui';
import { checkMayRequest } from '@/domain/partners/relationship';
import { requirePartnerStaff } from '@/server/partners/party';
import { RequestRelationshipForm } from './request-form';

export const metadata: Metadata = { title: 'Request relationship' };

export default async function RequestRelationshipPage() {
  const { party } = await requirePartnerStaff();
  const allowed = checkMayRequest(party, party.tenantId);
  if (!allowed.ok) return <NotPermitted message={allowed.error.message} />;
  return (
    <>
      <PageHeader
        title="Request relationship"
        description="Ask a customer for directory roles in its tenant for a fixed time. Its Global Administrator approves or declines."
        breadcrumbs={[{ href: '/partner/relationships', label: 'Relationships' }]}
      />
      <RequestRelationshipForm tenantId={party.tenantId} />
    </>
  );
}
