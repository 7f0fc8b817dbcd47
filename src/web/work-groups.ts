// The home page's work, grouped by the part of the service it belongs to (the area its link
// leads to), each group counted, overdue first, and paged on its own without JavaScript
// (`/?group=placements&offset=10#work-placements`).
import type { WorkItem } from '../core/work.ts';
import { listHref, pagination, type Pagination } from '../core/http/pagination.ts';

/** The areas' addresses, named as people know them, in the order a day's work usually runs. */
const GROUPS: readonly { key: string; title: string }[] = [
  { key: 'children', title: 'Children' }, { key: 'enquiries', title: 'Enquiries' }, { key: 'households', title: 'Adopters' },
  { key: 'placements', title: 'Placements' }, { key: 'support', title: 'Support after adoption' }, { key: 'letterbox', title: 'Letterbox contact' },
  { key: 'birth-family-support', title: 'Birth family support' }, { key: 'adopted-adults', title: 'Adopted adults' },
  { key: 'non-agency-adoptions', title: 'Non-agency adoptions' }, { key: 'intercountry-adoptions', title: 'Inter-country adoptions' },
];
export const GROUP_SIZE = 10;

export interface WorkGroup {
  key: string;
  title: string;
  total: number;
  overdue: number;
  items: WorkItem[];
  pagination: Pagination | null;
}

const keyOf = (item: WorkItem) => item.href.split('?')[0]!.split('/')[1] ?? '';

/** The items (overdue first, then by date, as workDue gives them) in their groups; `page` is the group paged and where. */
export function groupWork(items: readonly WorkItem[], page: { group?: string; offset?: number } = {}): WorkGroup[] {
  const known = new Set(GROUPS.map((g) => g.key));
  const groups = [...GROUPS, { key: 'other', title: 'Other work' }];
  return groups.flatMap((g) => {
    const all = items.filter((i) => (known.has(keyOf(i)) ? keyOf(i) : 'other') === g.key);
    if (all.length === 0) return [];
    const asked = page.group === g.key ? Math.max(0, Math.floor(page.offset ?? 0)) : 0;
    const offset = asked < all.length ? asked - (asked % GROUP_SIZE) : 0;
    return [{
      key: g.key, title: g.title, total: all.length, overdue: all.filter((i) => i.overdue).length,
      items: all.slice(offset, offset + GROUP_SIZE),
      pagination: pagination({ total: all.length, offset, limit: GROUP_SIZE }, (o) => `${listHref('/', { group: g.key, offset: o || undefined })}#work-${g.key}`, `Pages of ${g.title.toLowerCase()} work`),
    }];
  });
}
