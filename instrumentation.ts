// Next.js start-up hook: the background job worker runs inside each server
// instance (pg-boss makes sure a scheduled job runs once across all of them).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Parse the environment now, so that a wrong value stops the server at start.
  const { env } = await import('./src/server/config/env');
  const { prepareDummyHash } = await import('./src/server/auth/password-hasher');
  await prepareDummyHash();
  if (!env().JOBS_ENABLED) return;
  const { startJobEngine } = await import('./src/server/jobs/job-engine');
  await startJobEngine().catch((error: unknown) => console.error('[jobs] could not start:', error));
}
