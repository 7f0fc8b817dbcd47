// The front door: every service function and route, for each relationship of a person to an
// enquiry. An enquiry belongs to the front door that received it. Own: West Mercia partnership
// staff, on an enquiry at the partnership's front door. Delivered: West Mercia staff on an
// enquiry Herefordshire's own front door received, whose recruitment the partnership runs today.
// Granted: Shropshire staff holding a grant on a partnership enquiry. Unrelated: Shropshire staff
// without one. Left: Thurrock consortium staff and an enquiry at Havering's front door (Havering
// left the consortium in April 2014). Information events belong to their organiser the same way.
import { expect } from 'vitest';
import type { Role } from '../core/access.ts';
import { TEST_TODAY } from '../core/testing/app.ts';
import { asks, expectListed, serviceMatrix, type Relationship, type Subject, type World } from '../core/testing/service-matrix.ts';
import { enquiryPolicy } from './policy.ts';
import * as recruitment from './service.ts';
import * as store from './store.ts';

const VIEW: Role[] = ['recruitment-officer', 'team-manager', 'social-worker'];
const DECIDE: Role[] = ['recruitment-officer', 'team-manager'];
const FUNNEL: Role[] = ['analyst', 'team-manager', 'recruitment-officer'];

const PERSON_IN: Record<Relationship, string> = { own: 'west-mercia', delivered: 'west-mercia', granted: 'shropshire', unrelated: 'shropshire', left: 'thurrock-consortium' };
const FRONT_DOOR: Record<Relationship, string> = { own: 'west-mercia', delivered: 'herefordshire', granted: 'west-mercia', unrelated: 'west-mercia', left: 'havering' };
const COUNCIL: Record<string, string> = { 'west-mercia': 'herefordshire', herefordshire: 'herefordshire', havering: 'havering' };

interface EnquirySubject extends Subject {
  frontDoor: string;
  enquiryId: string;
  /** An information event of the front door (the person's organisation's where they organise it), still to come. */
  eventId: string;
  /** One that has happened, to which the enquirer was invited. */
  pastEventId: string;
}

async function newEvent(w: World, organiser: string, date: string): Promise<string> {
  return store.insertEvent(w.db, { organiserId: w.org(organiser), title: `Matrix event ${w.next()}`, date, time: '18:30', venue: 'Matrix hall', venueCouncilId: w.org('worcestershire'), capacity: 50, createdBy: null });
}

/**
 * The person of the role in the relationship, an open enquiry at the front door (received today,
 * or on `receivedOn`), with a registration of interest if `roi`; an event of `eventsOf` (the
 * person's organisation by default, whose events they may use) to come, and one past that the
 * enquirer was invited to. Fresh for a change, else shared by relationship.
 */
function subjectWith(o: { roi?: boolean; receivedOn?: () => string; eventsOf?: (relation: Relationship) => string } = {}) {
  const shared = new Map<Relationship, Promise<Omit<EnquirySubject, 'email'>>>();
  const granted = new Set<string>();
  return async (relation: Relationship, role: Role, w: World, f: { fresh: boolean }): Promise<EnquirySubject> => {
    const frontDoor = FRONT_DOOR[relation];
    const make = async () => {
      const n = w.next();
      const receivedOn = o.receivedOn?.() ?? TEST_TODAY;
      const enquiryId = await store.insertEnquiry(w.db, {
        frontDoorId: w.org(frontDoor), councilId: w.org(COUNCIL[frontDoor]!), partnershipId: null, receivedOn, firstName: 'Matrix', lastName: `Enquirer${n}`,
        email: `matrix${n}@example.com`, phone: '01632 960 001', heardFrom: 'website', source: 'web-form', campaign: null,
      });
      if (o.roi) {
        await store.insertRoi(w.db, enquiryId, receivedOn);
        await store.setStatus(w.db, enquiryId, { status: 'roi-received', closedOn: receivedOn, reason: null });
      }
      const organiser = o.eventsOf?.(relation) ?? PERSON_IN[relation];
      const eventId = await newEvent(w, organiser, '2026-12-10');
      const pastEventId = await newEvent(w, organiser, '2026-11-20');
      await store.insertInvitation(w.db, pastEventId, enquiryId, '2026-11-10');
      return { frontDoor, enquiryId, eventId, pastEventId };
    };
    if (!f.fresh && !shared.has(relation)) shared.set(relation, make());
    const records = f.fresh ? await make() : await shared.get(relation)!;
    const email = w.email(role, PERSON_IN[relation]);
    if (relation === 'granted' && !granted.has(`${email}:${records.enquiryId}`)) {
      await w.grant(frontDoor, email, 'enquiry', records.enquiryId);
      granted.add(`${email}:${records.enquiryId}`);
    }
    return { email, ...records };
  };
}

const subject = subjectWith();
const withRoi = subjectWith({ roi: true });
/** Events of the front door itself: an event belongs to its organiser as an enquiry to its front door. */
const frontDoorEvents = subjectWith({ eventsOf: (r) => FRONT_DOOR[r] });
/** Each its own day long ago, so the funnel of that day counts it alone. */
let day = 0;
const aloneOnItsDay = subjectWith({ receivedOn: () => new Date(Date.UTC(2001, 0, 1 + ++day)).toISOString().slice(0, 10) });

const SEES = { own: ['allowed', '404'], delivered: ['allowed', '404'], granted: ['allowed', '404'], unrelated: '404', left: '404' } as const;
const LISTS = { own: ['listed', 'not listed'], delivered: ['listed', 'not listed'], granted: ['listed', 'not listed'], unrelated: 'not listed', left: 'not listed' } as const;
const NO_EVENT_GRANTS = { na: 'information events are not records anyone can be granted: they are seen by their organiser and whoever runs its front door' };

const m = serviceMatrix({
  area: 'recruitment',
  service: recruitment,
  source: 'src/recruitment/service.ts',
  policies: [enquiryPolicy],
  tables: ['enquiry', 'enquiry_contact', 'registration_of_interest', 'information_event', 'event_invitation', 'household', 'applicant'],
  subject,
  contextFree: {
    publicChoices: 'the public enquiry form\'s councils and partnerships: public, for no one signed in',
    submitEnquiry: 'the public enquiry itself: no one is signed in (routed by the operating model, tested in service.test.ts)',
  },
  exempt: { permissionsFor: 'the buttons an enquiry\'s page offers, from the very rules the change functions ask (their rows check each)', mayOrganiseEvents: 'whether the new-event form is shown, from the event policy\'s organise rule (createEvent\'s row checks it)', maySeeFunnel: 'whether the funnel link is shown, from the view-funnel rule (funnel\'s row checks it)' },
  routes: {
    prefixes: ['/enquiries', '/enquire', '/api/v1/enquiries', '/api/v1/recruitment'],
    exempt: {
      'GET /enquire': 'the public enquiry form: no one signs in',
      'POST /enquire': 'the public enquiry form: no one signs in',
      'GET /enquire/sent': 'the public confirmation page',
      'POST /api/v1/enquiries': 'the public enquiry endpoint: no one signs in',
    },
  },
});

const enquiryOf = (r: unknown) => (r as Awaited<ReturnType<typeof recruitment.view>>).enquiry;

m.row({
  fn: 'view', asks: asks(enquiryPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: SEES,
  call: (svc, ctx, s) => svc.view(m.w.db, ctx, s.enquiryId),
  verify: (_o, r, s) => expect(enquiryOf(r).id).toBe(s.enquiryId),
});
m.row({
  fn: 'logContact', asks: asks(enquiryPolicy, 'work'), roles: VIEW, refused: 'family-finder', cases: SEES, writes: true,
  call: (svc, ctx, s) => svc.logContact(m.w.db, ctx, s.enquiryId, { date: TEST_TODAY, method: 'phone' }),
});
m.row({
  fn: 'recordInfoPack', asks: asks(enquiryPolicy, 'work'), roles: VIEW, refused: 'analyst', cases: SEES, writes: true,
  call: (svc, ctx, s) => svc.recordInfoPack(m.w.db, ctx, s.enquiryId, { date: TEST_TODAY }),
});
m.row({
  fn: 'recordNotProceeding', asks: asks(enquiryPolicy, 'work'), roles: VIEW, refused: 'decision-maker', cases: SEES, writes: true,
  call: (svc, ctx, s) => svc.recordNotProceeding(m.w.db, ctx, s.enquiryId, { date: TEST_TODAY, reason: 'Moved away' }),
});
m.row({
  fn: 'recordRoi', asks: asks(enquiryPolicy, 'work'), roles: VIEW, refused: 'admin', cases: SEES, writes: true,
  call: (svc, ctx, s) => svc.recordRoi(m.w.db, ctx, s.enquiryId, { date: TEST_TODAY }),
});
m.row({
  fn: 'inviteToEvent', asks: asks(enquiryPolicy, 'work'), roles: VIEW, refused: 'analyst', cases: SEES, writes: true,
  call: (svc, ctx, s) => svc.inviteToEvent(m.w.db, ctx, s.enquiryId, { eventId: s.eventId }),
});
m.row({
  fn: 'recordAttendance', asks: asks(enquiryPolicy, 'work'), roles: VIEW, refused: 'analyst', cases: SEES, writes: true,
  call: (svc, ctx, s) => svc.recordAttendance(m.w.db, ctx, s.pastEventId, { enquiryId: s.enquiryId, attended: 'yes' }),
});
m.row({
  fn: 'decideRoi', label: 'accepted', asks: asks(enquiryPolicy, 'decide-roi'), roles: DECIDE, refused: 'social-worker', writes: true, subject: withRoi,
  // Accepting makes the household, owned by the front door: a grant on the enquiry lets the person
  // work on it, not make a household for another organisation (the adopters create rule), so it is refused whole.
  cases: { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['403', '403'], unrelated: '404', left: '404' },
  call: (svc, ctx, s) => svc.decideRoi(m.w.db, ctx, s.enquiryId, { decision: 'accepted', date: TEST_TODAY }),
  verify: async (_o, r, s, w) => {
    const { householdId } = r as { householdId: string };
    expect(await w.db.selectFrom('household').select('owner_id').where('id', '=', householdId).executeTakeFirstOrThrow()).toEqual({ owner_id: w.org(s.frontDoor) });
  },
});
m.row({
  fn: 'decideRoi', label: 'declined', asks: asks(enquiryPolicy, 'decide-roi'), roles: DECIDE, refused: 'social-worker', writes: true, subject: withRoi,
  cases: { own: ['allowed', '403'], delivered: ['allowed', '403'], granted: ['allowed', '403'], unrelated: '404', left: '404' },
  call: (svc, ctx, s) => svc.decideRoi(m.w.db, ctx, s.enquiryId, { decision: 'declined', date: TEST_TODAY, reason: 'Not eligible' }),
});
m.row({
  fn: 'list', asks: asks(enquiryPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  call: (svc, ctx) => svc.list(m.w.db, ctx, { limit: 200 }),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof recruitment.list>>).items.map((e) => e.id), s.enquiryId, w, info),
});
m.row({
  fn: 'dashboard', asks: asks(enquiryPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  call: (svc, ctx) => svc.dashboard(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, ((r as Awaited<ReturnType<typeof recruitment.dashboard>>)?.new ?? []).map((e) => e.id), s.enquiryId, w, info),
});
m.row({
  fn: 'dueWork', asks: asks(enquiryPolicy, 'view'), roles: VIEW, refused: 'analyst', cases: LISTS,
  // An information pack is due for every open enquiry that has not had one.
  call: (svc, ctx) => svc.dueWork(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as { href: string }[]).map((i) => i.href.replace('/enquiries/', '')), s.enquiryId, w, info),
});
m.row({
  fn: 'funnel', asks: asks(enquiryPolicy, 'view-funnel'), roles: FUNNEL, refused: 'social-worker', subject: aloneOnItsDay,
  // A grant on one enquiry does not open the front door's counts.
  cases: { own: ['counted', '403'], delivered: ['counted', '403'], granted: 'not counted', unrelated: 'not counted', left: 'not counted' },
  call: async (svc, ctx, s, w) => {
    const { receivedOn } = await w.db.selectFrom('enquiry').select('received_on as receivedOn').where('id', '=', s.enquiryId).executeTakeFirstOrThrow();
    return svc.funnel(w.db, ctx, { from: receivedOn, to: receivedOn });
  },
  verify: (o, r) => expect((r as Awaited<ReturnType<typeof recruitment.funnel>>).total.enquiries).toBe(o === 'counted' ? 1 : 0),
});
m.row({
  fn: 'events', asks: 'who sees information events: the front door\'s recruitment officers, team managers and social workers', roles: VIEW, refused: 'analyst', subject: frontDoorEvents,
  cases: { own: ['listed', '403'], delivered: ['listed', '403'], granted: NO_EVENT_GRANTS, unrelated: 'not listed', left: 'not listed' },
  call: (svc, ctx) => svc.events(m.w.db, ctx),
  verify: (o, r, s, w, info) => expectListed(o, (r as Awaited<ReturnType<typeof recruitment.events>>).upcoming.map((e) => e.id), s.eventId, w, info),
});
m.row({
  fn: 'viewEvent', asks: 'who sees information events: the front door\'s recruitment officers, team managers and social workers', roles: VIEW, refused: 'analyst', subject: frontDoorEvents,
  cases: { own: ['allowed', '404'], delivered: ['allowed', '404'], granted: NO_EVENT_GRANTS, unrelated: '404', left: '404' },
  call: (svc, ctx, s) => svc.viewEvent(m.w.db, ctx, s.pastEventId),
  verify: (_o, r, s) => expect((r as Awaited<ReturnType<typeof recruitment.viewEvent>>).invitations.map((i) => i.enquiryId)).toEqual([s.enquiryId]),
});
m.row({
  fn: 'createEvent', asks: 'who organises information events: the front door\'s recruitment officers and team managers', roles: DECIDE, refused: 'social-worker', writes: true,
  cases: {
    own: ['allowed', '403'],
    delivered: { na: 'an event made here is organised by the person\'s own organisation: there is no other organiser to relate to' },
    granted: NO_EVENT_GRANTS,
    unrelated: { na: 'an event made here is organised by the person\'s own organisation: no one is unrelated to it' },
    left: { na: 'an event made here is organised by the person\'s own organisation, whatever partnership it left' },
  },
  call: (svc, ctx) => svc.createEvent(m.w.db, ctx, { title: 'Matrix evening', date: '2026-12-15', time: '18:30', venue: 'Matrix hall', venueCouncil: 'E10000034', capacity: 30 }),
});

// ---- routes --------------------------------------------------------------------------------------

const own = { relation: 'own', role: 'recruitment-officer' } as const;
const hidden = { relation: 'unrelated', role: 'recruitment-officer', status: 404 } as const;
const date = (field: string, iso: string) => {
  const [y, mo, d] = iso.split('-');
  return { [`${field}-day`]: String(Number(d)), [`${field}-month`]: String(Number(mo)), [`${field}-year`]: y };
};

m.route({ route: 'GET /enquiries', allowed: own, refused: { ...hidden, status: 200 }, url: () => '/enquiries', marker: (s) => s.enquiryId });
m.route({ route: 'GET /api/v1/enquiries', allowed: { relation: 'granted', role: 'social-worker' }, refused: { relation: 'left', role: 'social-worker', status: 200 }, url: () => '/api/v1/enquiries?limit=200', marker: (s) => s.enquiryId });
m.route({ route: 'GET /enquiries/:id', allowed: own, refused: hidden, url: (s) => `/enquiries/${s.enquiryId}` });
m.route({ route: 'GET /api/v1/enquiries/:id', allowed: { relation: 'delivered', role: 'team-manager' }, refused: { relation: 'own', role: 'analyst', status: 404 }, url: (s) => `/api/v1/enquiries/${s.enquiryId}` });
m.route({
  route: 'POST /enquiries/:id/contacts', writes: true, allowed: own, refused: hidden,
  url: (s) => `/enquiries/${s.enquiryId}/contacts`, body: () => ({ ...date('contactDate', TEST_TODAY), contactMethod: 'phone' }),
});
m.route({ route: 'POST /enquiries/:id/information-pack', writes: true, allowed: own, refused: hidden, url: (s) => `/enquiries/${s.enquiryId}/information-pack`, body: () => date('packDate', TEST_TODAY) });
m.route({ route: 'POST /enquiries/:id/invitations', writes: true, allowed: own, refused: hidden, url: (s) => `/enquiries/${s.enquiryId}/invitations`, body: (s) => ({ eventId: s.eventId }) });
m.route({ route: 'POST /enquiries/:id/roi', writes: true, allowed: own, refused: hidden, url: (s) => `/enquiries/${s.enquiryId}/roi`, body: () => date('roiDate', TEST_TODAY) });
m.route({
  route: 'POST /enquiries/:id/roi-decision', subject: withRoi, writes: true, allowed: own, refused: { relation: 'own', role: 'social-worker', status: 403 },
  url: (s) => `/enquiries/${s.enquiryId}/roi-decision`, body: () => ({ decision: 'accepted', ...date('decisionDate', TEST_TODAY) }),
});
m.route({
  route: 'POST /enquiries/:id/not-proceeding', writes: true, allowed: own, refused: hidden,
  url: (s) => `/enquiries/${s.enquiryId}/not-proceeding`, body: () => ({ ...date('closeDate', TEST_TODAY), closeReason: 'Moved away' }),
});
m.route({ route: 'GET /enquiries/events', subject: frontDoorEvents, allowed: own, refused: [{ relation: 'own', role: 'analyst', status: 403 }, { ...hidden, status: 200 }], url: () => '/enquiries/events', marker: (s) => s.eventId });
m.route({ route: 'GET /enquiries/events/new', allowed: own, refused: { relation: 'own', role: 'analyst', status: 403 }, url: () => '/enquiries/events/new' });
m.route({
  route: 'POST /enquiries/events/new', writes: true, allowed: own, refused: { relation: 'own', role: 'social-worker', status: 403 }, url: () => '/enquiries/events/new',
  body: () => ({ title: 'Matrix evening', ...date('date', '2026-12-15'), time: '18:30', venue: 'Matrix hall', venueCouncil: 'E10000034', capacity: '30' }),
});
m.route({ route: 'GET /enquiries/events/:id', subject: frontDoorEvents, allowed: { relation: 'delivered', role: 'social-worker' }, refused: { relation: 'left', role: 'recruitment-officer', status: 404 }, url: (s) => `/enquiries/events/${s.pastEventId}` });
m.route({
  route: 'POST /enquiries/events/:id/attendance', writes: true, allowed: own, refused: hidden,
  url: (s) => `/enquiries/events/${s.pastEventId}/attendance`, body: (s) => ({ enquiryId: s.enquiryId, attended: 'yes' }),
});
m.route({ route: 'GET /enquiries/funnel', allowed: { relation: 'own', role: 'analyst' }, refused: { relation: 'own', role: 'social-worker', status: 403 }, url: () => '/enquiries/funnel' });
m.route({ route: 'GET /api/v1/recruitment/funnel', allowed: { relation: 'delivered', role: 'team-manager' }, refused: { relation: 'own', role: 'family-finder', status: 403 }, url: () => '/api/v1/recruitment/funnel?from=2026-01-01&to=2026-11-23' });

m.run();
