/** bcrypt behind a port, so the domain stays free of native modules. */
export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** A comparison against a dummy hash, so a missing account takes as long as a wrong password. */
  verifyDummy(password: string): Promise<void>;
};
