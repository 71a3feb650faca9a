// The checks of a tenant's route handlers (uploads, downloads, the progress poll), as
// the action wrapper does them for server actions: a signed-in user who has set their
// own password, the tenant resolved on the server (out of reach → 404, so existence
// does not leak), the permission decided by the domain; and, for a POST, a request
// from the portal's own pages (route handlers get no built-in CSRF check).
import 'server-only';
import { authorize, type Action, type Actor } from '@/domain/shared/permissions';
import { getCurrentUser, type CurrentUser } from '../auth/current-user';
import { resolveActor } from '../auth/tenant-access';

export type RouteAccess = { ok: true; user: CurrentUser; actor: Actor } | { ok: false; response: Response };

const problem = (status: number, message: string, code: string) => Response.json({ error: { code, message } }, { status, headers: { 'Cache-Control': 'no-store' } });

export async function routeAccess(tenantId: string, action: Action): Promise<RouteAccess> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: problem(401, 'Your session has ended. Sign in again.', 'UNAUTHENTICATED') };
  if (user.mustChangePassword) return { ok: false, response: problem(401, 'Change your temporary password first.', 'UNAUTHENTICATED') };
  const actor = await resolveActor(user, tenantId);
  if (!actor) return { ok: false, response: problem(404, 'Not found.', 'NOT_FOUND') };
  const allowed = authorize({ actor, tenantId, action });
  if (!allowed.ok) {
    return { ok: false, response: allowed.error.code === 'NOT_FOUND' ? problem(404, 'Not found.', 'NOT_FOUND') : problem(403, allowed.error.message, allowed.error.code) };
  }
  return { ok: true, user, actor };
}

/** A state-changing request must come from this site: same Origin, or a same-origin fetch. */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.get('origin');
  if (!origin) return site === 'same-origin';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export const forbiddenOrigin = () => problem(403, 'This request did not come from the portal.', 'FORBIDDEN');

export { problem as jsonProblem };

/**
 * The request body, read chunk by chunk and refused as soon as it passes `maxBytes`
 * (so a huge upload is never held whole in memory); null when too large.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
