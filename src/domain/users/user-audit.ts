import type { Actor } from '../shared/permissions';
import type { User } from './user';

export const auditActor = (actor: Actor) => ({
  userId: actor.userId,
  displayName: actor.displayName,
  onBehalfOf: actor.onBehalfOf ?? null,
});

export const targetOf = (user: Pick<User, 'id' | 'displayName'>) => ({ type: 'user', id: user.id, name: user.displayName });
