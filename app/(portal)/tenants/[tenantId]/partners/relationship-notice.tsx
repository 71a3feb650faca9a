// The overview's notice about partner relationships (domain.md §6: both sides are
// warned before a relationship expires). Customer side: pending requests and
// relationships ending within 30 days, for the tenant's own Global Administrators.
// Partner side: relationships ending within 30 days, for the partner's staff.
import Link from 'next/link';
import { Notice, formatDate } from '@/app/_components/ui';
import { roleName, type Actor } from '@/domain/shared/permissions';
import type { TenantKind } from '@/domain/tenants/tenant';
import { systemClock } from '@/server/clock';
import { relationshipNotices } from '@/server/queries/partners';

export async function RelationshipNotice({ tenantId, tenantKind, actor }: { tenantId: string; tenantKind: TenantKind; actor: Actor }) {
  if (actor.onBehalfOf) return null;
  const side = tenantKind === 'customer' ? 'customer' : 'partner';
  if (side === 'customer' && !actor.roles.includes('globalAdministrator')) return null;
  const now = systemClock.now();
  const { pending, expiring } = await relationshipNotices(tenantId, side, now);
  const shownPending = side === 'customer' ? pending : [];
  if (!shownPending.length && !expiring.length) return null;
  const other = (r: { partnerName: string; customerName: string }) => (side === 'customer' ? r.partnerName : r.customerName);
  const href = side === 'customer' ? `/tenants/${tenantId}/partners` : '/partner/relationships';
  return (
    <div className="mb-6 space-y-3">
      {shownPending.length > 0 && (
        <Notice tone="info" title={`${shownPending.length} partner request${shownPending.length === 1 ? '' : 's'} waiting for your approval`}>
          <ul className="list-disc pl-5">
            {shownPending.map((r) => (
              <li key={r.id}>
                {r.partnerName} asks for {r.roles.map(roleName).join(', ')} for {r.durationDays} days{r.autoExtend ? ', extended automatically by 180 days' : ''}.
              </li>
            ))}
          </ul>
          <Link href={href} className="mt-2 inline-block font-medium underline">
            Review partner requests
          </Link>
        </Notice>
      )}
      {expiring.length > 0 && (
        <Notice tone="warning" title={`${expiring.length} partner relationship${expiring.length === 1 ? '' : 's'} ending within 30 days`}>
          <ul className="list-disc pl-5">
            {expiring.map((r) => (
              <li key={r.id}>
                {other(r)}: {r.autoExtend ? 'extends automatically' : 'ends'} on {formatDate(r.endsAt)}
              </li>
            ))}
          </ul>
          <Link href={href} className="mt-2 inline-block font-medium underline">
            {side === 'customer' ? 'See partners' : 'See relationships'}
          </Link>
        </Notice>
      )}
    </div>
  );
}
