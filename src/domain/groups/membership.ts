// Membership through nested groups, as pure functions over the nesting graph
// (domain.md §5): which groups a user belongs to, each *direct* or *through* the
// user's direct group; and the cycle guard — a group never contains itself,
// directly or through other groups (rule GROUP_CYCLE).
//
// Environments read only direct user members (domain.md §7, R3_GROUP); nested
// memberships are shown so that an admin can see why a user "is in" a group and
// still does not count for an environment.
import { fail } from '../shared/result';
import type { GroupRef } from './group';
import type { NestingEdge } from './group-repository';

export type UserGroupMembership = {
  group: GroupRef;
  /** The user is a member of the group itself (the only kind environments count). */
  direct: boolean;
  /** For a nested membership: the user's direct group through which it comes. */
  via: GroupRef | null;
  /**
   * For a nested membership: the chain from the user's direct group up to the group's
   * own member group (`via` first). Empty when direct.
   */
  path: GroupRef[];
};

const byName = (a: GroupRef, b: GroupRef) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function index(edges: readonly NestingEdge[], from: 'child' | 'parent'): Map<string, GroupRef[]> {
  const to = from === 'child' ? 'parent' : 'child';
  const map = new Map<string, GroupRef[]>();
  for (const edge of edges) {
    const list = map.get(edge[from].id) ?? [];
    if (!list.some((g) => g.id === edge[to].id)) list.push(edge[to]);
    map.set(edge[from].id, list);
  }
  for (const list of map.values()) list.sort(byName);
  return map;
}

/**
 * Every group a user belongs to: the direct ones, and every group that contains one of
 * them, however deep, with the shortest chain that leads there. A group reached both
 * directly and through nesting is direct. Order: direct first, then by name.
 */
export function resolveUserGroups(directGroups: readonly GroupRef[], edges: readonly NestingEdge[]): UserGroupMembership[] {
  const parentsOf = index(edges, 'child');
  const found = new Map<string, UserGroupMembership>();
  const queue: UserGroupMembership[] = [];
  for (const group of [...directGroups].sort(byName)) {
    if (found.has(group.id)) continue;
    const membership = { group, direct: true, via: null, path: [] };
    found.set(group.id, membership);
    queue.push(membership);
  }
  // Breadth first: the first chain that reaches a group is a shortest one.
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i]!;
    const path = [...current.path, current.group];
    for (const parent of parentsOf.get(current.group.id) ?? []) {
      if (found.has(parent.id)) continue;
      const membership: UserGroupMembership = { group: parent, direct: false, via: path[0] ?? null, path };
      found.set(parent.id, membership);
      queue.push(membership);
    }
  }
  return [...found.values()].sort((a, b) => Number(b.direct) - Number(a.direct) || byName(a.group, b.group));
}

/**
 * Would putting `child` into `parent` make a group contain itself? Returns the cycle it
 * would close, `parent` first and last (`[parent, child, …, parent]`), or null.
 * `edges` must hold every nesting below `child`.
 */
export function findNestingCycle(edges: readonly NestingEdge[], parent: GroupRef, child: GroupRef): GroupRef[] | null {
  if (parent.id === child.id) return [parent, parent];
  const childrenOf = index(edges, 'parent');
  const cameFrom = new Map<string, GroupRef | null>([[child.id, null]]);
  const queue: GroupRef[] = [child];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i]!;
    for (const next of childrenOf.get(current.id) ?? []) {
      if (cameFrom.has(next.id)) continue;
      cameFrom.set(next.id, current);
      if (next.id === parent.id) {
        // child ⊃ … ⊃ parent already: walk back to child.
        const chain: GroupRef[] = [next];
        for (let step = cameFrom.get(next.id); step; step = cameFrom.get(step.id)) chain.unshift(step);
        return [parent, ...chain];
      }
      queue.push(next);
    }
  }
  return null;
}

/** The refusal for a nesting that would close `cycle` (as findNestingCycle returns it). */
export function nestingCycleError(cycle: readonly GroupRef[]) {
  const [parent, child] = cycle;
  const names = cycle.map((g) => g.name);
  if (!parent || !child || parent.id === child.id) {
    return fail('CONFLICT', `A group cannot contain itself: ${parent?.name ?? 'this group'} cannot be a member of ${parent?.name ?? 'itself'}.`, {
      rule: 'GROUP_CYCLE',
      details: { path: names },
    });
  }
  const existing = names.slice(1).join(' ⊃ ');
  return fail(
    'CONFLICT',
    `${child.name} cannot be added to ${parent.name}: ${child.name} already contains ${parent.name} (${existing}), and a group cannot contain itself, directly or through other groups.`,
    { rule: 'GROUP_CYCLE', details: { path: names } },
  );
}
