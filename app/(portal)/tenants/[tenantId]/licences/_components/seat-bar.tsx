// Seats of a subscription: a progress bar with the numbers in words (server-safe,
// usable from client components too).
import { Badge, cx } from '@/app/_components/ui';
import { available, FLAG_LABELS, percentUsed, SUBSCRIPTION_FLAGS, type SubscriptionFlags } from '@/domain/licences/subscription';

export function SeatBar({ productName, seats, consumed, className }: { productName: string; seats: number; consumed: number; className?: string }) {
  const free = available({ seats, consumed });
  const percent = percentUsed({ seats, consumed });
  const tone = free === 0 ? 'bg-red-500' : percent >= 80 ? 'bg-amber-500' : 'bg-brand-600';
  return (
    <div className={cx('min-w-48', className)}>
      <div
        role="progressbar"
        aria-label={`Seats assigned in ${productName}`}
        aria-valuemin={0}
        aria-valuemax={seats}
        aria-valuenow={Math.min(consumed, seats)}
        aria-valuetext={`${consumed} of ${seats} seats assigned, ${free} available`}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cx('h-full rounded-full', tone)} style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600">
        <span className="font-medium tabular-nums text-slate-900">{consumed}</span> of <span className="tabular-nums">{seats}</span> assigned ·{' '}
        <span className={cx('tabular-nums', free === 0 && 'font-medium text-red-700')}>{free} available</span>
      </p>
    </div>
  );
}

export function FlagBadges({ flags }: { flags: SubscriptionFlags }) {
  const on = SUBSCRIPTION_FLAGS.filter((f) => flags[f]);
  if (!on.length) return <span className="text-xs text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {on.map((f) => (
        <span key={f} title={FLAG_LABELS[f].description}>
          <Badge tone={f === 'grantsDataverse' ? 'blue' : f === 'tenantMarketing' ? 'amber' : 'slate'}>{FLAG_LABELS[f].label}</Badge>
        </span>
      ))}
    </span>
  );
}
