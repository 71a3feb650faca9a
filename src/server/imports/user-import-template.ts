// The bulk-add spreadsheet (domain.md §8). The first sixteen columns are the anchor
// product's template, word for word, so its files are accepted unchanged; the last
// four are the portal's own additions. Order here is the order of the template.

import { csvLine } from '@/server/exports/csv-writer';

export const USER_IMPORT_COLUMNS = [
  { header: 'User Name', key: 'signInName' },
  { header: 'First Name', key: 'firstName' },
  { header: 'Last Name', key: 'lastName' },
  { header: 'Display Name', key: 'displayName' },
  { header: 'Job Title', key: 'jobTitle' },
  { header: 'Department', key: 'department' },
  { header: 'Office Number', key: 'officeLocation' },
  { header: 'Office Phone', key: 'officePhone' },
  { header: 'Mobile Phone', key: 'mobilePhone' },
  { header: 'Fax', key: 'faxNumber' },
  { header: 'Alternate email address', key: 'alternateEmail' },
  { header: 'Address', key: 'streetAddress' },
  { header: 'City', key: 'city' },
  { header: 'State or Province', key: 'stateOrProvince' },
  { header: 'ZIP or Postal Code', key: 'postalCode' },
  { header: 'Country or Region', key: 'countryOrRegion' },
  { header: 'Usage Location', key: 'usageLocation' },
  { header: 'Licenses', key: 'licences' },
  { header: 'Groups', key: 'groups' },
  { header: 'Block Sign-In', key: 'blockSignIn' },
] as const;

export type UserImportColumn = (typeof USER_IMPORT_COLUMNS)[number];
export type FieldKey = UserImportColumn['key'];

/** Columns a file must have (a row may still leave them empty; the row validation reports that). */
export const REQUIRED_USER_IMPORT_FIELDS: readonly FieldKey[] = ['signInName', 'displayName'];

const EXAMPLE_ROW: Record<FieldKey, string> = {
  signInName: 'chris.green@contoso.example',
  firstName: 'Chris',
  lastName: 'Green',
  displayName: 'Chris Green',
  jobTitle: 'IT Manager',
  department: 'Information Technology',
  officeLocation: '123451',
  officePhone: '123-555-1211',
  mobilePhone: '123-555-6641',
  faxNumber: '123-555-9821',
  alternateEmail: 'chris.green@fabrikam.example',
  streetAddress: '1 Main Street',
  city: 'Redmond',
  stateOrProvince: 'WA',
  postalCode: '98052',
  countryOrRegion: 'United States',
  usageLocation: 'US',
  licences: 'Microsoft 365 E3;Power Apps Premium',
  groups: 'Sales Team;Sales EMEA',
  blockSignIn: 'No',
};

/** The downloadable template: UTF-8 BOM (so Excel reads it as UTF-8), header, one example row, CRLF. */
export function userImportTemplateCsv(): string {
  const header = USER_IMPORT_COLUMNS.map((column) => column.header);
  const example = USER_IMPORT_COLUMNS.map((column) => EXAMPLE_ROW[column.key]);
  return '\uFEFF' + csvLine(header) + csvLine(example);
}
