'use client';
// Form controls with labels, hints and errors beside the field.
import { useFormStatus } from 'react-dom';
import { buttonClass, cx, type ButtonVariant } from './ui';

export function SubmitButton({ children, pendingLabel, variant = 'primary', name, value, className, disabled, ...rest }: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  name?: string;
  value?: string;
  className?: string;
  disabled?: boolean;
} & Pick<React.ButtonHTMLAttributes<HTMLButtonElement>, 'formAction' | 'aria-label'>) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending || disabled} aria-busy={pending} className={cx(buttonClass(variant), className)} {...rest}>
      {pending && <Spinner />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

export function Spinner() {
  return <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />;
}

type FieldProps = {
  label: string;
  name: string;
  errors?: string[];
  hint?: React.ReactNode;
  required?: boolean;
  className?: string;
};

export function FieldShell({ label, name, errors, hint, required, className, children }: FieldProps & { children: React.ReactNode }) {
  return (
    <div className={className}>
      <div className="flex items-baseline gap-1">
        <label htmlFor={name} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {required && (
          <span className="text-sm text-red-600" aria-hidden="true">
            *
          </span>
        )}
      </div>
      <div className="mt-1">{children}</div>
      {hint && !errors?.length && <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      {errors && errors.length > 0 && (
        <ul id={`${name}-error`} className="mt-1 space-y-0.5 text-sm text-red-700">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const inputClass = (invalid?: boolean) =>
  cx(
    'block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 disabled:bg-slate-100',
    invalid ? 'border-red-400 focus:border-red-500' : 'border-slate-300 focus:border-brand-500',
  );

export function TextField({ label, name, errors, hint, required, className, ...input }: FieldProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const invalid = Boolean(errors?.length);
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint} required={required} className={className}>
      <input
        id={name}
        name={name}
        required={required}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${name}-error` : hint ? `${name}-hint` : undefined}
        className={inputClass(invalid)}
        {...input}
      />
    </FieldShell>
  );
}

export function SelectField({ label, name, errors, hint, required, className, children, ...select }: FieldProps & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'name'>) {
  const invalid = Boolean(errors?.length);
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint} required={required} className={className}>
      <select id={name} name={name} required={required} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${name}-error` : undefined} className={inputClass(invalid)} {...select}>
        {children}
      </select>
    </FieldShell>
  );
}

export function Switch({ label, name, defaultChecked, hint }: { label: string; name: string; defaultChecked?: boolean; hint?: string }) {
  return (
    <div className="flex items-start gap-3">
      <input id={name} name={name} type="checkbox" role="switch" defaultChecked={defaultChecked} className="peer mt-0.5 size-4 rounded border-slate-300 accent-brand-600" />
      <div>
        <label htmlFor={name} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint && <p className="text-xs text-slate-500">{hint}</p>}
      </div>
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      {message}
    </div>
  );
}
