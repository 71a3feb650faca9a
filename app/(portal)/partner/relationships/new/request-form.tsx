'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { FormError, SubmitButton, TextField } from '@/app/_components/form';
import { buttonClass, Card } from '@/app/_components/ui';
import type { ActionState } from '@/server/actions/action-state';
import { requestRelationshipAction } from '../../actions';
import { RoleChoices, TermsFields, textOf } from '../../form-bits';

export function RequestRelationshipForm({ tenantId }: { tenantId: string }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState<{ id: string; customerName: string }>, FormData>(async (previous, formData) => {
    const result = await requestRelationshipAction(tenantId, previous, formData);
    if (result.status === 'success') router.push(`/partner/relationships?status=pending&requested=${encodeURIComponent(result.data?.customerName ?? '')}`);
    return result;
  }, { status: 'idle' });
  const errors = state.status === 'error' ? (state.error?.fieldErrors ?? {}) : {};
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  return (
    <form action={action} className="space-y-6" noValidate>
      {state.status === 'error' && <FormError message={state.error?.message} />}
      <Card title="Customer">
        <TextField
          label="Customer primary domain"
          name="customerDomain"
          required
          defaultValue={textOf(values.customerDomain)}
          errors={errors.customerDomain}
          hint="The primary domain of the customer’s tenant, like contoso.com."
          className="max-w-xl"
        />
      </Card>
      <Card title="Roles and duration">
        <div className="space-y-6">
          <RoleChoices
            legend="Roles you ask for"
            hint="Ask for the least your agents need. The customer’s Global Administrator sees exactly these roles and the duration before approving."
            selected={Array.isArray(values.roles) ? values.roles : values.roles ? [values.roles] : []}
            errors={errors.roles}
          />
          <TermsFields values={values} errors={errors} />
        </div>
      </Card>
      <p className="text-sm text-slate-600">The request waits for the customer’s approval and lapses after 90 days.</p>
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Sending…">Send request</SubmitButton>
        <Link href="/partner/relationships" className={buttonClass('ghost')}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
