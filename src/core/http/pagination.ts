// govukPagination's parameters for a list paged by offset and limit: previous and next, and
// numbered pages around the current one, the first and the last, with ellipses between.

export type PageItem = { number: number; href: string; current: boolean } | { ellipsis: true };

export interface Pagination {
  items: PageItem[];
  previous?: { href: string };
  next?: { href: string };
  landmarkLabel: string;
}

/** Null when everything fits on one page. `hrefFor` gives the list's address at an offset. */
export function pagination(page: { total: number; offset: number; limit: number }, hrefFor: (offset: number) => string, landmarkLabel: string): Pagination | null {
  const { total, offset, limit } = page;
  const pages = Math.ceil(total / limit);
  if (pages <= 1) return null;
  const current = Math.floor(offset / limit) + 1;
  const items: PageItem[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - current) <= 1) items.push({ number: n, href: hrefFor((n - 1) * limit), current: n === current });
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true });
  }
  return {
    items,
    previous: current > 1 ? { href: hrefFor((current - 2) * limit) } : undefined,
    next: current < pages ? { href: hrefFor(current * limit) } : undefined,
    landmarkLabel,
  };
}

/** A list's address with its filters; empty values and defaults are left out. */
export function listHref(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const s = search.toString();
  return `${path}${s ? `?${s}` : ''}`;
}
