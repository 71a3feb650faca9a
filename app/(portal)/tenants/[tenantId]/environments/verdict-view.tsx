// The engine's verdict in words: the one-line summary and every rule, R0 to R6,
// passed or failed, with its message and fix. Presentational only (no hooks), so
// server pages and client dialogs both render it.
import { Badge } from '@/app/_components/ui';
import type { EligibilityDecision, EligibilityVerdict, RuleCode, RuleResult } from '@/domain/environments/eligibility';

const RULE_TITLES: Record<RuleCode, string> = {
  R0_DATAVERSE: 'Dataverse database',
  R1_ACCOUNT: 'Account enabled',
  R2_LICENSE: 'Licence',
  R3_GROUP: 'Security group',
  R4_ENV_TYPE: 'Environment type',
  R5_NON_INTERACTIVE_LIMIT: 'Non-interactive limit',
  R6_SECURITY_ROLE: 'Security role',
};

type Tone = 'green' | 'red' | 'amber' | 'slate' | 'blue';
const DECISION: Record<EligibilityDecision, { label: string; done: string; tone: Tone }> = {
  add: { label: 'Will be added', done: 'Added', tone: 'green' },
  enable: { label: 'Will be enabled', done: 'Enabled', tone: 'green' },
  update: { label: 'Has access', done: 'Has access', tone: 'green' },
  disable: { label: 'Will be disabled', done: 'Disabled', tone: 'red' },
  none: { label: 'No access', done: 'No access', tone: 'slate' },
  reject: { label: 'Refused', done: 'Refused', tone: 'red' },
};

/** The decision as a badge; `applied` when the sync has just acted on it (diagnostics). */
export function DecisionBadge({ verdict, applied = false }: { verdict: EligibilityVerdict; applied?: boolean }) {
  const d = DECISION[verdict.decision];
  const label = verdict.decision === 'none' && verdict.isEnabled ? 'Left as is' : applied ? d.done : d.label;
  return <Badge tone={d.tone}>{label}</Badge>;
}

function RuleState({ rule }: { rule: RuleResult }) {
  if (!rule.applied) return <Badge tone="slate">Not applicable</Badge>;
  return rule.passed ? <Badge tone="green">Passed</Badge> : <Badge tone={rule.code === 'R6_SECURITY_ROLE' ? 'amber' : 'red'}>Failed</Badge>;
}

export function VerdictView({ verdict, caption, applied = false }: { verdict: EligibilityVerdict; caption: string; applied?: boolean }) {
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-800">
        <DecisionBadge verdict={verdict} applied={applied} />
        <span>{applied ? 'Decision: ' : ''}{verdict.summary}.</span>
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Rule</th>
              <th scope="col" className="px-3 py-2">Result</th>
              <th scope="col" className="px-3 py-2">Why</th>
              <th scope="col" className="px-3 py-2">Fix</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {verdict.rules.map((rule) => (
              <tr key={rule.code} className="align-top">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <span className="block font-mono text-xs text-slate-600">{rule.code}</span>
                  <span className="block font-medium text-slate-900">{RULE_TITLES[rule.code]}</span>
                  {rule.exception && <span className="mt-0.5 block font-mono text-xs text-brand-700">{rule.exception}</span>}
                </th>
                <td className="px-3 py-2">
                  <RuleState rule={rule} />
                </td>
                <td className="px-3 py-2 text-slate-700">{rule.message}</td>
                <td className="px-3 py-2 text-slate-700">{rule.fix ?? <span className="text-slate-400">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A verdict carried in an action's error details (a refused add), if it has the verdict's shape. */
export function verdictIn(details: Record<string, unknown> | undefined): EligibilityVerdict | null {
  const value = details?.verdict;
  if (typeof value !== 'object' || value === null) return null;
  if (!('decision' in value) || !('rules' in value) || !('summary' in value) || !Array.isArray(value.rules)) return null;
  return value as EligibilityVerdict;
}
