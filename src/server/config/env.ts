// The environment, parsed once with a clear message when something is wrong.
import { z } from 'zod';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgresql:// URL' }).optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters (openssl rand -base64 32)').optional(),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  DEMO_PASSWORD: z.string().min(12).default('Demo-Passw0rd!2026'),
  JOBS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  PURGE_SCHEDULE: z.string().default('*/15 * * * *'),
  SYNC_SCHEDULE: z.string().default('*/5 * * * *'),
  RELATIONSHIP_SCHEDULE: z.string().default('*/5 * * * *'),
});

export type PortalEnv = z.infer<typeof Env>;

let parsed: PortalEnv | null = null;

export function env(): PortalEnv {
  if (parsed) return parsed;
  const result = Env.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  parsed = result.data;
  return parsed;
}

export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set. "npm start" creates one in .data/; in production set it yourself.');
  return secret;
}
