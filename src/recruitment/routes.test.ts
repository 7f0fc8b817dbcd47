import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, cookiesFrom, csrfTokenIn, FORM, formBody, signIn, startTestApp, submitForm, type TestApp } from '../core/testing/app.ts';

let t: TestApp;
let ipSerial = 0;
/** Each test enquires from its own address, so the per-address rate limit belongs to one test. */
const freshIp = () => `10.0.${Math.floor(++ipSerial / 250)}.${(ipSerial % 250) + 1}`;

const as = bearerFor(() => t);

const enquiry = { firstName: 'Rosa', lastName: 'Frontdoor', email: 'rosa@example.com', phone: '01632 960001', councilCode: 'E06000019', heardFrom: 'website', consent: true };
const post = (payload: object, ip = freshIp()) => t.app.inject({ method: 'POST', url: '/api/v1/enquiries', remoteAddress: ip, payload });
const orgId = async (slug: string) => (await t.database.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const frontDoorOf = async (id: string) => (await t.database.db.selectFrom('enquiry').select('front_door_id').where('id', '=', id).executeTakeFirstOrThrow()).front_door_id;
const countEnquiries = async () => (await t.database.db.selectFrom('enquiry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

/** The public HTML form: GET for the CSRF token (no one signed in), then POST from one address. */
async function postForm(fields: Record<string, string>, ip = freshIp()) {
  const page = await t.app.inject({ method: 'GET', url: '/enquire', remoteAddress: ip });
  return t.app.inject({ method: 'POST', url: '/enquire', remoteAddress: ip, headers: { cookie: cookiesFrom(page), ...FORM }, payload: formBody({ _csrf: csrfTokenIn(page.body), ...fields }) });
}
const formFields = { firstName: 'Isla', lastName: 'Formtest', email: 'isla@example.com', phone: '01632 960002', councilCode: 'E10000034', heardFrom: 'friend-or-family', consent: 'yes', website: '' };

beforeAll(async () => {
  t = await startTestApp({ today: '2026-11-23' });
});
afterAll(() => t.close());

describe('public enquiry API', () => {
  it('takes an enquiry without signing in and routes it to West Mercia under Option 3', async () => {
    const response = await post(enquiry);
    expect(response.statusCode).toBe(201);
    expect(await frontDoorOf(response.json().id)).toBe(await orgId('west-mercia'));
  });

  it('routes to the council itself before recruitment was pooled, and from outside to the chosen partnership', async () => {
    t.setToday('2014-06-01');
    try {
      const before = await post({ ...enquiry, lastName: 'Optionone' });
      expect(before.statusCode).toBe(201);
      expect(await frontDoorOf(before.json().id)).toBe(await orgId('herefordshire'));
      // Havering left the consortium on 1 April 2014: its own front door.
      expect(await frontDoorOf((await post({ ...enquiry, councilCode: 'E09000016' })).json().id)).toBe(await orgId('havering'));
    } finally {
      t.setToday('2026-11-23');
    }
    const outside = await post({ ...enquiry, councilCode: 'OUTSIDE', partnership: 'thurrock-consortium' });
    expect(await frontDoorOf(outside.json().id)).toBe(await orgId('thurrock-consortium'));
  });

  it('answers a known email exactly as a new one', async () => {
    const a = await post({ ...enquiry, email: 'twice@example.com' });
    const b = await post({ ...enquiry, email: 'twice@example.com' });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(Object.keys(b.json())).toEqual(['id']);
  });

  it('refuses bad input with problem JSON naming each field, and writes nothing', async () => {
    const before = await countEnquiries();
    const response = await post({ ...enquiry, email: 'not-an-email', consent: false, heardFrom: 'tv', councilCode: 'E99999999' });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['consent', 'email', 'heardFrom']);
    const unknown = await post({ ...enquiry, councilCode: 'E99999999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([{ field: 'councilCode', message: 'No council has the code E99999999' }]);
    const missing = await post({});
    expect(missing.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['consent', 'councilCode', 'email', 'firstName', 'heardFrom', 'lastName', 'phone']);
    expect(await countEnquiries()).toBe(before);
  });

  it('limits each address to 10 enquiries a minute', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await post({ ...enquiry, email: `burst${i}@example.com` }, ip)).statusCode).toBe(201);
    const limited = await post({ ...enquiry, email: 'burst-over@example.com' }, ip);
    expect(limited.statusCode).toBe(429);
    expect((await post(enquiry)).statusCode).toBe(201);
  });
});

describe('public enquiry form', () => {
  it('works without JavaScript or a session: questions, CSRF, confirmation', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/enquire' });
    expect(page.statusCode).toBe(200);
    for (const text of ['Herefordshire', 'Worcestershire', 'Somewhere else', 'West Mercia Adoption Partnership', 'Leave this empty', 'How did you hear about us?']) expect(page.body).toContain(text);
    const before = await countEnquiries();
    const response = await postForm(formFields);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/enquire/sent');
    expect(await countEnquiries()).toBe(before + 1);
    expect((await t.app.inject({ method: 'GET', url: '/enquire/sent' })).body).toContain('Enquiry sent');
  });

  it('thanks a robot that fills the honeypot and keeps nothing', async () => {
    const before = await countEnquiries();
    const response = await postForm({ ...formFields, website: 'http://spam.example' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/enquire/sent');
    expect(await countEnquiries()).toBe(before);
  });

  it('re-shows the form naming each missing answer, keeping what was typed', async () => {
    const before = await countEnquiries();
    const response = await postForm({ ...formFields, consent: '', councilCode: 'OUTSIDE', email: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#email"');
    expect(response.body).toContain('href="#consent"');
    expect(response.body).toContain('value="Formtest"');
    const outside = await postForm({ ...formFields, councilCode: 'OUTSIDE' });
    expect(outside.statusCode).toBe(422);
    expect(outside.body).toContain('href="#partnership"');
    expect(await countEnquiries()).toBe(before);
  });

  it('refuses a post without the form\'s CSRF token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/enquire', remoteAddress: freshIp(), headers: { ...FORM }, payload: formBody(formFields) });
    expect(response.statusCode).toBe(403);
  });
});

describe('the front door', () => {
  it('shows a West Mercia recruitment officer the enquiry; Herefordshire staff get 404 and an empty list', async () => {
    const { id } = (await post({ ...enquiry, lastName: 'Queuecheck' })).json();
    const officer = await as('recruitment-officer@west-mercia.example');
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/enquiries?limit=200', headers: officer })).json();
    expect(list.items.map((e: { id: string }) => e.id)).toContain(id);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/enquiries/${id}`, headers: officer })).json()).toMatchObject({ lastName: 'Queuecheck', councilCode: 'E06000019', status: 'open' });
    const hereford = await as('recruitment-officer@herefordshire.example');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/enquiries/${id}`, headers: hereford })).statusCode).toBe(404);
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/v1/enquiries?limit=200', headers: hereford })).json();
    expect(theirs.items.map((e: { id: string }) => e.id)).not.toContain(id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/enquiries', headers: {} })).statusCode).toBe(401);
  });

  it('works an enquiry through the pages: contact, pack, ROI, accept; the household is created and it is all audited', async () => {
    const { id } = (await post({ ...enquiry, firstName: 'Kofi', lastName: 'Pageflow' })).json();
    const cookie = await signIn(t.app, 'recruitment-officer@west-mercia.example');
    const board = await t.app.inject({ method: 'GET', url: '/enquiries', headers: { cookie } });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('Pageflow');
    const page = `/enquiries/${id}`;
    const date = (name: string, d: string) => { const [y, m, day] = d.split('-'); return { [`${name}-day`]: day!, [`${name}-month`]: m!, [`${name}-year`]: y! }; };
    const bad = await submitForm(t.app, cookie, page, { ...date('contactDate', '2026-11-24'), contactMethod: 'phone' }, `${page}/contacts`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('cannot be in the future');
    expect(bad.body).toContain('href="#contactDate-day"');
    expect((await submitForm(t.app, cookie, page, { ...date('contactDate', '2026-11-23'), contactMethod: 'phone', contactNotes: 'Called back' }, `${page}/contacts`)).statusCode).toBe(303);
    expect((await submitForm(t.app, cookie, page, date('packDate', '2026-11-23'), `${page}/information-pack`)).statusCode).toBe(303);
    expect((await submitForm(t.app, cookie, page, date('roiDate', '2026-11-23'), `${page}/roi`)).statusCode).toBe(303);
    const withRoi = await t.app.inject({ method: 'GET', url: page, headers: { cookie } });
    expect(withRoi.body).toContain('due by 30 November 2026');
    const noReason = await submitForm(t.app, cookie, page, { decision: 'declined', ...date('decisionDate', '2026-11-23') }, `${page}/roi-decision`);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('href="#decisionReason"');
    expect((await submitForm(t.app, cookie, page, { decision: 'accepted', ...date('decisionDate', '2026-11-23') }, `${page}/roi-decision`)).statusCode).toBe(303);

    const db = t.database.db;
    const roi = await db.selectFrom('registration_of_interest').selectAll().where('enquiry_id', '=', id).executeTakeFirstOrThrow();
    expect(roi.decision).toBe('accepted');
    const household = await db.selectFrom('household').selectAll().where('id', '=', roi.household_id!).executeTakeFirstOrThrow();
    expect(household).toMatchObject({ owner_id: await orgId('west-mercia'), home_council_id: await orgId('herefordshire'), roi_accepted_on: '2026-11-23' });
    expect(household.reference).toMatch(/^HH\d{6}$/);
    expect(await db.selectFrom('applicant').select(['first_name', 'last_name']).where('household_id', '=', household.id).execute()).toEqual([{ first_name: 'Kofi', last_name: 'Pageflow' }]);
    const audit = await db.selectFrom('audit_event').select(['action', 'record_type']).where('record_id', 'in', [id, household.id]).orderBy('id').execute();
    expect(audit.map((a) => `${a.action}:${a.record_type}`)).toEqual(expect.arrayContaining(['create:enquiry', 'view:enquiry', 'update:enquiry', 'create:household']));
    expect(audit.filter((a) => a.action === 'update').length).toBe(4);
  });

  it('organises an information event, invites the enquirer and shows the invitation', async () => {
    const { id } = (await post({ ...enquiry, firstName: 'Nia', lastName: 'Eventguest' })).json();
    const cookie = await signIn(t.app, 'recruitment-officer@west-mercia.example');
    const created = await submitForm(t.app, cookie, '/enquiries/events/new', { title: 'Adoption evening', 'date-day': '10', 'date-month': '12', 'date-year': '2026', time: '18:30', venue: 'The Hive, Worcester', venueCouncil: 'E10000034', capacity: '25' });
    expect(created.statusCode).toBe(303);
    const eventUrl = created.headers.location as string;
    const eventId = eventUrl.split('/').at(-1)!;
    expect((await submitForm(t.app, cookie, `/enquiries/${id}`, { eventId }, `/enquiries/${id}/invitations`)).statusCode).toBe(303);
    const again = await submitForm(t.app, cookie, `/enquiries/${id}`, { eventId }, `/enquiries/${id}/invitations`);
    expect(again.statusCode).toBe(422);
    const event = await t.app.inject({ method: 'GET', url: eventUrl, headers: { cookie } });
    expect(event.body).toContain('Eventguest');
    expect((await t.app.inject({ method: 'GET', url: '/enquiries/events', headers: { cookie } })).body).toContain('Adoption evening');
    const bad = await submitForm(t.app, cookie, '/enquiries/events/new', { title: '', time: '25:00', capacity: '0' });
    expect(bad.statusCode).toBe(422);
  });

  it('shows the funnel to analysts (counts only, view audited) and refuses social workers', async () => {
    const analyst = await as('analyst@west-mercia.example');
    type Row = { councilCode: string; enquiries: number; rois: number; enquiryToRoi: number | null };
    const funnel = async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/recruitment/funnel?from=2026-11-01&to=2026-11-23', headers: analyst });
      expect(response.statusCode).toBe(200);
      return (response.json() as { councils: Row[] }).councils;
    };
    const worcsIn = (councils: Row[]) => councils.find((c) => c.councilCode === 'E10000034');
    // Two Worcestershire enquiries today, one with a registration of interest, and one for
    // Thurrock (another partnership's front door): the funnel counts the first two only.
    const before = worcsIn(await funnel()) ?? { enquiries: 0, rois: 0 };
    const ids: string[] = [];
    for (const lastName of ['Funnelone', 'Funneltwo']) ids.push((await post({ ...enquiry, lastName, councilCode: 'E10000034' })).json().id);
    await t.database.db.insertInto('registration_of_interest').values({ enquiry_id: ids[0]!, received_on: '2026-11-23' }).execute();
    expect((await post({ ...enquiry, lastName: 'Funnelthurrock', councilCode: 'E06000034' })).statusCode).toBe(201);
    const councils = await funnel();
    const worcs = worcsIn(councils)!;
    expect(worcs.enquiries).toBe(before.enquiries + 2);
    expect(worcs.rois).toBe(before.rois + 1);
    expect(worcs.enquiryToRoi).toBe(Math.round((worcs.rois / worcs.enquiries) * 1000) / 10);
    expect(councils.map((c) => c.councilCode)).not.toContain('E06000034');
    expect(Object.keys(worcs).sort()).toEqual(['approved', 'council', 'councilCode', 'enquiries', 'enquiryToApproved', 'enquiryToRoi', 'rois', 'stage1', 'stage2']);
    const audit = await t.database.db.selectFrom('audit_event').select(['action']).where('record_type', '=', 'funnel').execute();
    expect(audit.map((a) => a.action)).toContain('view');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/recruitment/funnel?from=2026-01-01&to=2025-01-01', headers: analyst })).json().errors[0].field).toBe('to');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/recruitment/funnel?from=2025-01-01&to=2026-01-01', headers: await as('social-worker@west-mercia.example') })).statusCode).toBe(403);
    const cookie = await signIn(t.app, 'analyst@west-mercia.example');
    const page = await t.app.inject({ method: 'GET', url: '/enquiries/funnel', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Worcestershire');
  });
});

describe('rate limits and forwarded addresses', () => {
  it('does not let a client dodge the limit by inventing X-Forwarded-For', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/enquiries', remoteAddress: ip, headers: { 'x-forwarded-for': `192.0.2.${i + 1}` }, payload: { firstName: 'Ann', lastName: `Spoof${i}`, email: `spoof${i}@example.com`, councilCode: 'E06000019', heardFrom: 'website', consent: true } });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});
