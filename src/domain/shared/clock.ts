// The domain never reads the system clock: "now" comes from a Clock passed in,
// so the 30-day restore window, lockouts, session lifetimes, relationship expiry
// and the purge can be tested without waiting.
export type Clock = { now(): Date };

export const fixedClock = (at: Date | string): Clock => {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
};

/** A clock tests can move forward. */
export const manualClock = (start: Date | string) => {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
    set(at: Date | string) {
      current = new Date(at).getTime();
    },
  };
};

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
