export type TenantKind = 'customer' | 'partner';

export type Tenant = {
  id: string;
  name: string;
  kind: TenantKind;
  primaryDomain: string;
  domains: string[];
};

const DOMAIN = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const normaliseDomain = (value: string) => value.trim().toLowerCase().replace(/\.$/, '');
export const isValidDomain = (value: string) => DOMAIN.test(normaliseDomain(value));
