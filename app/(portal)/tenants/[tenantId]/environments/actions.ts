'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addEnvironmentUser, addNonInteractiveUser, previewAddUser } from '@/domain/environments/add-environment-user';
import { changeAccessMode } from '@/domain/environments/change-access-mode';
import { createApplicationUser } from '@/domain/environments/create-application-user';
import { createEnvironment } from '@/domain/environments/create-environment';
import { MAX_PREVIEW_USERS, type Impact, type ImpactChange } from '@/domain/environments/impact';
import { importRecords, type ImportRecordsResult } from '@/domain/environments/import-records';
import { runDiagnostics, type Diagnostics } from '@/domain/environments/run-diagnostics';
import { changeSecurityRole } from '@/domain/environments/security-roles';
import { syncEnvironmentNow } from '@/domain/environments/sync-environment-now';
import { updateEnvironment } from '@/domain/environments/update-environment';
import { isUuid } from '@/domain/shared/ids';
import { fail, ok, type Result } from '@/domain/shared/result';
import { defineTenantAction, zList } from '@/server/actions/define-action';
import { db } from '@/server/db/client';
import { prismaTransaction } from '@/server/db/transaction';
import { previewImpact } from '@/server/environments/impact';
import { requestEnvironmentSync } from '@/server/environments/request-sync';
import { SYNC_TRANSACTION_TIMEOUT_MS } from '@/server/environments/sync-service';
import { parseSignInNameCsv } from '@/server/imports/parse-user-csv';
import { searchDirectoryUsers, type DirectoryUserOption } from '@/server/queries/environments';

const environmentsPath = (tenantId: string) => `/tenants/${tenantId}/environments`;
const zId = (what: string) => z.string().refine(isUuid, `Unknown ${what}.`);
const zEnvironmentId = zId('environment');
const zCheckbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

const ZSettings = z.object({
  name: z.string().max(500).default(''),
  type: z.string().default(''),
  hasDataverse: zCheckbox,
  securityGroupId: z.preprocess((v) => (v === '' ? null : v), zId('security group').nullable().default(null)),
  appPassCapacity: z.preprocess((v) => (v === '' || v === undefined ? 0 : Number(v)), z.number({ error: 'Enter a whole number of app passes, 0 or more.' })),
  allowRoleAssignmentOnDisabledUsers: zCheckbox,
  hasSalesApp: zCheckbox,
});

export const createEnvironmentAction = defineTenantAction(
  { schema: ZSettings, permission: 'environment.manage' },
  async ({ actor, tenantId, input, services }) => {
    const result = await createEnvironment(services, { actor, tenantId, settings: input });
    if (!result.ok) return result;
    // The first sync: the creator of a developer environment, the group's members, …
    await requestEnvironmentSync(tenantId, result.value.id);
    revalidatePath(environmentsPath(tenantId), 'layout');
    return ok(result.value);
  },
);

export const updateEnvironmentAction = defineTenantAction(
  { schema: ZSettings.extend({ environmentId: zEnvironmentId, rowVersion: z.coerce.number().int().min(1) }), permission: 'environment.manage' },
  async ({ actor, tenantId, input, services }) => {
    const { environmentId, rowVersion, ...settings } = input;
    const result = await updateEnvironment(services, { actor, tenantId, environmentId, expectedRowVersion: rowVersion, settings });
    if (!result.ok) return result;
    // Type, Dataverse, group, app passes: any change can change who is eligible.
    if (result.value.changed) await requestEnvironmentSync(tenantId, environmentId);
    revalidatePath(environmentsPath(tenantId), 'layout');
    return ok({ id: result.value.id, name: result.value.name });
  },
);

export const syncNowAction = defineTenantAction(
  { schema: z.object({ environmentId: zEnvironmentId }), permission: 'environment.manage' },
  async ({ actor, tenantId, input, services }) => {
    const transaction = prismaTransaction(db(), { timeoutMs: SYNC_TRANSACTION_TIMEOUT_MS });
    const result = await syncEnvironmentNow({ clock: services.clock, transaction }, { actor, tenantId, environmentId: input.environmentId });
    if (!result.ok) return result;
    revalidatePath(`${environmentsPath(tenantId)}/${input.environmentId}`);
    const c = result.value;
    return { ok: true as const, value: c, message: `Synchronised: ${c.added} added, ${c.enabled} enabled, ${c.disabled} disabled, ${c.updated} updated.` };
  },
);

export const findDirectoryUsersAction = defineTenantAction(
  { schema: z.object({ q: z.string().max(200).default(''), kind: z.enum(['any', 'nonInteractive']).default('any') }), permission: 'environment.manage' },
  async ({ tenantId, input }): Promise<Result<DirectoryUserOption[]>> =>
    ok(await searchDirectoryUsers(db(), tenantId, input.q, input.kind === 'nonInteractive' ? { kind: 'nonInteractive' } : {})),
);

const ZUserInEnvironment = z.object({ environmentId: zEnvironmentId, userId: zId('user') });

export const previewAddUserAction = defineTenantAction(
  { schema: ZUserInEnvironment, permission: 'environment.manage' },
  async ({ actor, tenantId, input, services }) => previewAddUser(services, { actor, tenantId, ...input }),
);

export const addUserAction = defineTenantAction(
  { schema: ZUserInEnvironment.extend({ kind: z.enum(['member', 'nonInteractive']).default('member') }), permission: 'environment.manage' },
  async ({ actor, tenantId, input, services }) => {
    const command = { actor, tenantId, environmentId: input.environmentId, userId: input.userId };
    const result = input.kind === 'nonInteractive' ? await addNonInteractiveUser(services, command) : await addEnvironmentUser(services, command);
    if (!result.ok) return result;
    revalidatePath(`${environmentsPath(tenantId)}/${input.environmentId}`);
    const { displayName, decision } = result.value;
    const message = decision === 'update' ? `${displayName} already has access.` : decision === 'enable' ? `${displayName} is enabled again.` : `${displayName} was added.`;
    return { ok: true as const, value: { displayName, decision }, message };
  },
);

const ZRowCommand = z.object({ environmentId: zEnvironmentId, rowId: zId('row') });

export const changeAccessModeAction = defineTenantAction(
  { schema: ZRowCommand.extend({ accessMode: z.string().default('') }), permission: 'environment.manage' },
  async ({ actor, tenantId, input, services }) => {
    const result = await changeAccessMode(services, { actor, tenantId, ...input });
    if (result.ok) revalidatePath(`${environmentsPath(tenantId)}/${input.environmentId}`);
    return result.ok ? { ...result, message: result.value.changed ? 'Access mode changed.' : 'No change.' } : result;
  },
);

export const changeSecurityRoleAction = defineTenantAction(
  { schema: ZRowCommand.extend({ role: z.string().default(''), change: z.enum(['assign', 'remove']) }), permission: 'environment.manage' },
  async ({ actor, tenantId, input, services }) => {
    const result = await changeSecurityRole(services, { actor, tenantId, ...input });
    if (result.ok) revalidatePath(`${environmentsPath(tenantId)}/${input.environmentId}`);
    return result.ok ? { ...result, message: input.change === 'assign' ? `${input.role} assigned.` : `${input.role} removed.` } : result;
  },
);

export const createApplicationUserAction = defineTenantAction(
  {
    schema: z.object({ environmentId: zEnvironmentId, name: z.string().max(500).default(''), applicationId: z.string().max(200).default(''), securityRoles: zList(z.string().max(100)) }),
    permission: 'environment.manage',
  },
  async ({ actor, tenantId, input, services }) => {
    const result = await createApplicationUser(services, { actor, tenantId, ...input });
    if (result.ok) revalidatePath(`${environmentsPath(tenantId)}/${input.environmentId}`);
    return result.ok ? { ...result, message: `Application user ${result.value.name} created.` } : result;
  },
);

export const importRecordsAction = defineTenantAction(
  { schema: z.object({ environmentId: zEnvironmentId, csv: z.string().max(900_000, 'The file is too large: import at most 5,000 record owners at a time.').default('') }), permission: 'environment.manage' },
  async ({ actor, tenantId, input, services }): Promise<{ ok: true; value: ImportRecordsResult; message: string } | ReturnType<typeof fail>> => {
    if (!input.csv.trim()) return fail('VALIDATION', 'Choose a CSV file of record owners.', { fieldErrors: { file: ['Choose a CSV file of record owners.'] } });
    const parsed = parseSignInNameCsv(input.csv);
    if (!parsed.ok) {
      const where = parsed.error.line ? ` (line ${parsed.error.line})` : '';
      return fail('VALIDATION', parsed.error.message, { fieldErrors: { file: [`${parsed.error.message}${where}`] } });
    }
    const result = await importRecords(services, { actor, tenantId, environmentId: input.environmentId, lines: parsed.rows });
    if (!result.ok) return result;
    revalidatePath(`${environmentsPath(tenantId)}/${input.environmentId}`);
    const n = result.value.created.length;
    return { ok: true, value: result.value, message: `${n} stub user${n === 1 ? '' : 's'} created with the security role ${result.value.securityRole}.` };
  },
);

export const runDiagnosticsAction = defineTenantAction(
  { schema: ZUserInEnvironment, permission: 'environment.manage' },
  async ({ actor, tenantId, input, services }): Promise<{ ok: true; value: Diagnostics } | ReturnType<typeof fail>> => {
    const result = await runDiagnostics(services, { actor, tenantId, ...input });
    if (!result.ok) return result;
    revalidatePath(`${environmentsPath(tenantId)}/${input.environmentId}`);
    return result;
  },
);

const ZImpactChange: z.ZodType<ImpactChange> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('removeLicence'), userId: zId('user'), subscriptionId: zId('subscription') }),
  z.object({ kind: z.literal('removeGroupMember'), groupId: zId('group'), userId: zId('user') }),
  z.object({ kind: z.literal('blockUser'), userId: zId('user') }),
  z.object({ kind: z.literal('deleteUser'), userId: zId('user') }),
  z.object({ kind: z.literal('blockUsers'), userIds: z.array(zId('user')).min(1).max(MAX_PREVIEW_USERS) }),
  z.object({ kind: z.literal('deleteUsers'), userIds: z.array(zId('user')).min(1).max(MAX_PREVIEW_USERS) }),
  z.object({ kind: z.literal('changeEnvironmentGroup'), environmentId: zEnvironmentId, groupId: zId('group').nullable() }),
]);

/**
 * What a change would do in the environments, before it is saved. The change comes
 * as JSON in the field `change` (see app/_components/impact-preview.tsx).
 */
export const previewImpactAction = defineTenantAction(
  {
    schema: z.object({
      // Room for MAX_PREVIEW_USERS ids (37 characters each, quoted).
      change: z.string().max(10_000).transform((text, ctx) => {
        try {
          const parsed = ZImpactChange.safeParse(JSON.parse(text));
          if (parsed.success) return parsed.data;
        } catch {
          // reported below
        }
        ctx.addIssue({ code: 'custom', message: 'Unknown change.' });
        return z.NEVER;
      }),
    }),
    permission: 'directory.read',
  },
  async ({ tenantId, input }): Promise<Result<Impact>> => ok(await previewImpact(tenantId, input.change)),
);
