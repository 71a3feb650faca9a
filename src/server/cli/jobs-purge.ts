// npm run jobs:purge — permanently delete users whose 30 days have passed, now.
// Safe alongside the scheduled job: users are claimed FOR UPDATE SKIP LOCKED.
import { resolveDatabase } from '../db/database-url';
import { migrate } from '../db/migrations';
import { loadProjectEnv } from './load-env';

loadProjectEnv();
const target = await resolveDatabase({ log: (l) => console.log(l) });
try {
  process.env.DATABASE_URL = target.url;
  await migrate(target.url);
  const { runPurge } = await import('../jobs/job-engine');
  await runPurge();
  const { db } = await import('../db/client');
  await db().$disconnect();
} finally {
  await target.stop();
}
