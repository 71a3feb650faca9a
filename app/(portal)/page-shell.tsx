import { requireUser } from '@/server/auth/current-user';
import { TenantFrame } from './tenant-frame';

// The frame of pages outside a tenant (account, tenant list, My environments): the
// home tenant's navigation around a narrower column.
export async function PageShell({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <TenantFrame tenantId={user.tenantId}>
      <div className="mx-auto w-full max-w-5xl">{children}</div>
    </TenantFrame>
  );
}
