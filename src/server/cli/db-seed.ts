// npm run db:seed — load the demo tenants and users (idempotent).
import { seedDemo } from '../../../prisma/seed';
import { createPrismaClient } from '../db/client';
import { resolveDatabase } from '../db/database-url';
import { migrate } from '../db/migrations';
import { env } from '../config/env';
import { loadProjectEnv } from './load-env';

loadProjectEnv();
const target = await resolveDatabase({ log: (l) => console.log(l) });
const prisma = createPrismaClient(target.url);
try {
  await migrate(target.url);
  await seedDemo(prisma, { password: env().DEMO_PASSWORD, bcryptCost: env().BCRYPT_COST, log: (l) => console.log(l) });
} finally {
  await prisma.$disconnect();
  await target.stop();
}
