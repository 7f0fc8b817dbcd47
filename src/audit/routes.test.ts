import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../core/testing/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await signIn(t.app, 'social-worker@herefordshire.example');
  await signIn(t.app, 'social-worker@shropshire.example');
});
afterAll(() => t.close());

describe('audit log search', () => {
  it('finds what a person did, for an administrator of their organisation', async () => {
    const cookie = await signIn(t.app, 'admin@herefordshire.example');
    const page = await t.app.inject({ method: 'GET', url: '/audit?actor=social-worker%40herefordshire.example', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/social-worker@herefordshire\.example<\/td>\s*<td class="govuk-table__cell">sign-in/);
  });

  it('never shows another organisation\'s events', async () => {
    const cookie = await signIn(t.app, 'admin@herefordshire.example');
    const page = await t.app.inject({ method: 'GET', url: '/audit?actor=social-worker%40shropshire.example', headers: { cookie } });
    expect(page.body).toContain('No events match');
  });

  it('filters by date and names a wrong date', async () => {
    const cookie = await signIn(t.app, 'admin@herefordshire.example');
    const none = await t.app.inject({ method: 'GET', url: '/audit?from=2000-01-01&to=2000-12-31', headers: { cookie } });
    expect(none.body).toContain('No events match');
    const bad = await t.app.inject({ method: 'GET', url: '/audit?from=2000-02-31', headers: { cookie } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#from"');
  });

  it('is refused to anyone but administrators', async () => {
    const cookie = await signIn(t.app, 'team-manager@herefordshire.example');
    expect((await t.app.inject({ method: 'GET', url: '/audit', headers: { cookie } })).statusCode).toBe(403);
  });

  it('records the search itself', async () => {
    const cookie = await signIn(t.app, 'admin@herefordshire.example');
    await t.app.inject({ method: 'GET', url: '/audit?recordType=staff', headers: { cookie } });
    const last = await t.database.db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'search', actor_label: 'admin@herefordshire.example', record_type: 'audit-log' });
  });
});

describe('lists, searches and work queues that showed an organisation\'s records', () => {
  interface ApiEvent { id: number; actor: string | null; action: string; recordType: string | null; recordId: string | null; detail: unknown; records: { type: string; id: string }[] }
  const events = async (email: string, query: string): Promise<ApiEvent[]> => {
    const cookie = await signIn(t.app, email);
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?${query}`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    return (response.json() as { items: ApiEvent[] }).items;
  };
  const orgId = async (code: string) => (await t.database.db.selectFrom('organisation').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  let listSeq: number;
  let herefordshireChild: string;
  let othersChild: string;

  beforeAll(async () => {
    // The partnership's family finder lists the children of all four West Mercia councils.
    const cookie = await signIn(t.app, 'family-finder@west-mercia.example');
    expect((await t.app.inject({ method: 'GET', url: '/children?limit=200', headers: { cookie } })).statusCode).toBe(200);
    const list = await t.database.db.selectFrom('audit_event').select(['id', 'detail']).where('actor_label', '=', 'family-finder@west-mercia.example')
      .where('action', '=', 'search').where('record_type', '=', 'child').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    listSeq = list.id;
    const shown = (list.detail as { shown: string[] }).shown;
    const owners = await t.database.db.selectFrom('child').select(['id', 'placing_authority_id as ownerId']).where('id', 'in', shown).execute();
    const herefordshire = await orgId('E06000019');
    herefordshireChild = owners.find((c) => c.ownerId === herefordshire)!.id;
    othersChild = owners.find((c) => c.ownerId !== herefordshire)!.id;
  });

  it('an owning council\'s administrator finds another organisation\'s list that showed its child, by the child\'s ID', async () => {
    const found = await events('admin@herefordshire.example', `recordId=${herefordshireChild}`);
    const list = found.find((e) => e.id === listSeq);
    // Who listed it and when, and which of the council's own records it showed; not the rest
    // of the list (other councils' children) nor the search terms.
    expect(list).toMatchObject({ actor: 'family-finder@west-mercia.example', action: 'search', recordType: 'child', recordId: null, detail: null });
    expect(list!.records).toContainEqual({ type: 'child', id: herefordshireChild });
    expect(list!.records.map((r) => r.id)).not.toContain(othersChild);
    const page = await t.app.inject({ method: 'GET', url: `/audit?recordId=${herefordshireChild}`, headers: { cookie: await signIn(t.app, 'admin@herefordshire.example') } });
    expect(page.body).toMatch(new RegExp(`<td class="govuk-table__cell">${listSeq}</td>[\\s\\S]*?family-finder@west-mercia\\.example</td>\\s*<td class="govuk-table__cell">search`));
  });

  it('an owning council\'s administrator finds it by owner too: in its own log, without naming a record', async () => {
    const found = await events('admin@herefordshire.example', 'actor=family-finder%40west-mercia.example');
    expect(found.map((e) => e.id)).toContain(listSeq);
  });

  it('the listing organisation\'s administrator still sees the whole event', async () => {
    const found = await events('admin@west-mercia.example', `recordId=${herefordshireChild}`);
    expect(found.find((e) => e.id === listSeq)).toMatchObject({ actor: 'family-finder@west-mercia.example', detail: { shown: expect.arrayContaining([herefordshireChild, othersChild]) } });
  });

  it('cannot be found by another council\'s record id, even by a council whose records it also showed', async () => {
    const othersOwner = (await t.database.db.selectFrom('child').innerJoin('organisation as o', 'o.id', 'child.placing_authority_id').select('o.slug').where('child.id', '=', othersChild).executeTakeFirstOrThrow()).slug;
    const admin = `admin@${othersOwner}.example`;
    // The event touched this council's child, so its administrator sees it …
    expect((await events(admin, `recordId=${othersChild}`)).map((e) => e.id)).toContain(listSeq);
    // … but searching by Herefordshire's child must not confirm that child was in the list.
    expect((await events(admin, `recordId=${herefordshireChild}`)).map((e) => e.id)).not.toContain(listSeq);
  });

  it('is not shown to an organisation none of whose records it showed', async () => {
    expect((await events('admin@thurrock.example', `recordId=${herefordshireChild}`)).map((e) => e.id)).not.toContain(listSeq);
    expect(await events('admin@thurrock.example', 'actor=family-finder%40west-mercia.example')).toEqual([]);
    const page = await t.app.inject({ method: 'GET', url: `/audit?recordId=${herefordshireChild}`, headers: { cookie: await signIn(t.app, 'admin@thurrock.example') } });
    expect(page.body).not.toContain('family-finder@west-mercia.example');
  });

  it('links each item of a work queue to its record and that record\'s owner', async () => {
    const cookie = await signIn(t.app, 'recruitment-officer@west-mercia.example');
    await t.app.inject({ method: 'GET', url: '/', headers: { cookie } });
    const queue = await t.database.db.selectFrom('audit_event').select(['id', 'detail']).where('actor_label', '=', 'recruitment-officer@west-mercia.example')
      .where('record_type', '=', 'work-queue').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const hrefs = [...new Set((queue.detail as { shown: string[] }).shown)];
    expect(hrefs.length).toBeGreaterThan(0);
    const links = await t.database.db.withTables<{ audit_event_link: { event_id: number; record_type: string; record_id: string; owner_org_id: string | null } }>()
      .selectFrom('audit_event_link').select(['record_type', 'record_id', 'owner_org_id']).where('event_id', '=', queue.id).execute();
    expect(links.map((l) => `/${l.record_type === 'household' ? 'households' : 'enquiries'}/${l.record_id}`).sort()).toEqual(hrefs.sort());
    for (const l of links) {
      const owner = l.record_type === 'household'
        ? (await t.database.db.selectFrom('household').select('owner_id as id').where('id', '=', l.record_id).executeTakeFirstOrThrow()).id
        : (await t.database.db.selectFrom('enquiry').select('front_door_id as id').where('id', '=', l.record_id).executeTakeFirstOrThrow()).id;
      expect(l.owner_org_id).toBe(owner);
    }
    const owner = links[0]!.owner_org_id!;
    const admin = (await t.database.db.selectFrom('organisation').select('slug').where('id', '=', owner).executeTakeFirstOrThrow()).slug;
    expect((await events(`admin@${admin}.example`, `recordId=${links[0]!.record_id}`)).map((e) => e.id)).toContain(queue.id);
  });

  it('the whole log still verifies', async () => {
    const { verify } = await import('./service.ts');
    expect(await verify(t.database.db)).toMatchObject({ ok: true });
  });
});
