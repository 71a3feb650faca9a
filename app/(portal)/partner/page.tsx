import { redirect } from 'next/navigation';
import { requirePartnerStaff } from '@/server/partners/party';

/** /partner leads to the customer list. */
export default async function PartnerHome() {
  await requirePartnerStaff();
  redirect('/partner/customers');
}
