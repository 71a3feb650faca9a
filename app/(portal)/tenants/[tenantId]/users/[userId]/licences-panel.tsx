// The user page's "Licences" tab: the user's licences with Remove, and "Assign
// licences" (with the usage location asked for in the same step when missing).
// An async server component: it reads its own data, and the domain's authorize
// decides what the actor may do here (the controls show why not).
import { Card, EmptyState } from '@/app/_components/ui';
import { authorize, type Actor } from '@/domain/shared/permissions';
import { db } from '@/server/db/client';
import { listAllSubscriptions, listUserLicences } from '@/server/queries/licences';
import { prismaUserRepository } from '@/server/repositories/user-repository';
import { UserLicences } from '../../licences/_components/user-licences';

export async function LicencesPanel({ tenantId, userId, actor }: { tenantId: string; userId: string; actor: Actor }) {
  const user = await prismaUserRepository(db()).getById(tenantId, userId);
  if (!user) {
    return (
      <Card title="Licences">
        <EmptyState title="User not found">This user does not exist in this tenant, or has been deleted.</EmptyState>
      </Card>
    );
  }
  const [licences, subscriptions] = await Promise.all([listUserLicences(db(), tenantId, user.id), listAllSubscriptions(db(), tenantId)]);
  const held = new Set(licences.map((l) => l.subscriptionId));
  const denialOf = (action: 'licence.assign' | 'user.setUsageLocation') => {
    const result = authorize({ actor, tenantId, action, target: user });
    return result.ok ? null : result.error.message;
  };
  return (
    <Card title="Licences">
      <UserLicences
        tenantId={tenantId}
        user={{ id: user.id, displayName: user.displayName, usageLocation: user.usageLocation }}
        licences={licences.map((l) => ({ subscriptionId: l.subscriptionId, productName: l.productName, assignedAt: l.assignedAt.toISOString(), flags: l.flags }))}
        choices={subscriptions.map((s) => ({ id: s.id, productName: s.productName, seats: s.seats, consumed: s.consumed, available: s.available, held: held.has(s.id) }))}
        denial={denialOf('licence.assign')}
        usageLocationDenial={user.usageLocation ? null : denialOf('user.setUsageLocation')}
      />
    </Card>
  );
}
