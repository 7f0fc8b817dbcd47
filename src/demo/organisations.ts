// The demo partnerships (DESIGN.md §1): West Mercia, from its business case, and the
// Thurrock consortium, whose membership changed when Havering left on 1 April 2014.
import type { Organisation } from '../partnership/model.ts';

export interface DemoOrganisation extends Omit<Organisation, 'id' | 'hostId'> {
  hostSlug?: string;
}

/** The DfE LA numbers of the demo councils, which SSDA903 returns and UPNs use. */
export const DEMO_LA_NUMBERS: Record<string, string> = {
  herefordshire: '884', shropshire: '893', 'telford-and-wrekin': '894', worcestershire: '885', thurrock: '883', 'southend-on-sea': '882', havering: '311',
};

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { kind: 'local-authority', name: 'Herefordshire', slug: 'herefordshire', code: 'E06000019' },
  { kind: 'local-authority', name: 'Shropshire', slug: 'shropshire', code: 'E06000051' },
  { kind: 'local-authority', name: 'Telford and Wrekin', slug: 'telford-and-wrekin', code: 'E06000020' },
  { kind: 'local-authority', name: 'Worcestershire', slug: 'worcestershire', code: 'E10000034' },
  { kind: 'local-authority', name: 'Thurrock', slug: 'thurrock', code: 'E06000034' },
  { kind: 'local-authority', name: 'Southend-on-Sea', slug: 'southend-on-sea', code: 'E06000033' },
  { kind: 'local-authority', name: 'Havering', slug: 'havering', code: 'E09000016' },
  { kind: 'agency', name: "Barnardo's", slug: 'barnardos', code: null },
  // The business case does not name the lead authority; the demo hosts it in Worcestershire.
  { kind: 'partnership', name: 'West Mercia Adoption Partnership', slug: 'west-mercia', code: null, hostSlug: 'worcestershire' },
  { kind: 'partnership', name: 'Thurrock Adoption Consortium', slug: 'thurrock-consortium', code: null, hostSlug: 'thurrock' },
];

/** Each change is made on its own day, by the partnership's administrator, as it would have been. */
export type DemoEvent =
  | { on: string; partnership: string; join: string; kind: 'member' | 'affiliate'; option?: 1 | 2 | 3 | 4 }
  | { on: string; partnership: string; leave: string }
  | { on: string; partnership: string; option: 1 | 2 | 3 | 4 };

export const DEMO_HISTORY: DemoEvent[] = [
  // Thurrock's consortium: three councils and Barnardo's; Havering withdrew in April 2014.
  { on: '2010-04-01', partnership: 'thurrock-consortium', join: 'thurrock', kind: 'member', option: 1 },
  { on: '2010-04-01', partnership: 'thurrock-consortium', join: 'southend-on-sea', kind: 'member', option: 1 },
  { on: '2010-04-01', partnership: 'thurrock-consortium', join: 'havering', kind: 'member', option: 1 },
  { on: '2010-04-01', partnership: 'thurrock-consortium', join: 'barnardos', kind: 'affiliate' },
  { on: '2014-04-01', partnership: 'thurrock-consortium', leave: 'havering' },
  // West Mercia: the four councils from the outline business case (Cabinet, 4 October 2013),
  // Option 2 operational from November 2014, Option 3 from April 2016.
  { on: '2013-10-04', partnership: 'west-mercia', join: 'herefordshire', kind: 'member', option: 1 },
  { on: '2013-10-04', partnership: 'west-mercia', join: 'shropshire', kind: 'member', option: 1 },
  { on: '2013-10-04', partnership: 'west-mercia', join: 'telford-and-wrekin', kind: 'member', option: 1 },
  { on: '2013-10-04', partnership: 'west-mercia', join: 'worcestershire', kind: 'member', option: 1 },
  { on: '2014-11-01', partnership: 'west-mercia', option: 2 },
  { on: '2016-04-01', partnership: 'west-mercia', option: 3 },
];
