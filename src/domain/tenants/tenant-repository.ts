import type { Tenant } from './tenant';

export type TenantRepository = {
  getById(tenantId: string): Promise<Tenant | null>;
  /** Which of these domains already belong to another tenant. */
  domainsOwnedElsewhere(tenantId: string, domains: string[]): Promise<string[]>;
  updateSettings(tenantId: string, settings: { name: string; primaryDomain: string; domains: string[] }): Promise<void>;
};
