import type { Metadata } from 'next';
import { Card, NotPermitted, PageHeader } from '@/app/_components/ui';
import { requireTenantAccess } from '@/server/auth/tenant-access';
import { db } from '@/server/db/client';
import { USER_IMPORT_COLUMNS } from '@/server/imports/user-import-template';
import { listRecentBulkJobs } from '@/server/queries/bulk-jobs';
import { RecentJobs } from './_components/recent-jobs';
import { UploadForm } from './_components/upload-form';

export const metadata: Metadata = { title: 'Bulk add users' };

export default async function ImportPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const access = await requireTenantAccess(tenantId);
  const denied = access.denial('user.create');
  if (denied) return <NotPermitted message={denied} />;
  const jobs = await listRecentBulkJobs(db(), tenantId, ['add']);
  return (
    <>
      <PageHeader
        title="Bulk add users"
        description="Add many users at once from a spreadsheet. Every row is checked before anything is written; you then import the valid rows as a job, with progress, and download the new users’ temporary passwords once."
        breadcrumbs={[{ href: `/tenants/${tenantId}/users`, label: 'Users' }]}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="1. Fill in the template">
          <div className="space-y-3 text-sm text-slate-700">
            <p>
              <a href={`/api/tenants/${tenantId}/imports/template`} className="font-medium text-brand-700 underline" download>
                Download the template
              </a>{' '}
              (CSV). Files made for the Microsoft 365 admin center import unchanged.
            </p>
            <ul className="list-disc space-y-1 pl-5">
              <li>
                <strong>User Name</strong> (the sign-in name, on one of this tenant’s domains — or just the part before @ for the primary domain{' '}
                <span className="font-mono">{access.tenant.primaryDomain}</span>) and <strong>Display Name</strong> are required.
              </li>
              <li>
                <strong>Licenses</strong> and <strong>Groups</strong> by name, separated by <span className="font-mono">;</span>. Licences need a <strong>Usage Location</strong> (a
                two-letter country code such as US or FR).
              </li>
              <li>
                <strong>Block Sign-In</strong>: Yes or No (blank is No).
              </li>
            </ul>
            <details>
              <summary className="cursor-pointer font-medium text-slate-800">All {USER_IMPORT_COLUMNS.length} columns</summary>
              <p className="mt-1 text-slate-600">{USER_IMPORT_COLUMNS.map((c) => c.header).join(', ')}</p>
            </details>
          </div>
        </Card>
        <Card title="2. Upload it">
          <UploadForm tenantId={tenantId} operation="add" showExistingMode />
        </Card>
      </div>
      <div className="mt-6">
        <Card title="Recent bulk adds">
          <RecentJobs tenantId={tenantId} jobs={jobs} empty="No bulk add yet in this tenant." />
        </Card>
      </div>
    </>
  );
}
