import type { Clock } from '@/domain/shared/clock';

/** The only place the portal reads the system clock. */
export const systemClock: Clock = { now: () => new Date() };
