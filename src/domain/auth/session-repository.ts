export type SessionRepository = {
  /** Ends every open session of the user except `keepSessionId`. */
  endAllForUser(tenantId: string, userId: string, reason: string, now: Date, keepSessionId?: string): Promise<number>;
  /** Moves a session onto the user's new session version (the one that changed the password keeps working). */
  adoptVersion(tenantId: string, sessionId: string, sessionVersion: number): Promise<void>;
};
