'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { changeOwnPassword } from '@/domain/users/change-own-password';
import type { ActionState } from '@/server/actions/action-state';
import { getCurrentUser } from '@/server/auth/current-user';
import { services } from '@/server/services';

const ZChangePasswordInput = z.object({
  currentPassword: z.string().max(1024).optional(),
  newPassword: z.string().max(1024),
  confirmPassword: z.string().max(1024),
});

/** Used by /change-password (after a temporary password) and by /account. */
export async function changePasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  const parsed = ZChangePasswordInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: 'error', error: { code: 'VALIDATION', message: 'Fill in every field.' }, submittedAt: Date.now() };
  const wasTemporary = user.mustChangePassword;
  const s = services();
  const result = await changeOwnPassword(
    { clock: s.clock, hasher: s.hasher, transaction: s.transaction },
    {
      tenantId: user.tenantId,
      userId: user.userId,
      sessionId: user.sessionId,
      currentPassword: wasTemporary ? null : (parsed.data.currentPassword ?? ''),
      newPassword: parsed.data.newPassword,
      confirmation: parsed.data.confirmPassword,
    },
  );
  if (!result.ok) {
    const { code, message, fieldErrors } = result.error;
    return { status: 'error', error: { code, message, fieldErrors }, submittedAt: Date.now() };
  }
  if (wasTemporary) redirect('/?passwordChanged=1');
  return { status: 'success', message: 'Your password has been changed. Your other sessions have been signed out.', submittedAt: Date.now() };
}
