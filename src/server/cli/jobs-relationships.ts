// npm run jobs:relationships — apply partner relationship deadlines now: lapse
// requests older than 90 days, expire (or auto-extend) relationships at their end,
// warn both sides 30 days before. Safe alongside the scheduled job: relationships are
// claimed FOR UPDATE SKIP LOCKED.
import { resolveDatabase } from '../db/database-url';
import { migrate } from '../db/migrations';
import { loadProjectEnv } from './load-env';

loadProjectEnv();
const target = await resolveDatabase({ log: (l) => console.log(l) });
try {
  process.env.DATABASE_URL = target.url;
  await migrate(target.url);
  const { runRelationshipDeadlines } = await import('../partners/relationship-job');
  await runRelationshipDeadlines();
  const { db } = await import('../db/client');
  await db().$disconnect();
} finally {
  await target.stop();
}
