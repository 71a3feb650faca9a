import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/app/(auth)/change-password/change-password-form';
import { Card, DefinitionList, PageHeader } from '@/app/_components/ui';
import { roleName } from '@/domain/shared/permissions';
import { requireUser } from '@/server/auth/current-user';
import { PageShell } from '../page-shell';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <PageShell>
      <PageHeader title="Your account" description="Your sign-in details and password." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Profile">
          <DefinitionList
            items={[
              { label: 'Display name', value: user.displayName },
              { label: 'Sign-in name', value: user.signInName },
              { label: 'Organisation', value: user.tenantName },
              { label: 'Admin roles', value: user.roles.length ? user.roles.map(roleName).join(', ') : 'None' },
            ]}
          />
        </Card>
        <Card title="Change password">
          <ChangePasswordForm askCurrent />
        </Card>
      </div>
    </PageShell>
  );
}
