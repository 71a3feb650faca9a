// A security group (domain.md §5): a name unique in its tenant (case-insensitively),
// a description, owners (users) and members (users and other groups).
import { fail, ok, type Result } from '../shared/result';

export const GROUP_NAME_MAX = 120;
export const GROUP_DESCRIPTION_MAX = 1000;

/** A group as the membership rules name it. */
export type GroupRef = { id: string; name: string };

/** Group names compare case-insensitively within a tenant. */
export const groupNameKey = (name: string) => name.trim().toLowerCase();

export type GroupInput = { name: string; description: string | null };

/** Trims and checks a group's name and description; every field error at once. */
export function checkGroupInput(input: { name: string; description?: string | null }): Result<GroupInput> {
  const name = input.name.trim();
  const description = input.description?.trim() || null;
  const fieldErrors: Record<string, string[]> = {};
  if (!name) fieldErrors.name = ['Enter a group name.'];
  else if (Array.from(name).length > GROUP_NAME_MAX) fieldErrors.name = [`Use at most ${GROUP_NAME_MAX} characters.`];
  if (description && Array.from(description).length > GROUP_DESCRIPTION_MAX) fieldErrors.description = [`Use at most ${GROUP_DESCRIPTION_MAX} characters.`];
  if (Object.keys(fieldErrors).length) return fail('VALIDATION', 'Check the highlighted fields.', { fieldErrors });
  return ok({ name, description });
}

export const groupNameTaken = (name: string) =>
  fail('CONFLICT', `A group named “${name}” already exists in this tenant.`, {
    rule: 'GROUP_NAME_TAKEN',
    fieldErrors: { name: [`“${name}” is already taken by another group (names are compared without regard to case).`] },
  });

export const groupNotFound = () => fail('NOT_FOUND', 'Group not found.');

export const groupTarget = (group: GroupRef) => ({ type: 'group', id: group.id, name: group.name });

export type MemberType = 'user' | 'group';
