// Next.js start-up hook: the background job worker runs inside each server
// instance (pg-boss makes sure a scheduled job runs once across all of them).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.JOBS_ENABLED === 'false') return;
  const { startJobEngine } = await import('./src/server/jobs/job-engine');
  await startJobEngine().catch((error: unknown) => console.error('[jobs] could not start:', error));
}
