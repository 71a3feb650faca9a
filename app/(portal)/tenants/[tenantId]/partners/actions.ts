'use server';
// The customer's side of partner relationships: approve or decline a request,
// terminate an active relationship. Only the tenant's own Global Administrators
// decide (the domain checks it); an agent working here on behalf of a partner is
// never a party of the customer.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changeRelationship, type RelationshipDecision } from '@/domain/partners/change-relationship';
import { RELATIONSHIP_STATUS_LABELS } from '@/domain/partners/relationship';
import { isUuid } from '@/domain/shared/ids';
import { fail, ok } from '@/domain/shared/result';
import { defineTenantAction } from '@/server/actions/define-action';
import { partyOf } from '@/server/partners/party';

const ZCommand = z.object({ relationshipId: z.string().refine(isUuid, 'Unknown relationship.') });

const decide = (decision: RelationshipDecision) =>
  defineTenantAction({ schema: ZCommand }, async ({ user, actor, tenantId, input, services }) => {
    if (tenantId !== user.tenantId || actor.onBehalfOf) return fail('NOT_FOUND', 'Not found.');
    const result = await changeRelationship(services, { party: partyOf(user), relationshipId: input.relationshipId, decision });
    if (!result.ok) return result;
    revalidatePath(`/tenants/${tenantId}`, 'layout');
    return { ...ok(undefined), message: `${result.value.partnerName}: ${RELATIONSHIP_STATUS_LABELS[result.value.status].toLowerCase()}.` };
  });

export const approveRelationshipAction = decide('approve');
export const declineRelationshipAction = decide('decline');
export const terminateCustomerRelationshipAction = decide('terminate');
