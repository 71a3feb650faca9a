import { TenantFrame } from '@/app/(portal)/tenant-frame';

// Presentation only: every page below checks access itself (actions bypass layouts).
export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  return <TenantFrame tenantId={tenantId}>{children}</TenantFrame>;
}
