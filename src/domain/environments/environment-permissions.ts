// Who may manage environments: the one authorisation function decides
// (Global, Power Platform and Dynamics 365 Administrators hold environment.manage).
import { authorize, type Actor } from '../shared/permissions';
import type { Result } from '../shared/result';
import type { Editor } from '../users/user-repository';

export const authorizeEnvironmentChange = (actor: Actor, tenantId: string): Result<void> =>
  authorize({ actor, tenantId, action: 'environment.manage' });

export const editorOf = (actor: Actor): Editor => ({ id: actor.userId, name: actor.displayName });
