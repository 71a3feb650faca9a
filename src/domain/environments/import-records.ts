// Import records (seed 002, "stub users"): a data import names its records'
// owners by sign-in name. An owner with no directory user gets a stub row: it
// cannot sign in, cannot be enabled, is never synchronised, and gets the default
// security role (Salesperson with the sales app, else Basic User). An owner who is
// a directory user is left to the sync (synchronise before importing, or the import
// would create duplicates); a name that already has a stub is not added twice.
// Every line is checked before anything is written.
import type { Clock } from '../shared/clock';
import type { Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { environmentNotFound, environmentTarget } from './environment';
import { authorizeEnvironmentChange } from './environment-permissions';
import { userTableRule } from './evaluate-user';
import { defaultSecurityRole } from './field-sync';

export const IMPORT_RECORDS_MAX = 5_000;
const SIGN_IN_NAME = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type ImportLine = { line: number; signInName: string };
export type ImportRecordsResult = {
  created: string[];
  securityRole: string;
  /** Owners left as they are, with the reason. */
  skipped: { line: number; signInName: string; reason: string }[];
};

export async function importRecords(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; environmentId: string; lines: readonly ImportLine[] },
): Promise<Result<ImportRecordsResult>> {
  const { actor, tenantId } = command;
  const allowed = authorizeEnvironmentChange(actor, tenantId);
  if (!allowed.ok) return allowed;
  if (command.lines.length === 0) return fail('VALIDATION', 'The file names no record owners.', { fieldErrors: { file: ['The file names no record owners.'] } });
  if (command.lines.length > IMPORT_RECORDS_MAX) {
    return fail('VALIDATION', `Import at most ${IMPORT_RECORDS_MAX.toLocaleString('en')} record owners at a time.`, { fieldErrors: { file: [`The file has ${command.lines.length.toLocaleString('en')} rows.`] } });
  }
  const invalid = command.lines.filter((l) => !SIGN_IN_NAME.test(l.signInName.trim()));
  if (invalid.length) {
    const shown = invalid.slice(0, 10).map((l) => `Line ${l.line}: ${l.signInName.trim() ? `“${l.signInName.trim()}” is not a sign-in name` : 'the sign-in name is empty'}.`);
    if (invalid.length > 10) shown.push(`…and ${invalid.length - 10} more lines.`);
    return fail('VALIDATION', 'Some lines are not sign-in names; nothing was imported.', { fieldErrors: { file: shown } });
  }
  const now = deps.clock.now();

  return deps.transaction(async (repos) => {
    const environment = await repos.environments.lock(tenantId, command.environmentId);
    if (!environment) return environmentNotFound();
    const r0 = userTableRule(environment);
    if (!r0.passed) return fail('CONFLICT', r0.message, { rule: r0.code, details: { fix: r0.fix } });

    const skipped: ImportRecordsResult['skipped'] = [];
    const firstByKey = new Map<string, ImportLine>();
    for (const line of command.lines) {
      const signInName = line.signInName.trim();
      const key = signInName.toLowerCase();
      if (firstByKey.has(key)) skipped.push({ line: line.line, signInName, reason: 'Named again earlier in the file.' });
      else firstByKey.set(key, { line: line.line, signInName });
    }
    const keys = [...firstByKey.keys()];
    const [directory, stubs] = await Promise.all([
      repos.environments.directoryNamesAmong(tenantId, keys),
      repos.environments.stubNamesAmong(tenantId, environment.id, keys),
    ]);
    const securityRole = defaultSecurityRole(environment.hasSalesApp);
    const toCreate: string[] = [];
    for (const [key, line] of firstByKey) {
      if (directory.has(key)) skipped.push({ line: line.line, signInName: line.signInName, reason: 'A directory user: the sync adds them if eligible, not the import.' });
      else if (stubs.has(key)) skipped.push({ line: line.line, signInName: line.signInName, reason: 'Already a stub user in this environment.' });
      else toCreate.push(line.signInName);
    }
    if (toCreate.length) {
      await repos.environments.insertStubRows(tenantId, environment.id, toCreate.map((signInName) => ({ signInName, securityRole })), now);
    }
    skipped.sort((a, b) => a.line - b.line);
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'environment.importRecords',
      target: environmentTarget(environment),
      after: { stubsCreated: toCreate.length, skipped: skipped.length, securityRole },
    });
    return ok({ created: toCreate, securityRole, skipped });
  });
}
