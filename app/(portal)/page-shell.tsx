// The frame of pages outside a tenant (account, tenant list): a narrow column.
export function PageShell({ children }: { children: React.ReactNode }) {
  return <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">{children}</main>;
}
