// Form pieces shared by the partner centre's client forms (inputClass comes from a client module).
import { DIRECTORY_ROLES, ROLE_IDS, type RoleId } from '@/domain/shared/permissions';
import { MAX_DURATION_DAYS } from '@/domain/partners/relationship';
import { inputClass } from '@/app/_components/form';

export const listOf = (value: string | string[] | undefined): string[] => (Array.isArray(value) ? value : value ? [value] : []);
export const textOf = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

/** Directory roles as checkboxes named by role (name="roles"). */
export function RoleChoices({
  legend,
  hint,
  roles = ROLE_IDS,
  selected,
  errors,
  idPrefix = 'role',
}: {
  legend: string;
  hint?: string;
  roles?: readonly RoleId[];
  selected: readonly string[];
  errors?: string[];
  idPrefix?: string;
}) {
  return (
    <fieldset aria-describedby={errors?.length ? `${idPrefix}-roles-error` : undefined}>
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      <div className="mt-3 grid gap-2 sm:grid-cols-2">
        {roles.map((id) => (
          <label key={id} className="flex items-start gap-3 rounded-lg border border-slate-200 p-3 hover:bg-slate-50">
            <input
              type="checkbox"
              name="roles"
              value={id}
              defaultChecked={selected.includes(id)}
              aria-labelledby={`${idPrefix}-${id}-name`}
              aria-describedby={`${idPrefix}-${id}-description`}
              className="mt-0.5 size-4 shrink-0 accent-brand-600"
            />
            <span>
              <span id={`${idPrefix}-${id}-name`} className="block text-sm font-medium text-slate-900">
                {DIRECTORY_ROLES[id].name}
              </span>
              <span id={`${idPrefix}-${id}-description`} className="block text-xs text-slate-500">
                Tier {DIRECTORY_ROLES[id].tier} · {DIRECTORY_ROLES[id].description}
              </span>
            </span>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p id={`${idPrefix}-roles-error`} className="mt-2 text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Duration (days, at most 730) and the auto-extend switch of a relationship request. */
export function TermsFields({ values, errors }: { values: Record<string, string | string[]>; errors: Record<string, string[]> }) {
  const invalid = Boolean(errors.durationDays?.length);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="durationDays" className="block text-sm font-medium text-slate-800">
          Duration in days
        </label>
        <input
          id="durationDays"
          name="durationDays"
          type="number"
          min={1}
          max={MAX_DURATION_DAYS}
          step={1}
          required
          defaultValue={textOf(values.durationDays) || '365'}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'durationDays-error' : 'durationDays-hint'}
          className={inputClass(invalid)}
        />
        {invalid ? (
          <p id="durationDays-error" className="mt-1 text-sm text-red-700">
            {errors.durationDays?.join(' ')}
          </p>
        ) : (
          <p id="durationDays-hint" className="mt-1 text-xs text-slate-500">
            At most {MAX_DURATION_DAYS} days (two years). Counted from the customer’s approval.
          </p>
        )}
      </div>
      <div className="flex items-start gap-3 pt-6">
        <input
          id="autoExtend"
          name="autoExtend"
          type="checkbox"
          role="switch"
          defaultChecked={textOf(values.autoExtend) === 'on'}
          aria-describedby="autoExtend-hint"
          className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
        />
        <div>
          <label htmlFor="autoExtend" className="text-sm font-medium text-slate-800">
            Auto-extend
          </label>
          <p id="autoExtend-hint" className="text-xs text-slate-500">
            At its end the relationship runs 180 more days, unless either side terminates it.
          </p>
        </div>
      </div>
    </div>
  );
}
