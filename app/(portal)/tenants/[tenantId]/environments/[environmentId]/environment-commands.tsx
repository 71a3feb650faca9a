'use client';
// The environment page's commands: Sync now, Add user (search, the engine's
// verdict with every rule, then confirm), Add non-interactive user, Create
// application user and Import records. Each dialog keeps its own state and is
// unmounted on close. Side effects of a submission (refresh, close) happen inside
// the function given to useActionState, never in an effect.
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { FieldShell, FormError, inputClass, SubmitButton, TextField } from '@/app/_components/form';
import { buttonClass, Notice } from '@/app/_components/ui';
import type { EligibilityDecision, EligibilityVerdict } from '@/domain/environments/eligibility';
import { SECURITY_ROLES, type SyncCounts } from '@/domain/environments/environment';
import type { ImportRecordsResult } from '@/domain/environments/import-records';
import type { ActionState } from '@/server/actions/action-state';
import type { DirectoryUserOption } from '@/server/queries/environments';
import {
  addUserAction,
  createApplicationUserAction,
  findDirectoryUsersAction,
  importRecordsAction,
  previewAddUserAction,
  syncNowAction,
} from '../actions';
import { verdictIn, VerdictView } from '../verdict-view';

type Environment = { id: string; name: string; hasDataverse: boolean; hasSalesApp: boolean };
type Props = { tenantId: string; environment: Environment };
const idle = { status: 'idle' } as const;

function SyncNow({ tenantId, environment, onMessage }: Props & { onMessage: (text: string) => void }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<SyncCounts & { durationMs: number }>, FormData>(async (previous, formData) => {
    const result = await syncNowAction(tenantId, previous, formData);
    if (result.status === 'success') {
      onMessage(result.message ?? 'Synchronised.');
      router.refresh();
    }
    return result;
  }, idle);
  return (
    <form action={action} className="flex flex-col">
      <input type="hidden" name="environmentId" value={environment.id} />
      <SubmitButton pendingLabel="Synchronising…">Sync now</SubmitButton>
      {state.status === 'error' && (
        <span role="alert" className="mt-1 max-w-64 text-xs text-red-700">
          {state.error?.message}
        </span>
      )}
    </form>
  );
}

/** Search a directory user, see the engine's verdict for an on-demand add, confirm. */
function AddUserPanel({ tenantId, environment, kind, close, onDone }: Props & { kind: 'member' | 'nonInteractive'; close: () => void; onDone: (text: string) => void }) {
  const router = useRouter();
  const [picked, setPicked] = useState<DirectoryUserOption | null>(null);
  // Controlled, so that the search text survives the form's reset after each search.
  const [query, setQuery] = useState('');
  const [search, searchAction] = useActionState<ActionState<DirectoryUserOption[]>, FormData>((previous, formData) => findDirectoryUsersAction(tenantId, previous, formData), idle);
  const [preview, previewAction] = useActionState<ActionState<{ displayName: string; verdict: EligibilityVerdict }>, FormData>(
    (previous, formData) => previewAddUserAction(tenantId, previous, formData),
    idle,
  );
  const [added, addAction] = useActionState<ActionState<{ displayName: string; decision: EligibilityDecision }>, FormData>(async (previous, formData) => {
    const result = await addUserAction(tenantId, previous, formData);
    if (result.status === 'success') {
      onDone(result.message ?? 'Added.');
      router.refresh();
    }
    return result;
  }, idle);
  const verdict = preview.status === 'success' ? (preview.data?.verdict ?? null) : null;
  // A refused add brings the fresh verdict; a later check of another user replaces it.
  const refusedVerdict = added.status === 'error' && (added.submittedAt ?? 0) > (preview.submittedAt ?? 0) ? verdictIn(added.error?.details) : null;
  const shown = refusedVerdict ?? verdict;
  const canConfirm = shown !== null && shown.decision !== 'reject' && shown.decision !== 'none' && refusedVerdict === null;
  const confirmLabel = kind === 'nonInteractive' ? 'Add non-interactive user' : 'Add user';

  return (
    <div className="space-y-4">
      <form action={searchAction} role="search" className="flex items-end gap-2">
        <input type="hidden" name="kind" value={kind === 'nonInteractive' ? 'nonInteractive' : 'any'} />
        <label className="flex-1 text-sm font-medium text-slate-800">
          {kind === 'nonInteractive' ? 'Search non-interactive accounts' : 'Search users'}
          <input type="search" name="q" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Name or sign-in name" className={`mt-1 ${inputClass()}`} />
        </label>
        <SubmitButton variant="secondary" pendingLabel="Searching…">
          Search
        </SubmitButton>
      </form>
      {search.status === 'error' && <Notice tone="error">{search.error?.message}</Notice>}
      {search.status === 'success' && search.data && (
        search.data.length === 0 ? (
          <p className="text-sm text-slate-600">{kind === 'nonInteractive' ? 'No non-interactive account matches.' : 'No user matches.'}</p>
        ) : (
          <ul aria-label="Matching users" className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200">
            {search.data.map((u) => (
              <li key={u.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                <span>
                  <span className="block font-medium text-slate-900">{u.displayName}</span>
                  <span className="block font-mono text-xs text-slate-500">{u.signInName}</span>
                </span>
                <form action={previewAction}>
                  <input type="hidden" name="environmentId" value={environment.id} />
                  <input type="hidden" name="userId" value={u.id} />
                  <button type="submit" className={buttonClass(picked?.id === u.id ? 'primary' : 'secondary', 'sm')} aria-label={`Check ${u.displayName}`} onClick={() => setPicked(u)}>
                    Check
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )
      )}
      {preview.status === 'error' && <Notice tone="error">{preview.error?.message}</Notice>}
      {shown && (
        <section aria-label="Verdict" className="space-y-3">
          <h3 className="text-sm font-semibold text-slate-900">What the sync rules say for {preview.data?.displayName ?? picked?.displayName} in {environment.name}</h3>
          <VerdictView verdict={shown} caption={`Rules for ${preview.data?.displayName ?? 'the user'} in ${environment.name}`} />
        </section>
      )}
      {added.status === 'error' && (added.submittedAt ?? 0) > (preview.submittedAt ?? 0) && <Notice tone="error">{added.error?.message}</Notice>}
      <form action={addAction} className="flex justify-end gap-3">
        <input type="hidden" name="environmentId" value={environment.id} />
        <input type="hidden" name="userId" value={picked?.id ?? ''} />
        <input type="hidden" name="kind" value={kind} />
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton pendingLabel="Adding…" disabled={!canConfirm || !picked}>
          {confirmLabel}
        </SubmitButton>
      </form>
    </div>
  );
}

function ApplicationUserPanel({ tenantId, environment, close, onDone }: Props & { close: () => void; onDone: (text: string) => void }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ id: string; name: string }>, FormData>(async (previous, formData) => {
    const result = await createApplicationUserAction(tenantId, previous, formData);
    if (result.status === 'success') {
      onDone(result.message ?? 'Created.');
      router.refresh();
    }
    return result;
  }, idle);
  const errors = state.error?.fieldErrors ?? {};
  const value = (key: string) => (typeof state.values?.[key] === 'string' ? String(state.values[key]) : '');
  const chosen = new Set([state.values?.securityRoles ?? []].flat());
  return (
    <form action={action} className="space-y-4" noValidate>
      <p>The application user is created enabled, with # as first name, in access mode Non-interactive. It needs no licence and does not count against the limit of 7 non-interactive users.</p>
      {state.status === 'error' && !state.error?.fieldErrors && <FormError message={state.error?.message} />}
      <input type="hidden" name="environmentId" value={environment.id} />
      <TextField label="Name" name="name" required defaultValue={value('name')} errors={errors.name} />
      <TextField label="Application ID" name="applicationId" required defaultValue={value('applicationId')} errors={errors.applicationId} hint="The application (client) id of the app registration." />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Security roles</legend>
        <div className="mt-1 grid grid-cols-2 gap-1">
          {SECURITY_ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="securityRoles" value={role} defaultChecked={chosen.has(role)} className="size-4 accent-brand-600" />
              {role}
            </label>
          ))}
        </div>
        {errors.securityRoles?.map((e) => (
          <p key={e} className="text-sm text-red-700">
            {e}
          </p>
        ))}
      </fieldset>
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton pendingLabel="Creating…">Create application user</SubmitButton>
      </div>
    </form>
  );
}

function ImportPanel({ tenantId, environment, close }: Props & { close: () => void }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<ImportRecordsResult>, FormData>(async (previous, formData) => {
    const file = formData.get('file');
    formData.delete('file');
    formData.set('csv', file instanceof File ? await file.text() : '');
    const result = await importRecordsAction(tenantId, previous, formData);
    if (result.status === 'success') router.refresh();
    return result;
  }, idle);
  if (state.status === 'success' && state.data) {
    const { created, skipped, securityRole } = state.data;
    return (
      <div className="space-y-4">
        <Notice tone="success">{state.message}</Notice>
        {created.length > 0 && (
          <div>
            <h3 className="text-sm font-semibold text-slate-900">Stub users created ({securityRole})</h3>
            <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5 font-mono text-xs">
              {created.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </div>
        )}
        {skipped.length > 0 && (
          <div>
            <h3 className="text-sm font-semibold text-slate-900">Left as they are</h3>
            <ul className="mt-1 max-h-40 space-y-0.5 overflow-y-auto text-xs">
              {skipped.map((s) => (
                <li key={`${s.line}-${s.signInName}`}>
                  Line {s.line}: <span className="font-mono">{s.signInName}</span> — {s.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="flex justify-end">
          <button type="button" className={buttonClass('primary')} onClick={close}>
            Done
          </button>
        </div>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <p>
        A CSV of the sign-in names of your records’ owners (a “User Name” column, or one column of addresses). Owners who have no directory user get a <strong>stub</strong> user: it
        cannot sign in, cannot be enabled, is never synchronised, and gets the role {environment.hasSalesApp ? 'Salesperson' : 'Basic User'}. Synchronise before importing, so that
        existing users are not duplicated.
      </p>
      {state.status === 'error' && !state.error?.fieldErrors?.file && <FormError message={state.error?.message} />}
      <input type="hidden" name="environmentId" value={environment.id} />
      <FieldShell label="Records file (CSV)" name="file" errors={state.error?.fieldErrors?.file}>
        <input id="file" name="file" type="file" accept=".csv,text/csv" required className="block w-full text-sm" aria-invalid={state.error?.fieldErrors?.file ? true : undefined} />
      </FieldShell>
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton pendingLabel="Importing…">Import</SubmitButton>
      </div>
    </form>
  );
}

export function EnvironmentCommands({ tenantId, environment, denial }: Props & { denial: string | null }) {
  const [open, setOpen] = useState<'add' | 'nonInteractive' | 'application' | 'import' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const close = () => setOpen(null);
  const done = (text: string) => {
    setMessage(text);
    setOpen(null);
  };
  if (denial) return <p className="text-sm text-slate-600">{denial}</p>;
  const noTable = !environment.hasDataverse;
  return (
    <>
      {message && (
        <div className="mb-3">
          <Notice tone="success">{message}</Notice>
        </div>
      )}
      <div className="flex flex-wrap items-start gap-2">
        <SyncNow tenantId={tenantId} environment={environment} onMessage={setMessage} />
        <button type="button" className={buttonClass('secondary')} onClick={() => setOpen('add')} disabled={noTable}>
          Add user
        </button>
        <button type="button" className={buttonClass('secondary')} onClick={() => setOpen('nonInteractive')} disabled={noTable}>
          Add non-interactive user
        </button>
        <button type="button" className={buttonClass('secondary')} onClick={() => setOpen('application')} disabled={noTable}>
          Create application user
        </button>
        <button type="button" className={buttonClass('secondary')} onClick={() => setOpen('import')} disabled={noTable}>
          Import records
        </button>
      </div>
      <Dialog open={open === 'add'} onClose={close} title={`Add a user to ${environment.name}`} size="lg">
        <AddUserPanel tenantId={tenantId} environment={environment} kind="member" close={close} onDone={done} />
      </Dialog>
      <Dialog open={open === 'nonInteractive'} onClose={close} title={`Add a non-interactive user to ${environment.name}`} size="lg">
        <AddUserPanel tenantId={tenantId} environment={environment} kind="nonInteractive" close={close} onDone={done} />
      </Dialog>
      <Dialog open={open === 'application'} onClose={close} title={`Create an application user in ${environment.name}`} size="lg">
        <ApplicationUserPanel tenantId={tenantId} environment={environment} close={close} onDone={done} />
      </Dialog>
      <Dialog open={open === 'import'} onClose={close} title={`Import records into ${environment.name}`} size="lg">
        <ImportPanel tenantId={tenantId} environment={environment} close={close} />
      </Dialog>
    </>
  );
}
