'use client';
// "Add members" (users and groups) and "Add owners" (users): search, tick the
// ones to add — the selection survives further searches — and confirm. Groups that
// would make this group contain itself are shown, disabled, with the reason.
import { useRouter } from 'next/navigation';
import { useActionState, useRef, useState, useTransition } from 'react';
import { Dialog } from '@/app/_components/dialog';
import { SubmitButton } from '@/app/_components/form';
import { inputClassName } from '@/app/_components/styles';
import { Badge, buttonClass, Notice } from '@/app/_components/ui';
import type { AddMembersResult } from '@/domain/groups/add-members';
import type { AddOwnersResult } from '@/domain/groups/add-owners';
import type { ActionState } from '@/server/actions/action-state';
import type { GroupCandidate, UserCandidate } from '@/server/queries/groups';
import { addMembersAction, addOwnersAction, searchCandidatesAction, type Candidates } from '../actions';

type Purpose = 'members' | 'owners';
type Picked = { type: 'user' | 'group'; id: string; name: string };
type Props = { tenantId: string; groupId: string; groupName: string; purpose: Purpose };

const GROUP_STATE_NOTE: Record<Exclude<GroupCandidate['state'], 'available'>, string> = {
  member: 'already a member',
  self: 'this group',
  cycle: `contains this group`,
};

function summary(purpose: Purpose, data: AddMembersResult | AddOwnersResult | undefined): string {
  if (!data) return 'Saved.';
  const added = data.added.map((m) => m.name);
  const already = 'alreadyMembers' in data ? data.alreadyMembers.map((m) => m.name) : data.alreadyOwners.map((m) => m.name);
  const what = purpose === 'members' ? 'members' : 'owners';
  const parts = [];
  if (added.length) parts.push(`Added to ${what} of ${data.group.name}: ${added.join(', ')}.`);
  if (already.length) parts.push(`Already ${what}: ${already.join(', ')}.`);
  return parts.join(' ') || 'Nothing to add.';
}

type Search = { found: Candidates | null; error: string | null; searching: boolean; run: (q: string) => void };

function Picker({ tenantId, groupId, groupName, purpose, search, close }: Props & { search: Search; close: (message?: string) => void }) {
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Picked[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { found, error: searchError, searching } = search;
  const [state, action] = useActionState<ActionState<AddMembersResult | AddOwnersResult>, FormData>(async (_previous, formData) => {
    const result: ActionState<AddMembersResult | AddOwnersResult> =
      purpose === 'members' ? await addMembersAction(tenantId, { status: 'idle' }, formData) : await addOwnersAction(tenantId, { status: 'idle' }, formData);
    if (result.status === 'success') close(summary(purpose, result.data));
    return result;
  }, { status: 'idle' });

  const onType = (text: string) => {
    setQ(text);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => search.run(text), 250);
  };
  const isPicked = (id: string) => picked.some((p) => p.id === id);
  const toggle = (item: Picked) => setPicked((list) => (list.some((p) => p.id === item.id) ? list.filter((p) => p.id !== item.id) : [...list, item]));
  const what = purpose === 'members' ? 'users and groups' : 'users';

  const userRow = (u: UserCandidate) => (
    <li key={u.id}>
      <label className="flex items-center gap-3 rounded-lg px-2 py-1.5 hover:bg-slate-50">
        <input
          type="checkbox"
          checked={u.already || isPicked(u.id)}
          disabled={u.already}
          onChange={() => toggle({ type: 'user', id: u.id, name: u.displayName })}
          aria-label={`${u.displayName} (${u.signInName})`}
          className="size-4 accent-brand-600"
        />
        <span className="text-sm">
          <span className="font-medium text-slate-900">{u.displayName}</span> <span className="text-slate-500">{u.signInName}</span>
          {u.already && <span className="ml-2 text-xs text-slate-500">already {purpose === 'members' ? 'a member' : 'an owner'}</span>}
        </span>
      </label>
    </li>
  );
  const groupRow = (g: GroupCandidate) => (
    <li key={g.id}>
      <label className="flex items-center gap-3 rounded-lg px-2 py-1.5 hover:bg-slate-50">
        <input
          type="checkbox"
          checked={g.state === 'member' || isPicked(g.id)}
          disabled={g.state !== 'available'}
          onChange={() => toggle({ type: 'group', id: g.id, name: g.name })}
          aria-label={`Group ${g.name}`}
          className="size-4 accent-brand-600"
        />
        <span className="text-sm">
          <span className="font-medium text-slate-900">{g.name}</span> <Badge>Group</Badge>
          {g.state !== 'available' && <span className="ml-2 text-xs text-slate-500">{g.state === 'cycle' ? `${GROUP_STATE_NOTE.cycle}: a group cannot contain itself` : GROUP_STATE_NOTE[g.state]}</span>}
        </span>
      </label>
    </li>
  );

  return (
    <form action={action} className="space-y-4">
      <label className="block text-sm font-medium text-slate-700">
        {purpose === 'members' ? 'Search users and groups' : 'Search users'}
        <input
          type="search"
          value={q}
          onChange={(e) => onType(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (timer.current) clearTimeout(timer.current);
              search.run(q);
            }
          }}
          placeholder={purpose === 'members' ? 'Name, sign-in name or group name' : 'Name or sign-in name'}
          className={inputClassName}
          autoFocus
        />
      </label>
      <div aria-live="polite" aria-busy={searching} className="max-h-72 space-y-3 overflow-y-auto">
        {searchError && <Notice tone="error">{searchError}</Notice>}
        {!found && !searchError && <p className="text-sm text-slate-500">Searching…</p>}
        {found && found.users.length === 0 && found.groups.length === 0 && <p className="text-sm text-slate-600">No {what} match “{q}”.</p>}
        {found && found.users.length > 0 && (
          <fieldset>
            <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Users</legend>
            <ul className="mt-1">{found.users.map(userRow)}</ul>
          </fieldset>
        )}
        {found && found.groups.length > 0 && (
          <fieldset>
            <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Groups</legend>
            <ul className="mt-1">{found.groups.map(groupRow)}</ul>
          </fieldset>
        )}
      </div>
      {purpose === 'members' && picked.some((p) => p.type === 'group') && (
        <p className="text-xs text-slate-600">Members of a nested group belong to {groupName} too, but environments count only direct user members.</p>
      )}
      <div className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700" aria-live="polite">
        {picked.length === 0 ? (
          <span>Nothing selected yet.</span>
        ) : (
          <span>
            Selected ({picked.length}): {picked.map((p) => (p.type === 'group' ? `${p.name} (group)` : p.name)).join(', ')}
          </span>
        )}
      </div>
      {state.status === 'error' && <Notice tone="error">{state.error?.message}</Notice>}
      <input type="hidden" name="groupId" value={groupId} />
      {picked.map((p) => (
        <input key={p.id} type="hidden" name={p.type === 'user' ? 'userIds' : 'groupIds'} value={p.id} />
      ))}
      <div className="flex justify-end gap-3">
        <button type="button" className={buttonClass('secondary')} onClick={() => close()}>
          Cancel
        </button>
        <SubmitButton disabled={picked.length === 0} pendingLabel="Adding…">
          {purpose === 'members' ? 'Add selected members' : 'Add selected owners'}
        </SubmitButton>
      </div>
    </form>
  );
}

export function AddMembersButton(props: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // The picker's results live here, so that the first ones (loaded as the dialog opens)
  // and those of later searches land in the same place; only the latest search counts.
  const [found, setFound] = useState<Candidates | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, startSearch] = useTransition();
  const sequence = useRef(0);
  const run = (q: string) => {
    const mine = ++sequence.current;
    startSearch(async () => {
      const fd = new FormData();
      fd.set('groupId', props.groupId);
      fd.set('purpose', props.purpose);
      fd.set('q', q);
      const result = await searchCandidatesAction(props.tenantId, { status: 'idle' }, fd);
      if (mine !== sequence.current) return; // a later search has started
      if (result.status === 'success' && result.data) {
        setFound(result.data);
        setError(null);
      } else {
        setError(result.error?.message ?? 'The search failed.');
      }
    });
  };
  const label = props.purpose === 'members' ? 'Add members' : 'Add owners';
  const openPicker = () => {
    setMessage(null);
    setFound(null);
    setError(null);
    setOpen(true);
    run(''); // the first names, so the picker is not empty before anything is typed
  };
  const close = (done?: string) => {
    setOpen(false);
    if (done) {
      setMessage(done);
      router.refresh();
    }
  };
  return (
    <div className="flex flex-col items-end gap-2">
      <button type="button" className={buttonClass('primary', 'sm')} onClick={openPicker}>
        {label}
      </button>
      {message && (
        <div className="max-w-md">
          <Notice tone="success">{message}</Notice>
        </div>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={`${label} to ${props.groupName}`} size="lg">
        <Picker {...props} search={{ found, error, searching, run }} close={close} />
      </Dialog>
    </div>
  );
}
