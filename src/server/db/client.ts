// The one Prisma client of a process, connected through node-postgres.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '@/generated/prisma/client';
import { env } from '../config/env';

export type Db = PrismaClient;
/** A client or an open transaction: repositories accept either. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

const globalForPrisma = globalThis as unknown as { portalPrisma?: Db };

export function createPrismaClient(url: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}

/** The process-wide client for DATABASE_URL (reused across hot reloads in development). */
export function db(): Db {
  if (!globalForPrisma.portalPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the portal with "npm start" or set it in .env.');
    globalForPrisma.portalPrisma = createPrismaClient(url, env().DATABASE_POOL_SIZE);
  }
  return globalForPrisma.portalPrisma;
}
