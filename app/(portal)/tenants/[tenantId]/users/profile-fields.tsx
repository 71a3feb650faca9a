'use client';
// The profile fields of a user (domain.md §3), shared by create and edit.
import { SelectField, TextField } from '@/app/_components/form';
import { COUNTRY_OPTIONS } from '@/domain/shared/countries';

type Values = Record<string, string | string[] | null | undefined>;

export function ProfileFields({ values, errors }: { values: Values; errors: Record<string, string[]> }) {
  const v = (key: string) => {
    const value = values[key];
    return typeof value === 'string' ? value : '';
  };
  return (
    <div className="space-y-6">
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Name</legend>
        <TextField label="Display name" name="displayName" required defaultValue={v('displayName')} errors={errors.displayName} className="sm:col-span-2" />
        <TextField label="First name" name="firstName" defaultValue={v('firstName')} errors={errors.firstName} />
        <TextField label="Last name" name="lastName" defaultValue={v('lastName')} errors={errors.lastName} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Job</legend>
        <TextField label="Job title" name="jobTitle" defaultValue={v('jobTitle')} errors={errors.jobTitle} />
        <TextField label="Department" name="department" defaultValue={v('department')} errors={errors.department} />
        <TextField label="Office" name="officeLocation" defaultValue={v('officeLocation')} errors={errors.officeLocation} />
        <TextField label="Alternate email" name="alternateEmail" type="email" defaultValue={v('alternateEmail')} errors={errors.alternateEmail} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Contact</legend>
        <TextField label="Office phone" name="officePhone" type="tel" defaultValue={v('officePhone')} errors={errors.officePhone} />
        <TextField label="Mobile phone" name="mobilePhone" type="tel" defaultValue={v('mobilePhone')} errors={errors.mobilePhone} />
        <TextField label="Fax" name="faxNumber" type="tel" defaultValue={v('faxNumber')} errors={errors.faxNumber} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Address</legend>
        <TextField label="Street address" name="streetAddress" defaultValue={v('streetAddress')} errors={errors.streetAddress} className="sm:col-span-2" />
        <TextField label="City" name="city" defaultValue={v('city')} errors={errors.city} />
        <TextField label="State or province" name="stateOrProvince" defaultValue={v('stateOrProvince')} errors={errors.stateOrProvince} />
        <TextField label="Postal code" name="postalCode" defaultValue={v('postalCode')} errors={errors.postalCode} />
        <TextField label="Country or region" name="countryOrRegion" defaultValue={v('countryOrRegion')} errors={errors.countryOrRegion} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Settings</legend>
        <SelectField
          label="Usage location"
          name="usageLocation"
          defaultValue={v('usageLocation')}
          errors={errors.usageLocation}
          hint="Where the user mainly works. Needed before a licence can be assigned."
        >
          <option value="">Not set</option>
          {COUNTRY_OPTIONS.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </fieldset>
    </div>
  );
}

export function RoleCheckboxes({ roles, selected, errors }: { roles: { id: string; name: string; description: string; tier: number }[]; selected: string[]; errors?: string[] }) {
  return (
    <fieldset>
      <legend className="text-sm font-semibold text-slate-900">Directory roles</legend>
      <p className="mt-1 text-xs text-slate-500">Only the roles you may assign are listed. Leave all unticked for a user without admin rights.</p>
      <div className="mt-3 grid gap-2 sm:grid-cols-2">
        {roles.map((role) => (
          <label key={role.id} className="flex items-start gap-3 rounded-lg border border-slate-200 p-3 hover:bg-slate-50">
            <input
              type="checkbox"
              name="roles"
              value={role.id}
              defaultChecked={selected.includes(role.id)}
              aria-labelledby={`role-${role.id}-name`}
              aria-describedby={`role-${role.id}-description`}
              className="mt-0.5 size-4 shrink-0 accent-brand-600"
            />
            <span>
              <span id={`role-${role.id}-name`} className="block text-sm font-medium text-slate-900">
                {role.name}
              </span>
              <span id={`role-${role.id}-description`} className="block text-xs text-slate-500">
                Tier {role.tier} · {role.description}
              </span>
            </span>
          </label>
        ))}
      </div>
      {errors?.length ? <p className="mt-2 text-sm text-red-700">{errors.join(' ')}</p> : null}
    </fieldset>
  );
}
