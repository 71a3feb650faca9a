// "Download passwords": the new users' temporary passwords, once. A POST (never a GET:
// a prefetch or a link preview must not use up the only download); the values are
// wiped in the transaction that reads them, so a second attempt is told they are gone.
import { systemClock } from '@/server/clock';
import { db } from '@/server/db/client';
import { takeOneTimePasswords } from '@/server/imports/bulk-job-commands';
import { defaultPasswordSealer } from '@/server/imports/password-sealer';
import { forbiddenOrigin, isSameOrigin, jsonProblem, routeAccess } from '@/server/imports/route-access';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ tenantId: string; jobId: string }> }) {
  const { tenantId, jobId } = await params;
  if (!isSameOrigin(request)) return forbiddenOrigin();
  const access = await routeAccess(tenantId, 'user.create');
  if (!access.ok) return access.response;
  const result = await takeOneTimePasswords(db(), { clock: systemClock, sealer: defaultPasswordSealer() }, { actor: access.actor, tenantId, jobId });
  if (!result.ok) {
    const status = result.error.rule === 'PASSWORDS_GONE' ? 410 : result.error.code === 'NOT_FOUND' ? 404 : result.error.code === 'FORBIDDEN' ? 403 : 409;
    return jsonProblem(status, result.error.message, result.error.rule ?? result.error.code);
  }
  return new Response(result.value.csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${result.value.fileName}"`,
      'Cache-Control': 'no-store',
      'X-Password-Count': String(result.value.count),
    },
  });
}
