import { signOut } from '@/server/auth/auth';
import { buttonClass, type ButtonVariant } from './ui';

export function SignOutButton({ variant = 'ghost' }: { variant?: ButtonVariant }) {
  return (
    <form
      action={async () => {
        'use server';
        await signOut({ redirectTo: '/login' });
      }}
    >
      <button type="submit" className={buttonClass(variant, 'sm')}>
        Sign out
      </button>
    </form>
  );
}
