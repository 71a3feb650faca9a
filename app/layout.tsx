import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Identity Admin Portal', template: '%s · Identity Admin Portal' },
  description: 'Run your organisation’s directory: tenants, users, roles, licences, groups and environments.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
