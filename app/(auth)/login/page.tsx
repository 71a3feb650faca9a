import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Notice } from '@/app/_components/ui';
import { SESSION_END_MESSAGES, type SessionEnd } from '@/domain/auth/session-policy';
import { getCurrentUser } from '@/server/auth/current-user';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; ended?: string }> }) {
  const { next, ended } = await searchParams;
  if (await getCurrentUser()) redirect('/');
  const endedMessage = ended && ended in SESSION_END_MESSAGES ? SESSION_END_MESSAGES[ended as SessionEnd] : null;
  return (
    <div className="rounded-2xl border border-slate-200 bg-white p-8 shadow-lg">
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Use the sign-in name and password your administrator gave you.</p>
      {endedMessage && (
        <div className="mt-4">
          <Notice tone="info">{endedMessage}</Notice>
        </div>
      )}
      <div className="mt-6">
        <LoginForm next={next} />
      </div>
    </div>
  );
}
