'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { SIGN_IN_REFUSED } from '@/domain/auth/sign-in';
import { signIn } from '@/server/auth/auth';

export type SignInState = { error?: string; signInName?: string };

const ZSignInInput = z.object({
  signInName: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  next: z.string().optional(),
});

/** Only same-site paths: an open redirect through ?next= would be a phishing aid. */
const safeNext = (next: string | undefined) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = ZSignInInput.safeParse(Object.fromEntries(formData));
  const signInName = typeof formData.get('signInName') === 'string' ? String(formData.get('signInName')) : '';
  if (!parsed.success) return { error: 'Enter your sign-in name and password.', signInName };
  try {
    await signIn('credentials', {
      signInName: parsed.data.signInName,
      password: parsed.data.password,
      redirectTo: safeNext(parsed.data.next),
    });
  } catch (error) {
    if (error instanceof AuthError) return { error: SIGN_IN_REFUSED, signInName };
    throw error; // the success redirect travels as an exception
  }
  return {};
}
