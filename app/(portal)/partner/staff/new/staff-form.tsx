'use client';
// Add staff one after another (seed 004): full name, a unique email (the sign-in
// name), a partner role and/or directory roles. Each member's sign-in details are
// shown once with Copy; Finish lists this batch with a CSV download. Nothing of the
// passwords is kept anywhere.
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { FormError, inputClass, SubmitButton, TextField } from '@/app/_components/form';
import { NewCredentialsSummary } from '@/app/_components/new-credentials';
import { OneTimeSecret } from '@/app/_components/one-time-secret';
import { buttonClass, Card } from '@/app/_components/ui';
import type { CreatedStaffMember } from '@/domain/partners/create-staff-member';
import { PARTNER_ROLE_LABELS, PARTNER_ROLES } from '@/domain/partners/relationship';
import type { RoleId } from '@/domain/shared/permissions';
import type { ActionState } from '@/server/actions/action-state';
import { createStaffMemberAction } from '../../actions';
import { RoleChoices, textOf } from '../../form-bits';


export function StaffForm({ tenantId, assignableRoles }: { tenantId: string; assignableRoles: RoleId[] }) {
  const [created, setCreated] = useState<CreatedStaffMember[]>([]);
  const [view, setView] = useState<'form' | 'created' | 'summary'>('form');
  const [formKey, setFormKey] = useState(0);
  const [email, setEmail] = useState('');
  const [state, action] = useActionState<ActionState<CreatedStaffMember>, FormData>(async (previous, formData) => {
    const result = await createStaffMemberAction(tenantId, previous, formData);
    if (result.status === 'success' && result.data) {
      const member = result.data;
      setCreated((list) => [...list, member]);
      setEmail('');
      setFormKey((k) => k + 1);
      setView(formData.get('intent') === 'another' ? 'form' : 'created');
    }
    return result;
  }, { status: 'idle' });

  const latest = created.at(-1);
  const errors = state.status === 'error' ? (state.error?.fieldErrors ?? {}) : {};
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  const suggestions = state.status === 'error' && Array.isArray(state.error?.details?.suggestions) ? (state.error?.details?.suggestions as string[]) : [];

  if (view === 'summary') {
    return (
      <NewCredentialsSummary
        title={`${created.length} new staff member${created.length === 1 ? '' : 's'}`}
        caption="New staff and their temporary passwords"
        columns={[
          { label: 'Full name', value: (m) => m.displayName },
          { label: 'Partner role', value: (m) => (m.partnerRole ? PARTNER_ROLE_LABELS[m.partnerRole] : '') },
        ]}
        rows={created}
        fileName="new-staff.csv"
        back={{ href: '/partner/staff', label: 'Back to staff' }}
      />
    );
  }

  if (view === 'created' && latest) {
    return (
      <Card title="Staff member added">
        <p className="mb-4 text-sm text-slate-700">
          <strong>{latest.displayName}</strong>
          {latest.partnerRole ? ` (${PARTNER_ROLE_LABELS[latest.partnerRole]})` : ''} can now sign in with these details. Send them securely: you cannot see the password again.
        </p>
        <OneTimeSecret value={latest.temporaryPassword} signInName={latest.signInName} />
        <div className="mt-6 flex flex-wrap gap-3">
          <button type="button" className={buttonClass('primary')} onClick={() => setView('summary')}>
            Finish
          </button>
          <button type="button" className={buttonClass('secondary')} onClick={() => setView('form')}>
            Add another staff member
          </button>
        </div>
      </Card>
    );
  }

  const partnerRole = textOf(values.partnerRole);
  return (
    <div className="space-y-6">
      {latest && (
        <Card title={`Added: ${latest.displayName}`}>
          <OneTimeSecret value={latest.temporaryPassword} signInName={latest.signInName} />
          <p className="mt-3 text-sm text-slate-600">
            {created.length} staff member{created.length === 1 ? '' : 's'} added so far. Add the next one below, or choose Finish to see them all.
          </p>
        </Card>
      )}
      <form key={formKey} action={action} className="space-y-6" noValidate>
        {state.status === 'error' && !Object.keys(errors).length && <FormError message={state.error?.message} />}
        <Card title="Person">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Full name" name="fullName" required defaultValue={textOf(values.fullName)} errors={errors.fullName} autoComplete="off" />
            <div>
              <label htmlFor="email" className="block text-sm font-medium text-slate-800">
                Email
              </label>
              <input
                id="email"
                name="email"
                type="email"
                required
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={Boolean(errors.email?.length) || undefined}
                aria-describedby={errors.email?.length ? 'email-error' : 'email-hint'}
                className={`mt-1 ${inputClass(Boolean(errors.email?.length))}`}
              />
              {errors.email?.length ? (
                <div id="email-error" className="mt-1 text-sm text-red-700">
                  <p>{errors.email.join(' ')}</p>
                  {suggestions.length > 0 && (
                    <div className="mt-2 flex flex-wrap items-center gap-2">
                      <span className="text-slate-600">Free variations:</span>
                      {suggestions.map((s) => (
                        <button key={s} type="button" className={buttonClass('secondary', 'sm')} onClick={() => setEmail(s)}>
                          {s}
                        </button>
                      ))}
                    </div>
                  )}
                </div>
              ) : (
                <p id="email-hint" className="mt-1 text-xs text-slate-500">
                  Unique across the portal; it becomes the sign-in name.
                </p>
              )}
            </div>
          </div>
        </Card>
        <Card title="Roles">
          <div className="space-y-6">
            <fieldset aria-describedby={errors.partnerRole?.length ? 'partnerRole-error' : undefined}>
              <legend className="text-sm font-semibold text-slate-900">Partner role</legend>
              <div className="mt-2 flex flex-wrap gap-6">
                {[...PARTNER_ROLES, 'none' as const].map((role) => (
                  <label key={role} className="flex items-center gap-2 text-sm">
                    <input type="radio" name="partnerRole" value={role === 'none' ? '' : role} defaultChecked={values.partnerRole !== undefined && partnerRole === (role === 'none' ? '' : role)} className="size-4 accent-brand-600" />
                    {role === 'none' ? 'None' : PARTNER_ROLE_LABELS[role]}
                  </label>
                ))}
              </div>
              {errors.partnerRole?.length ? (
                <p id="partnerRole-error" className="mt-2 text-sm text-red-700">
                  {errors.partnerRole.join(' ')}
                </p>
              ) : null}
            </fieldset>
            {assignableRoles.length > 0 && (
              <RoleChoices
                legend="Directory roles in your organisation"
                hint="Optional. Only the roles you may assign are listed."
                roles={assignableRoles}
                selected={Array.isArray(values.roles) ? values.roles : values.roles ? [values.roles] : []}
                errors={errors.roles}
              />
            )}
          </div>
        </Card>
        <p className="text-sm text-slate-600">A temporary password is generated when you add the person. You will see it once.</p>
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="intent" value="create" pendingLabel="Creating…">
            Create
          </SubmitButton>
          <SubmitButton name="intent" value="another" variant="secondary" pendingLabel="Creating…">
            Create and add another
          </SubmitButton>
          {created.length > 0 && (
            <button type="button" className={buttonClass('ghost')} onClick={() => setView('summary')}>
              Finish
            </button>
          )}
          <Link href="/partner/staff" className={buttonClass('ghost')}>
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
