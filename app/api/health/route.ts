import { db } from '@/server/db/client';

export const dynamic = 'force-dynamic';

/** For load balancers and the test harness: the app is up and its database answers. */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: 'ok' });
  } catch {
    return Response.json({ status: 'database unavailable' }, { status: 503 });
  }
}
