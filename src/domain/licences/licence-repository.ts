// Licence assignments as the user life cycle needs them (domain.md §3, §4): a
// deleted user's seats are freed at once, and a restore takes back each licence
// whose subscription still has a free seat.
export type LicenceLifecycleRepository = {
  /** Suspends the user's assignments (their seats become free); returns the product names. */
  releaseForDeletedUser(tenantId: string, userId: string, now: Date): Promise<string[]>;
  /**
   * Re-activates the suspended assignments one by one where a seat is free (under a
   * lock on each subscription), drops the others, and says which was which.
   */
  reassignAfterRestore(tenantId: string, userId: string, now: Date): Promise<{ reassigned: string[]; notReassigned: string[] }>;
};
