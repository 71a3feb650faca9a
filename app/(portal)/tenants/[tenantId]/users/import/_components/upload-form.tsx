'use client';
// Upload a CSV for a bulk job. The file goes to a route handler as the request body
// (streamed: far past a server action's 1 MB), which checks every row and stores the
// preview; then the browser opens the preview.
import { useRouter } from 'next/navigation';
import { useActionState, useId } from 'react';
import { inputClass, SubmitButton } from '@/app/_components/form';
import type { BulkJobKind } from '@/domain/imports/bulk-job';

type UploadState = { error: string | null; fileError: string | null };

export function UploadForm({ tenantId, operation, showExistingMode = false }: { tenantId: string; operation: BulkJobKind; showExistingMode?: boolean }) {
  const router = useRouter();
  const id = useId();
  const [state, action] = useActionState<UploadState, FormData>(async (_previous, formData) => {
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0) return { error: null, fileError: 'Choose a CSV file.' };
    const mode = formData.get('existingMode') === 'update' ? 'update' : 'skip';
    try {
      const response = await fetch(`/api/tenants/${tenantId}/bulk-jobs?operation=${operation}&mode=${mode}`, {
        method: 'POST',
        body: file,
        headers: { 'Content-Type': 'text/csv', 'X-File-Name': encodeURIComponent(file.name) },
      });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok && body && typeof body === 'object' && 'url' in body && typeof body.url === 'string') {
        router.push(body.url);
        return { error: null, fileError: null };
      }
      const message =
        body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object' && 'message' in body.error && typeof body.error.message === 'string'
          ? body.error.message
          : 'The file could not be uploaded. Try again.';
      return response.status === 422 || response.status === 413 ? { error: null, fileError: message } : { error: message, fileError: null };
    } catch {
      return { error: 'The upload did not reach the portal. Check your connection and try again.', fileError: null };
    }
  }, { error: null, fileError: null });

  return (
    <form action={action} className="space-y-4">
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          CSV file
        </label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-invalid={state.fileError ? true : undefined}
          aria-describedby={state.fileError ? `${id}-file-error` : `${id}-file-hint`}
          className={`${inputClass(Boolean(state.fileError))} mt-1 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-sm`}
        />
        {state.fileError ? (
          <p id={`${id}-file-error`} className="mt-1 text-sm text-red-700">
            {state.fileError}
          </p>
        ) : (
          <p id={`${id}-file-hint`} className="mt-1 text-xs text-slate-500">
            UTF-8 (with or without BOM), comma or semicolon separated, up to 50,000 rows.
          </p>
        )}
      </div>
      {showExistingMode && (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">If a sign-in name already exists in this tenant</legend>
          <div className="mt-2 space-y-2 text-sm text-slate-700">
            <label className="flex items-start gap-2">
              <input type="radio" name="existingMode" value="skip" defaultChecked className="mt-0.5 accent-brand-600" />
              <span>
                <span className="font-medium">Skip it</span> — leave that user as they are.
              </span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="existingMode" value="update" className="mt-0.5 accent-brand-600" />
              <span>
                <span className="font-medium">Update it</span> — write the file’s non-empty cells over the user’s details, and add its licences and groups.
              </span>
            </label>
          </div>
        </fieldset>
      )}
      {state.error && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {state.error}
        </p>
      )}
      <SubmitButton pendingLabel="Uploading and checking…">Upload</SubmitButton>
    </form>
  );
}
