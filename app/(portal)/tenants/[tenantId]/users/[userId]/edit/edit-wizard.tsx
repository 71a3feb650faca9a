'use client';
// Edit as the partner centre does it: Info → Roles → Review (old → new) → Finish.
// The save names the version the admin started from; a change made meanwhile by
// someone else is reported, never overwritten.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useRef, useState } from 'react';
import { FormError, SubmitButton } from '@/app/_components/form';
import { buttonClass, Card, cx, Notice } from '@/app/_components/ui';
import { countryName } from '@/domain/shared/countries';
import type { ActionState } from '@/server/actions/action-state';
import { updateUserAction } from '../../actions';
import { ProfileFields, RoleCheckboxes } from '../../profile-fields';

type Role = { id: string; name: string; description: string; tier: number };
type Props = {
  tenantId: string;
  userId: string;
  rowVersion: number;
  original: Record<string, string>;
  originalRoles: string[];
  assignableRoles: Role[];
  roleNames: Record<string, string>;
  labels: Record<string, string>;
  canEditProfile: boolean;
  /** "roles" opens the wizard at its Roles step (the user page's "Change … roles" link). */
  startAt?: 'roles';
};

const show = (field: string, value: string) => (value ? (field === 'usageLocation' ? `${countryName(value)} (${value})` : value) : '—');

export function EditWizard({ tenantId, userId, rowVersion, original, originalRoles, assignableRoles, roleNames, labels, canEditProfile, startAt }: Props) {
  const router = useRouter();
  const steps = ['Info', ...(assignableRoles.length ? ['Roles'] : []), 'Review'];
  const [step, setStep] = useState(() => (startAt === 'roles' ? Math.max(0, steps.indexOf('Roles')) : 0));
  const [review, setReview] = useState<{ changes: { field: string; from: string; to: string }[]; rolesFrom: string[]; rolesTo: string[] } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const userPage = `/tenants/${tenantId}/users/${userId}`;
  const [state, action] = useActionState<ActionState<{ changed: string[] }>, FormData>(async (previous, formData) => {
    const result = await updateUserAction(tenantId, previous, formData);
    if (result.status === 'success') router.push(`${userPage}?saved=1`);
    if (result.status === 'error' && result.error?.fieldErrors) setStep(0);
    return result;
  }, { status: 'idle' });

  const computeReview = () => {
    if (!form.current) return;
    const data = new FormData(form.current);
    const changes = Object.keys(labels)
      .map((field) => ({ field, from: original[field] ?? '', to: String(data.get(field) ?? '').trim() }))
      .filter((c) => c.from !== c.to);
    const rolesTo = assignableRoles.length ? data.getAll('roles').map(String) : originalRoles;
    setReview({ changes, rolesFrom: originalRoles, rolesTo });
  };
  const go = (next: number) => {
    if (steps[next] === 'Review') computeReview();
    setStep(next);
  };
  const errors = state.status === 'error' ? (state.error?.fieldErrors ?? {}) : {};
  const values = state.status === 'error' ? { ...original, ...(state.values ?? {}) } : original;
  const rolesChanged = review && (review.rolesFrom.length !== review.rolesTo.length || review.rolesFrom.some((r) => !review.rolesTo.includes(r)));
  const nothingChanged = review && !review.changes.length && !rolesChanged;

  return (
    <form ref={form} action={action} className="space-y-6">
      <ol className="flex flex-wrap gap-2" aria-label="Steps">
        {steps.map((label, i) => (
          <li key={label} aria-current={i === step ? 'step' : undefined} className={cx('rounded-full px-3 py-1 text-sm', i === step ? 'bg-brand-600 text-white' : i < step ? 'bg-brand-100 text-brand-800' : 'bg-slate-100 text-slate-600')}>
            {i + 1}. {label}
          </li>
        ))}
      </ol>
      {state.status === 'error' && (
        <FormError message={state.error?.message} />
      )}
      {state.status === 'error' && state.error?.rule === 'STALE_VERSION' && (
        <button type="button" className={buttonClass('secondary')} onClick={() => router.refresh()}>
          Load the current values
        </button>
      )}
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="rowVersion" value={rowVersion} />
      {assignableRoles.length > 0 && <input type="hidden" name="rolesIncluded" value="1" />}
      {/* Disabled fields are not submitted: carry the unchanged profile for role-only editors. */}
      {!canEditProfile && Object.entries(original).map(([field, value]) => <input key={field} type="hidden" name={field} value={value} />)}

      <div hidden={steps[step] !== 'Info'}>
        <Card title="Info">
          <fieldset disabled={!canEditProfile}>
            {!canEditProfile && <p className="mb-4 text-sm text-slate-600">Your roles let you change roles only; the profile is read-only for you.</p>}
            <ProfileFields values={values} errors={errors} />
          </fieldset>
        </Card>
      </div>
      {assignableRoles.length > 0 && (
        <div hidden={steps[step] !== 'Roles'}>
          <Card title="Roles">
            <RoleCheckboxes roles={assignableRoles} selected={originalRoles} errors={errors.roles} />
          </Card>
        </div>
      )}
      {steps[step] === 'Review' && review && (
        <Card title="Review your changes">
          {nothingChanged ? (
            <Notice tone="info">Nothing has changed yet. Go back to make a change.</Notice>
          ) : (
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Changes to save</caption>
              <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4">Field</th>
                  <th scope="col" className="py-2 pr-4">Current</th>
                  <th scope="col" className="py-2">New</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {review.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row" className="py-2 pr-4 text-left font-medium">{labels[c.field]}</th>
                    <td className="py-2 pr-4 text-slate-500 line-through">{show(c.field, c.from)}</td>
                    <td className="py-2 text-slate-900">{show(c.field, c.to)}</td>
                  </tr>
                ))}
                {rolesChanged && (
                  <tr>
                    <th scope="row" className="py-2 pr-4 text-left font-medium">Roles</th>
                    <td className="py-2 pr-4 text-slate-500 line-through">{review.rolesFrom.map((r) => roleNames[r] ?? r).join(', ') || 'None'}</td>
                    <td className="py-2 text-slate-900">{review.rolesTo.map((r) => roleNames[r] ?? r).join(', ') || 'None'}</td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </Card>
      )}

      <div className="flex flex-wrap gap-3">
        {step > 0 && (
          <button type="button" className={buttonClass('secondary')} onClick={() => go(step - 1)}>
            Back
          </button>
        )}
        {step < steps.length - 1 ? (
          <button type="button" className={buttonClass('primary')} onClick={() => go(step + 1)}>
            Next
          </button>
        ) : (
          <SubmitButton pendingLabel="Saving…" disabled={Boolean(nothingChanged)}>
            Finish
          </SubmitButton>
        )}
        <Link href={userPage} className={buttonClass('ghost')}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
