import { z } from 'zod';

// The environment, parsed once with a clear message when something is wrong: at boot
// (instrumentation.ts for the server, the CLI scripts for theirs), so a bad value stops
// the start instead of surfacing on some later request.
const port = (name: string) => z.coerce.number({ message: `${name} must be a port number` }).int().min(1).max(65_535);
const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgresql:// URL' }).optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)').optional(),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  DEMO_PASSWORD: z.string().min(12).default('Demo-Passw0rd!2026'),
  JOBS_ENABLED: flag('true'),
  SEED_DEMO: flag('false'),
  PORT: port('PORT').default(3000),
  EMBEDDED_PG_PORT: port('EMBEDDED_PG_PORT').optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ message: 'DATABASE_POOL_SIZE must be a number' }).int().min(1).max(200).default(10),
  PURGE_SCHEDULE: z.string().default('*/15 * * * *'),
  SYNC_SCHEDULE: z.string().default('*/5 * * * *'),
  RELATIONSHIP_SCHEDULE: z.string().default('*/5 * * * *'),
});

export type PortalEnv = z.infer<typeof Env>;

let parsed: PortalEnv | null = null;

/** The portal's settings from `source`; throws one message naming every wrong variable. */
export function parseEnv(source: Record<string, string | undefined>): PortalEnv {
  const result = Env.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export function env(): PortalEnv {
  parsed ??= parseEnv(process.env);
  return parsed;
}

export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set. "npm start" creates one in .data/; in production set it yourself.');
  return secret;
}
