import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requireUser } from '@/server/auth/current-user';
import { SignOutButton } from '@/app/_components/sign-out-button';
import { ChangePasswordForm } from './change-password-form';

export const metadata: Metadata = { title: 'Change your password' };

export default async function ChangePasswordPage() {
  const user = await requireUser({ allowTemporaryPassword: true });
  if (!user.mustChangePassword) redirect('/account');
  return (
    <div className="rounded-2xl border border-slate-200 bg-white p-8 shadow-lg">
      <h1 className="text-xl font-semibold text-slate-900">Choose a new password</h1>
      <p className="mt-1 text-sm text-slate-600">
        You signed in as <strong>{user.signInName}</strong> with a temporary password. Choose your own password before you continue.
      </p>
      <div className="mt-6">
        <ChangePasswordForm askCurrent={false} />
      </div>
      <div className="mt-6 border-t border-slate-100 pt-4 text-center">
        <SignOutButton variant="ghost" />
      </div>
    </div>
  );
}
