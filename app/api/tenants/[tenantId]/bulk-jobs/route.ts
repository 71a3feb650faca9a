// Upload for a bulk job: the file is the request body (streamed, read up to a limit:
// far past the 1 MB of a server action), or no body and a users-list filter in the
// query. The rows are checked and stored as a preview; nothing else is written.
//   POST ?operation=add&mode=skip|update            body: the CSV file
//   POST ?operation=delete|restore|block|unblock    body: a CSV of sign-in names
//   POST ?operation=delete|block|unblock&source=filter&q=…&status=…&kind=…&admin=…   (the users list's filter)
//   POST ?operation=restore&source=filter&q=…                          (the deleted users list's search)
import { BULK_KIND_PERMISSION, BULK_ROW_LIMIT, type BulkJobKind } from '@/domain/imports/bulk-job';
import { systemClock } from '@/server/clock';
import { db } from '@/server/db/client';
import { createBulkPreview, type PreviewSource } from '@/server/imports/create-preview';
import { forbiddenOrigin, isSameOrigin, jsonProblem, readBody, routeAccess } from '@/server/imports/route-access';
import { parseUserListFilter } from '@/server/queries/users-list';

export const dynamic = 'force-dynamic';

/** Generous for 50,000 rows of the template (a full row is about 300 bytes). */
const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;
const PERMISSION = BULK_KIND_PERMISSION;
const isOperation = (value: string | undefined): value is BulkJobKind => value !== undefined && Object.hasOwn(PERMISSION, value);
const STATUS = { VALIDATION: 422, LIMIT_EXCEEDED: 413, NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, UNAUTHENTICATED: 401 } as const;

function fileNameOf(request: Request): string | null {
  const raw = request.headers.get('x-file-name');
  if (!raw) return null;
  try {
    return decodeURIComponent(raw).replace(/[\\/]/g, '_').slice(0, 255) || null;
  } catch {
    return null;
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  if (!isSameOrigin(request)) return forbiddenOrigin();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const operation = query.operation;
  if (!isOperation(operation)) return jsonProblem(400, 'Unknown operation.', 'VALIDATION');
  const access = await routeAccess(tenantId, PERMISSION[operation]);
  if (!access.ok) return access.response;

  let source: PreviewSource;
  if (query.source === 'filter' && operation !== 'add') {
    source = operation === 'restore' ? { type: 'filter', deleted: { q: query.q?.trim().slice(0, 100) || undefined } } : { type: 'filter', users: parseUserListFilter(query) };
  } else {
    const bytes = await readBody(request, MAX_UPLOAD_BYTES);
    if (!bytes) return jsonProblem(413, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Split it into files of at most ${BULK_ROW_LIMIT.toLocaleString('en')} rows.`, 'LIMIT_EXCEEDED');
    if (bytes.byteLength === 0) return jsonProblem(422, 'Choose a CSV file to upload.', 'VALIDATION');
    source = { type: 'file', fileName: fileNameOf(request), bytes };
  }

  try {
    const result = await createBulkPreview(db(), systemClock, {
      actor: access.actor,
      tenantId,
      kind: operation,
      source,
      existingMode: query.mode === 'update' ? 'update' : 'skip',
    });
    if (!result.ok) return jsonProblem(STATUS[result.error.code], result.error.message, result.error.rule ?? result.error.code);
    const folder = operation === 'add' ? 'import' : 'bulk';
    return Response.json({ ...result.value, url: `/tenants/${tenantId}/users/${folder}/${result.value.jobId}` }, { status: 201 });
  } catch (error) {
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`[bulk upload ${reference}]`, error);
    return jsonProblem(500, `Something went wrong on our side. Nothing was changed. Reference: ${reference}.`, 'UNEXPECTED');
  }
}
