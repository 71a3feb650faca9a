// The preview's seat pre-check (domain.md §4, issue #7): for each subscription the
// valid rows ask for, how many seats they need beside how many are free now —
// "Power Apps Premium: 12 rows ask for it, 5 seats free". It warns; it does not
// refuse: seats may be added before the import, and the job takes each seat under
// the subscription's lock, so a row that finds none fails on its own, clearly.
import { available, type SeatUsage } from '../licences/subscription';
import { plural } from './bulk-job';

export type SeatCheck = {
  subscriptionId: string;
  productName: string;
  /** Valid rows that take a seat of it. */
  requested: number;
  /** Seats free now. */
  available: number;
  /** Rows that will fail unless seats are added (0 when there are enough). */
  shortfall: number;
};

export type SeatCheckSubscription = SeatUsage & { id: string; productName: string };

/** One entry per subscription asked for, by product name. */
export function seatPreCheck(rows: readonly { seatRequests: readonly string[] }[], subscriptions: readonly SeatCheckSubscription[]): SeatCheck[] {
  const requested = new Map<string, number>();
  for (const row of rows) for (const id of new Set(row.seatRequests)) requested.set(id, (requested.get(id) ?? 0) + 1);
  return subscriptions
    .filter((s) => requested.has(s.id))
    .map((s) => {
      const count = requested.get(s.id) ?? 0;
      const free = available(s);
      return { subscriptionId: s.id, productName: s.productName, requested: count, available: free, shortfall: Math.max(0, count - free) };
    })
    .sort((a, b) => a.productName.localeCompare(b.productName, 'en'));
}

export const hasShortfall = (checks: readonly SeatCheck[]) => checks.some((c) => c.shortfall > 0);

/** "Power Apps Premium: 12 rows ask for it, 5 seats free — 7 rows will fail unless you add seats." */
export function seatCheckMessage(check: SeatCheck): string {
  const base = `${check.productName}: ${plural(check.requested, 'row')} ask${check.requested === 1 ? 's' : ''} for it, ${plural(check.available, 'seat')} free`;
  return check.shortfall > 0 ? `${base} — ${plural(check.shortfall, 'row')} will fail unless you add seats.` : `${base}.`;
}
