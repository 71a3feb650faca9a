// The environment is parsed at boot: defaults for what is unset, and one message that
// names every wrong variable, so a typo stops the start instead of a later request.
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/server/config/env';

describe('parseEnv', () => {
  it('fills in the defaults', () => {
    expect(parseEnv({})).toMatchObject({ BCRYPT_COST: 12, JOBS_ENABLED: true, SEED_DEMO: false, PORT: 3000, DATABASE_POOL_SIZE: 10 });
    expect(parseEnv({}).EMBEDDED_PG_PORT).toBeUndefined();
  });

  it('reads numbers and flags', () => {
    expect(parseEnv({ PORT: '3100', DATABASE_POOL_SIZE: '4', EMBEDDED_PG_PORT: '5544', JOBS_ENABLED: 'false', SEED_DEMO: 'true' })).toMatchObject({
      PORT: 3100,
      DATABASE_POOL_SIZE: 4,
      EMBEDDED_PG_PORT: 5544,
      JOBS_ENABLED: false,
      SEED_DEMO: true,
    });
  });

  it('names every wrong variable in one message', () => {
    expect(() => parseEnv({ DATABASE_POOL_SIZE: 'abc', PORT: '70000', JOBS_ENABLED: 'yes', AUTH_SECRET: 'short' })).toThrow(
      /Invalid environment configuration:[\s\S]*AUTH_SECRET: AUTH_SECRET must be at least 32 characters[\s\S]*JOBS_ENABLED[\s\S]*PORT[\s\S]*DATABASE_POOL_SIZE: DATABASE_POOL_SIZE must be a number/,
    );
  });
});
