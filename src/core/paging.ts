// A page of a list and the list's total in one round trip: the page's query selects
// `totalColumn` (a window count over every row the filters keep, before LIMIT and OFFSET), and
// pageWithTotal reads it from the first row. Only a page past the end has no row to carry it,
// and asks for the count on its own.
import { sql } from 'kysely';

export const totalColumn = sql<number>`count(*) over ()`.as('total');

export async function pageWithTotal<R extends { total: number }>(rows: R[], offset: number, count: () => Promise<number>): Promise<{ total: number; items: Omit<R, 'total'>[] }> {
  const total = rows[0] ? Number(rows[0].total) : offset > 0 ? await count() : 0;
  return { total, items: rows.map(({ total: _total, ...item }) => item) };
}
