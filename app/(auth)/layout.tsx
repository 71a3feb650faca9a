export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-100 via-white to-brand-50 px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-8 flex items-center justify-center gap-3">
          <span aria-hidden="true" className="grid size-10 place-items-center rounded-xl bg-brand-600 text-lg font-bold text-white shadow">
            ID
          </span>
          <span className="text-lg font-semibold text-slate-900">Identity Admin Portal</span>
        </div>
        {children}
      </div>
    </main>
  );
}
