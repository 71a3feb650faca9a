import type { Metadata } from 'next';
import { ComingSoon } from '@/app/_components/coming-soon';
import { requireUser } from '@/server/auth/current-user';
import { PageShell } from '../../page-shell';

export const metadata: Metadata = { title: 'My environments' };

export default async function MyEnvironmentsPage() {
  await requireUser();
  return (
    <PageShell>
      <ComingSoon title="My environments" message="The environments of your organisation, and access to them on first use, arrive with the environments work." />
    </PageShell>
  );
}
