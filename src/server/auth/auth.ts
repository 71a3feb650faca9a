// next-auth (Auth.js v5): credentials sign-in, JWT cookie. The cookie only names
// a UserSession row; whether it still works is decided on every request by
// current-user.ts against the database (blocked, deleted, password reset, idle, 8 h).
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { signIn as signInUseCase } from '@/domain/auth/sign-in';
import { SESSION_MAX_AGE_MS } from '@/domain/auth/session-policy';
import { services } from '../services';

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // A refused sign-in is an expected outcome (and audited), not a server error.
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_MS / 1000 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { signInName: { label: 'Sign-in name' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials) {
        const signInName = typeof credentials?.signInName === 'string' ? credentials.signInName : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        if (!signInName || !password || signInName.length > 320 || password.length > 1024) throw new CredentialsSignin();
        const s = services();
        const result = await signInUseCase(
          { clock: s.clock, hasher: s.hasher, store: s.signInStore, audit: s.audit, fingerprint: s.fingerprint },
          { signInName, password },
        );
        if (!result.ok) throw new CredentialsSignin();
        return { id: result.value.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sid = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, sessionId: typeof token.sid === 'string' ? token.sid : undefined };
    },
  },
  events: {
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid !== 'string') return;
      const { db } = await import('../db/client');
      await db().userSession.updateMany({ where: { id: sid, endedAt: null }, data: { endedAt: new Date(), endReason: 'SIGNED_OUT' } });
    },
  },
});
