// Optimistic only: send visitors without a session cookie to /login. The real
// check (session row, user state, tenant, permission) happens in every page and
// action, against the database.
import { NextResponse, type NextRequest } from 'next/server';

const PUBLIC = ['/login'];
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (hasSession) return NextResponse.next();
  const login = new URL('/login', request.url);
  if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`);
  return NextResponse.redirect(login);
}

// Not /api: route handlers check the session themselves and answer 401 rather than a
// redirect, and a request that passes through the proxy has its body buffered and cut
// at 10 MB (experimental.proxyClientMaxBodySize) — a 50,000-row upload would lose rows.
export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|css|js)$).*)'],
};
