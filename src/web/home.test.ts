import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../core/testing/app.ts';
import { contextOf } from '../core/testing/context.ts';
import { dailyJobs } from './daily-jobs.ts';

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
    expect(home.body).toContain('id="work"');
    const audited = await t.database.db.selectFrom('audit_event').select('detail').where('actor_label', '=', 'recruitment-officer@west-mercia.example').where('record_type', '=', 'work-queue').execute();
    expect(audited).toHaveLength(2);
    expect((audited[0]!.detail as { shown: string[] }).shown).toHaveLength(items.length);
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
