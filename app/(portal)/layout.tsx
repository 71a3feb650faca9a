import Link from 'next/link';
import { SignOutButton } from '@/app/_components/sign-out-button';
import { requireUser } from '@/server/auth/current-user';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="flex h-14 items-center justify-between gap-4 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white">
              ID
            </span>
            <span className="hidden sm:inline">Identity Admin Portal</span>
          </Link>
          <div className="flex items-center gap-3">
            <Link href="/account" className="hidden text-right text-sm leading-tight sm:block" aria-label={`Your account: ${user.displayName}`}>
              <span className="block font-medium text-slate-900">{user.displayName}</span>
              <span className="block text-xs text-slate-500">{user.signInName}</span>
            </Link>
            <SignOutButton variant="secondary" />
          </div>
        </div>
      </header>
      <div className="flex flex-1 flex-col">{children}</div>
    </div>
  );
}
