import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../core/testing/app.ts';
import { contextOf } from '../core/testing/context.ts';
import { dailyJobs } from './daily-jobs.ts';
import { groupWork } from './work-groups.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('work queue', () => {
  it('shows a recruitment officer the work due from them, overdue first', async () => {
    const cookie = await signIn(t.app, 'recruitment-officer@west-mercia.example');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/work', headers: { cookie } });
    const { items } = api.json() as { items: { kind: string; overdue: boolean; dueOn: string }[] };
    expect(items.length).toBeGreaterThan(0);
    const firstOnTime = items.findIndex((i) => !i.overdue);
    expect(firstOnTime === -1 || items.slice(firstOnTime).every((i) => !i.overdue)).toBe(true);
    const home = await t.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(home.body).toContain(`${items.length} items due from you`);
    const audited = await t.database.db.selectFrom('audit_event').select('detail').where('actor_label', '=', 'recruitment-officer@west-mercia.example').where('record_type', '=', 'work-queue').orderBy('at').execute();
    expect(audited).toHaveLength(2);
    // The API showed every item; the page, its groups' first pages.
    expect((audited[0]!.detail as { shown: string[] }).shown).toHaveLength(items.length);
    const shownOnPage = [...home.body.matchAll(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell"><a class="govuk-link" href="([^"]+)"/g)].map((m) => m[1]);
    expect((audited[1]!.detail as { shown: string[] }).shown.sort()).toEqual(shownOnPage.filter((h) => items.some((i) => (i as unknown as { href: string }).href === h?.replace(/&amp;/g, '&'))).map((h) => h!.replace(/&amp;/g, '&')).sort());
  });

  it('groups the work by part of the service, counted, each group paged on its own', async () => {
    const items = Array.from({ length: 23 }, (_, n) => ({ kind: 'x', title: `Item ${n}`, href: n < 13 ? `/placements/${n}` : `/support/cases/${n}`, dueOn: '2026-11-20', overdue: n % 2 === 0 }));
    const groups = groupWork(items);
    expect(groups.map((g) => [g.key, g.total, g.overdue, g.items.length])).toEqual([['placements', 13, 7, 10], ['support', 10, 5, 10]]);
    expect(groups[0]!.pagination!.next!.href).toBe('/?group=placements&offset=10#work-placements');
    expect(groups[1]!.pagination).toBeNull();
    const second = groupWork(items, { group: 'placements', offset: 10 });
    expect(second[0]!.items.map((i) => i.title)).toEqual(['Item 10', 'Item 11', 'Item 12']);
    // Another group stays on its first page; an offset past the end shows the first.
    expect(second[1]!.items[0]!.title).toBe('Item 13');
    expect(groupWork(items, { group: 'placements', offset: 500 })[0]!.items[0]!.title).toBe('Item 0');
    expect(groupWork([{ ...items[0]!, href: '/somewhere-new/1' }])[0]!.key).toBe('other');
  });

  it('is snapshotted for everyone by the daily job', async () => {
    const job = dailyJobs(() => '2026-11-23').find((j) => j.name === 'work-queues')!;
    const total = await job.run(t.database.db);
    expect(total).toBeGreaterThan(0);
    const officer = await contextOf(t.database.db, 'recruitment-officer@west-mercia.example');
    const rows = await t.database.db.selectFrom('work_item').select('kind').where('staff_id', '=', officer.actor.staffId).where('computed_on', '=', '2026-11-23').execute();
    expect(rows.length).toBeGreaterThan(0);
  });
});
