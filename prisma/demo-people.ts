// Deterministic, varied demo profiles (no randomness: every seed gives the same directory).
const FIRST = ['Adele', 'Alex', 'Allan', 'Bianca', 'Carlos', 'Chen', 'Christie', 'Debra', 'Diego', 'Emily', 'Enrico', 'Fatima', 'Grady', 'Hanna', 'Henrietta', 'Irvin', 'Isaiah', 'Johanna', 'Joni', 'Kenji', 'Lee', 'Lidia', 'Lynne', 'Mariam', 'Megan', 'Miriam', 'Nestor', 'Noor', 'Olga', 'Patti', 'Pradeep', 'Raul', 'Sakura', 'Sanna', 'Tomás', 'Wilna', 'Yusuf', 'Zoë', 'Ingrid', 'Mateo'];
const LAST = ['Vance', 'Wilber', 'Deyoung', 'Rossi', 'Mendes', 'Wei', 'Cline', 'Berry', 'Soto', 'Braun', 'Bianchi', 'Haddad', 'Archie', 'Lindqvist', 'Mueller', 'Muller', 'Lakshmi', 'Lauer', 'Sherman', 'Tanaka', 'Gu', 'Holloway', 'Robbins', 'Said', 'Bowen', 'Caldwell', 'Wilke', 'Rahman', 'Petrova', 'Fernandez', 'Gupta', 'Ortega', 'Sato', 'Virtanen', 'García', 'Mathis', 'Aydın', 'Dubois', 'Nilsson', 'Rivera'];
const DEPARTMENTS: { name: string; titles: string[] }[] = [
  { name: 'Sales', titles: ['Account Executive', 'Sales Manager', 'Sales Development Representative', 'Regional Sales Director'] },
  { name: 'Finance', titles: ['Financial Analyst', 'Controller', 'Accounts Payable Specialist'] },
  { name: 'Marketing', titles: ['Marketing Manager', 'Content Strategist', 'Brand Designer'] },
  { name: 'Engineering', titles: ['Software Engineer', 'Senior Software Engineer', 'Engineering Manager', 'Site Reliability Engineer'] },
  { name: 'Human Resources', titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'] },
  { name: 'Operations', titles: ['Operations Manager', 'Logistics Coordinator', 'Facilities Manager'] },
  { name: 'Legal', titles: ['Legal Counsel', 'Paralegal'] },
  { name: 'Customer Success', titles: ['Customer Success Manager', 'Support Engineer'] },
];
const OFFICES = [
  { office: 'Seattle HQ 18/2106', street: '1 Contoso Way', city: 'Seattle', state: 'WA', postal: '98052', country: 'United States', usage: 'US', phone: '+1 425 555 01' },
  { office: 'London 3/12', street: '10 Finsbury Square', city: 'London', state: null, postal: 'EC2A 1AF', country: 'United Kingdom', usage: 'GB', phone: '+44 20 7946 0' },
  { office: 'Stockholm 4B', street: 'Kungsgatan 8', city: 'Stockholm', state: null, postal: '111 43', country: 'Sweden', usage: 'SE', phone: '+46 8 555 10' },
  { office: 'Paris 2', street: '15 Rue de Rivoli', city: 'Paris', state: 'Île-de-France', postal: '75001', country: 'France', usage: 'FR', phone: '+33 1 70 36 0' },
  { office: 'Jakarta 11', street: 'Jl. Jend. Sudirman Kav. 52', city: 'Jakarta', state: 'DKI Jakarta', postal: '12190', country: 'Indonesia', usage: 'ID', phone: '+62 21 555 0' },
  { office: 'Remote', street: null, city: 'Toronto', state: 'ON', postal: 'M5V 2T6', country: 'Canada', usage: 'CA', phone: '+1 416 555 01' },
];

export type DemoPerson = {
  firstName: string;
  lastName: string;
  displayName: string;
  localPart: string;
  jobTitle: string;
  department: string;
  officeLocation: string;
  streetAddress: string | null;
  city: string;
  stateOrProvince: string | null;
  postalCode: string;
  countryOrRegion: string;
  usageLocation: string | null;
  officePhone: string;
  mobilePhone: string | null;
  blocked: boolean;
};

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').toLowerCase();

export function demoPeople(count: number): DemoPerson[] {
  const people: DemoPerson[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const firstName = FIRST[i % FIRST.length] ?? 'Alex';
    const lastName = LAST[(i * 7 + 3 + Math.floor(i / FIRST.length) * 11) % LAST.length] ?? 'Doe';
    let localPart = `${ascii(firstName)}.${ascii(lastName)}`.replace(/[^a-z.]/g, '');
    if (used.has(localPart)) localPart = `${localPart}${i}`;
    used.add(localPart);
    const department = DEPARTMENTS[(i * 5) % DEPARTMENTS.length] ?? DEPARTMENTS[0]!;
    const office = OFFICES[(i * 3) % OFFICES.length] ?? OFFICES[0]!;
    people.push({
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      localPart,
      jobTitle: department.titles[i % department.titles.length] ?? 'Specialist',
      department: department.name,
      officeLocation: office.office,
      streetAddress: office.street,
      city: office.city,
      stateOrProvince: office.state,
      postalCode: office.postal,
      countryOrRegion: office.country,
      // A few have no usage location yet: they cannot be licensed until someone sets it.
      usageLocation: i % 11 === 5 ? null : office.usage,
      officePhone: `${office.phone}${String(10 + (i % 89)).padStart(2, '0')}`,
      mobilePhone: i % 4 === 0 ? null : `+1 206 555 ${String(1000 + i).slice(-4)}`,
      blocked: i % 17 === 8,
    });
  }
  return people;
}
