'use client';
// A user's licences on the user page: the list with Remove (confirmed), and
// "Assign licences": one checkbox per subscription, named by the product, with the
// seats left beside it; full ones disabled. A user without a usage location gets a
// required country picker in the same dialog: it is saved with the assignment.
import { useRouter } from 'next/navigation';
import { useActionState, useId, useState } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { ImpactPreview } from '@/app/_components/impact-preview';
import { FieldShell, inputClass, SubmitButton } from '@/app/_components/form';
import { buttonClass, cx, EmptyState, formatDate, Notice } from '@/app/_components/ui';
import type { AssignLicencesResult } from '@/domain/licences/assign-licences';
import type { SubscriptionFlags } from '@/domain/licences/subscription';
import { COUNTRY_OPTIONS, countryName } from '@/domain/shared/countries';
import type { ActionState } from '@/server/actions/action-state';
import { assignLicencesAction, removeLicenceAction } from '../actions';
import { FlagBadges } from './seat-bar';

export type LicenceChoice = { id: string; productName: string; seats: number; consumed: number; available: number; held: boolean };
export type HeldLicence = { subscriptionId: string; productName: string; assignedAt: string; flags: SubscriptionFlags };
export type LicenceUser = { id: string; displayName: string; usageLocation: string | null };

type Props = {
  tenantId: string;
  user: LicenceUser;
  licences: HeldLicence[];
  choices: LicenceChoice[];
  /** null when the actor may assign and remove this user's licences, else why not. */
  denial: string | null;
  /** null when the actor may set this user's usage location, else why not. */
  usageLocationDenial: string | null;
};

const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function AssignForm({ tenantId, user, choices, usageLocationDenial, close, onDone }: Omit<Props, 'licences' | 'denial'> & { close: () => void; onDone: (message: string) => void }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<AssignLicencesResult>, FormData>(async (previous, formData) => {
    const result = await assignLicencesAction(tenantId, previous, formData);
    if (result.status === 'success') {
      onDone(result.message ?? 'Licences assigned.');
      close();
    }
    // Success or refusal, the seats shown here may have moved: read them again.
    router.refresh();
    return result;
  }, { status: 'idle' });
  const error = state.status === 'error' ? state.error : undefined;
  const checked = new Set(asList(state.values?.subscriptionIds));
  const needsLocation = !user.usageLocation;
  const choiceErrors = error?.code === 'VALIDATION' ? error.fieldErrors?.subscriptionIds : undefined;
  const locationErrors = error?.fieldErrors?.usageLocation;
  // A refusal explained beside a field is not repeated above the form.
  const showTopError = error && !(error.code === 'VALIDATION' && (choiceErrors?.length || locationErrors?.length));
  const assignable = choices.filter((c) => !c.held && c.available > 0).length;
  const legendId = useId();

  if (!choices.length) {
    return (
      <div className="space-y-4">
        <EmptyState title="No subscriptions">This tenant has no subscriptions yet, so there is nothing to assign.</EmptyState>
        <div className="flex justify-end">
          <button type="button" className={buttonClass('secondary')} onClick={close}>
            Close
          </button>
        </div>
      </div>
    );
  }

  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="userId" value={user.id} />
      {showTopError && <Notice tone="error">{error.message}</Notice>}
      <fieldset aria-describedby={choiceErrors?.length ? `${legendId}-error` : undefined}>
        <legend id={legendId} className="text-sm font-medium text-slate-800">
          Licences
        </legend>
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200">
          {choices.map((c) => {
            const inputId = `assign-${c.id}`;
            const full = !c.held && c.available === 0;
            return (
              <li key={c.id} className={cx('flex items-center justify-between gap-4 px-3 py-2.5', (c.held || full) && 'bg-slate-50')}>
                <span className="flex items-center gap-3">
                  <input
                    id={inputId}
                    type="checkbox"
                    name="subscriptionIds"
                    value={c.id}
                    disabled={c.held || full}
                    defaultChecked={c.held || (!full && checked.has(c.id))}
                    aria-describedby={`${inputId}-seats`}
                    className="size-4 accent-brand-600"
                  />
                  <label htmlFor={inputId} className={cx('text-sm font-medium', c.held || full ? 'text-slate-500' : 'text-slate-900')}>
                    {c.productName}
                  </label>
                </span>
                <span id={`${inputId}-seats`} className={cx('text-xs tabular-nums', full ? 'font-medium text-red-700' : 'text-slate-600')}>
                  {c.held ? 'Already assigned' : full ? `No seats left (${c.consumed} of ${c.seats} assigned)` : `${c.available} of ${c.seats} available`}
                </span>
              </li>
            );
          })}
        </ul>
        {choiceErrors?.length ? (
          <ul id={`${legendId}-error`} className="mt-1 space-y-0.5 text-sm text-red-700">
            {choiceErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>

      {needsLocation && (
        <FieldShell
          label="Usage location"
          name="usageLocation"
          required
          errors={locationErrors}
          hint={usageLocationDenial ?? `${user.displayName} has no usage location, and licences need one: choose the country where they use the licence. It is saved with the assignment.`}
        >
          <select
            id="usageLocation"
            name="usageLocation"
            required
            defaultValue={typeof state.values?.usageLocation === 'string' ? state.values.usageLocation : ''}
            aria-invalid={locationErrors?.length ? true : undefined}
            aria-describedby={locationErrors?.length ? 'usageLocation-error' : 'usageLocation-hint'}
            className={inputClass(Boolean(locationErrors?.length))}
          >
            <option value="">Choose a country…</option>
            {COUNTRY_OPTIONS.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </FieldShell>
      )}
      {!needsLocation && user.usageLocation && (
        <p className="text-xs text-slate-500">
          Usage location: {countryName(user.usageLocation)} ({user.usageLocation}).
        </p>
      )}

      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton pendingLabel="Assigning…" disabled={assignable === 0}>
          Assign
        </SubmitButton>
      </div>
    </form>
  );
}

function RemoveForm({ tenantId, user, licence, close, onDone }: { tenantId: string; user: LicenceUser; licence: HeldLicence; close: () => void; onDone: (message: string) => void }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ displayName: string; productName: string }>, FormData>(async (previous, formData) => {
    const result = await removeLicenceAction(tenantId, previous, formData);
    if (result.status === 'success') {
      onDone(result.message ?? 'Licence removed.');
      close();
      router.refresh();
    }
    return result;
  }, { status: 'idle' });
  return (
    <form action={action} className="space-y-4">
      <p>
        The seat becomes free at once.{' '}
        {licence.flags.grantsDataverse &&
          'Removing a licence is not the recommended way to stop access to an environment (an administrator keeps access without one): remove the user from the environment’s security group instead.'}
      </p>
      <ImpactPreview tenantId={tenantId} change={{ kind: 'removeLicence', userId: user.id, subscriptionId: licence.subscriptionId }} />
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="subscriptionId" value={licence.subscriptionId} />
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={close}>
          Cancel
        </button>
        <SubmitButton variant="danger" pendingLabel="Removing…">
          Remove
        </SubmitButton>
      </div>
    </form>
  );
}

export function UserLicences({ tenantId, user, licences, choices, denial, usageLocationDenial }: Props) {
  const [assigning, setAssigning] = useState(false);
  const [removing, setRemoving] = useState<HeldLicence | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const denialId = useId();
  return (
    <div className="space-y-4">
      {message && <Notice tone="success">{message}</Notice>}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="text-sm text-slate-600">
          {user.usageLocation ? (
            <>
              Usage location: <span className="font-medium text-slate-900">{countryName(user.usageLocation)}</span>
            </>
          ) : (
            <>No usage location yet: it is asked for when you assign the first licence.</>
          )}
        </p>
        <div className="flex flex-col items-end">
          <button
            type="button"
            className={buttonClass('primary')}
            disabled={Boolean(denial)}
            aria-describedby={denial ? denialId : undefined}
            onClick={() => {
              setMessage(null);
              setAssigning(true);
            }}
          >
            Assign licences
          </button>
          {denial && (
            <span id={denialId} className="mt-1 max-w-64 text-right text-xs text-slate-500">
              {denial}
            </span>
          )}
        </div>
      </div>

      {licences.length ? (
        <div className="overflow-x-auto rounded-xl border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Licences of {user.displayName}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Product</th>
                <th scope="col" className="px-4 py-3">Includes</th>
                <th scope="col" className="px-4 py-3">Assigned</th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {licences.map((l) => (
                <tr key={l.subscriptionId}>
                  <td className="px-4 py-3 font-medium text-slate-900">{l.productName}</td>
                  <td className="px-4 py-3">
                    <FlagBadges flags={l.flags} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDate(l.assignedAt)}</td>
                  <td className="px-4 py-3 text-right">
                    <button
                      type="button"
                      className={buttonClass('secondary', 'sm')}
                      disabled={Boolean(denial)}
                      aria-label={`Remove ${l.productName}`}
                      onClick={() => {
                        setMessage(null);
                        setRemoving(l);
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="No licences">{user.displayName} has no licence assigned.</EmptyState>
      )}

      <Dialog open={assigning} onClose={() => setAssigning(false)} title={`Assign licences to ${user.displayName}`} size="lg">
        <AssignForm tenantId={tenantId} user={user} choices={choices} usageLocationDenial={usageLocationDenial} close={() => setAssigning(false)} onDone={setMessage} />
      </Dialog>
      <Dialog open={removing !== null} onClose={() => setRemoving(null)} title={removing ? `Remove ${removing.productName} from ${user.displayName}?` : ''} role="alertdialog">
        {removing && <RemoveForm tenantId={tenantId} user={user} licence={removing} close={() => setRemoving(null)} onDone={setMessage} />}
      </Dialog>
    </div>
  );
}
