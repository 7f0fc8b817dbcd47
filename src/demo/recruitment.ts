// Demo recruitment: about three years of enquiries for every demo council, each routed to the
// front door the operating model gave the council on the day it arrived, with contact logs,
// information packs, information events across the four West Mercia councils (invitations
// and attendance), registrations of interest with decisions, and a household for every
// accepted ROI (the adopters step, which runs next, advances them through the stages).
// Conversion per council follows the West Mercia business case (2012/13): enquiry to
// application (ROI) 13.2% in Worcestershire, 25.6% in Shropshire and Telford, 36% in
// Herefordshire; enquiry to approval 9.2%, 23% and 38.6%. The share of ROIs accepted here and of
// accepted households approved (the adopters step) make the second from the first; Herefordshire's
// approvals cannot outnumber its ROIs, so both sit near 37% there. The Thurrock consortium's
// councils about 20% and 14%. Deterministic from the demo's seed and today; written in
// batches in one transaction, bypassing the service (and its audit trail) like the children.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { insertHousehold } from '../adopters/store.ts';
import { addWorkingDays } from '../core/calendar.ts';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { householdReference, NOT_PROCEEDING_REASONS } from '../recruitment/model.ts';
import * as store from '../recruitment/store.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.ts';
import { Random, type Weighted } from './random.ts';
import type { DemoContext } from './seed.ts';

interface CouncilRecruitment {
  slug: string;
  /** Enquiries a year at scale 1. */
  perYear: number;
  /** Share of enquiries that become an ROI. */
  roiRate: number;
  /** Share of ROIs accepted (the household registered). */
  acceptRate: number;
  /** Share of registered households that go on to approval (the rest withdraw in Stage 1): the adopters step draws it. */
  approveRate: number;
  venues: readonly string[];
}

export const RECRUITMENT_COUNCILS: readonly CouncilRecruitment[] = [
  { slug: 'herefordshire', perYear: 50, roiRate: 0.37, acceptRate: 1, approveRate: 1, venues: ['Hereford Library', 'Leominster Community Centre', 'Ross-on-Wye Larruperz Centre'] },
  { slug: 'shropshire', perYear: 70, roiRate: 0.256, acceptRate: 0.95, approveRate: 0.95, venues: ['Shirehall, Shrewsbury', 'Oswestry Memorial Hall', 'Ludlow Assembly Rooms'] },
  { slug: 'telford-and-wrekin', perYear: 60, roiRate: 0.256, acceptRate: 0.95, approveRate: 0.95, venues: ['Southwater One, Telford', 'Wellington Civic Offices', 'Newport Cosy Hall'] },
  { slug: 'worcestershire', perYear: 150, roiRate: 0.132, acceptRate: 0.9, approveRate: 0.78, venues: ['The Hive, Worcester', 'Kidderminster Town Hall', 'Redditch Palace Theatre rooms', 'Malvern Cube'] },
  { slug: 'thurrock', perYear: 45, roiRate: 0.2, acceptRate: 0.9, approveRate: 0.8, venues: [] },
  { slug: 'southend-on-sea', perYear: 45, roiRate: 0.2, acceptRate: 0.9, approveRate: 0.8, venues: [] },
  { slug: 'havering', perYear: 45, roiRate: 0.2, acceptRate: 0.9, approveRate: 0.8, venues: [] },
];

const WEST_MERCIA = ['herefordshire', 'shropshire', 'telford-and-wrekin', 'worcestershire'];
const HEARD: Weighted<string> = [['website', 40], ['social-media', 25], ['friend-or-family', 15], ['event', 8], ['advert', 8], ['other', 4]];
const METHODS = ['phone', 'phone', 'phone', 'email', 'email', 'text-message'] as const;
const DECLINE_REASONS = ['Not able to meet the health requirements at this time', 'Recent bereavement: advised to wait a year', 'Living space not yet suitable', 'Fertility treatment still under way'];
const CHUNK = 500;

async function insertAll(db: Db, table: 'enquiry' | 'enquiry_contact' | 'information_event' | 'event_invitation' | 'registration_of_interest', rows: object[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
}

/** A council's front door on every day from `start`: the deliverer changes only on the dates the model or a membership changes. */
async function frontDoorsOverTime(db: Db, councilId: string, start: string, today: string): Promise<(day: string) => string> {
  const [entries, memberships] = await Promise.all([
    db.selectFrom('operating_model_entry').select('effective_on').where('member_id', '=', councilId).execute(),
    db.selectFrom('membership').select(['joined_on', 'left_on']).where('member_id', '=', councilId).execute(),
  ]);
  const changes = [...entries.map((e) => e.effective_on), ...memberships.flatMap((m) => [m.joined_on, ...(m.left_on ? [m.left_on] : [])])];
  const days = [start, ...[...new Set(changes)].filter((d) => d > start && d <= today)].sort();
  const doors: [string, string][] = [];
  for (const day of days) doors.push([day, await store.frontDoorFor(db, councilId, day)]);
  return (day) => doors.filter(([from]) => from <= day).at(-1)![1];
}

export async function seedRecruitment(demo: DemoContext): Promise<void> {
  const random = new Random(demo.random.int(0, 2 ** 31 - 1));
  const { db, today } = demo;
  const start = addDays(today, -3 * 365);
  const slugOf = new Map([...demo.orgs].map(([slug, id]) => [id, slug]));
  const staff = new Map((await db.selectFrom('staff').select(['id', 'email']).execute()).map((s) => [s.email, s.id]));
  const officerOf = (orgId: string) => staff.get(`recruitment-officer@${slugOf.get(orgId)}.example`) ?? null;
  const managerOf = (orgId: string) => staff.get(`team-manager@${slugOf.get(orgId)}.example`) ?? null;
  const westMercia = demo.orgs.get('west-mercia');

  // Information events: monthly, rotating round the four West Mercia councils, until two months ahead.
  const events: { id: string; organiser_id: string; title: string; event_date: string; start_time: string; venue: string; venue_council_id: string; capacity: number; created_by: string | null }[] = [];
  if (westMercia) {
    let n = 0;
    for (let day = addDays(start, 10); day <= addDays(today, 60); day = addDays(day, 28 + random.int(0, 6))) {
      const spec = RECRUITMENT_COUNCILS.find((c) => c.slug === WEST_MERCIA[n % 4])!;
      const councilId = demo.orgs.get(spec.slug);
      n += 1;
      if (!councilId) continue;
      const evening = random.chance(0.6);
      events.push({
        id: randomUUID(), organiser_id: westMercia, title: evening ? 'Thinking about adoption? Evening information session' : 'Adoption information morning',
        event_date: day, start_time: evening ? '18:30' : '10:00', venue: random.pick(spec.venues), venue_council_id: councilId,
        capacity: 30 * demo.scale, created_by: officerOf(westMercia),
      });
    }
  }
  const invited = new Map<string, number>();

  const enquiries: object[] = [];
  const contacts: object[] = [];
  const invitations: object[] = [];
  const rois: { id: string; enquiry_id: string; received_on: string; decision: string | null; decided_on: string | null; decline_reason: string | null; decided_by: string | null; household_id: string | null }[] = [];
  const accepted: { roi: (typeof rois)[number]; ownerId: string; councilId: string; firstName: string; lastName: string }[] = [];
  const span = Math.round((Date.parse(today) - Date.parse(start)) / 86_400_000);
  let serial = 0;

  for (const spec of RECRUITMENT_COUNCILS) {
    const councilId = demo.orgs.get(spec.slug);
    if (!councilId) continue;
    const frontDoorOn = await frontDoorsOverTime(db, councilId, start, today);
    const count = Math.round(spec.perYear * 3 * demo.scale);
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const receivedOn = addDays(start, random.int(0, span));
      const frontDoorId = frontDoorOn(receivedOn);
      const firstName = random.pick(GIVEN_NAMES);
      const lastName = random.pick(FAMILY_NAMES);
      serial += 1;
      const age = Math.round((Date.parse(today) - Date.parse(receivedOn)) / 86_400_000);
      // Recent enquiries and ROIs are still being worked: some are waiting, a few overdue.
      const fresh = age < 14;
      // The first call back, the information pack, then an ROI, or the enquirer drifts away.
      const contactOn = addDays(receivedOn, random.int(0, 3));
      const contacted = contactOn <= today && !(fresh && random.chance(0.4));
      if (contacted) {
        contacts.push({ enquiry_id: id, contact_on: contactOn, method: random.pick(METHODS), notes: random.pick(['Talked through the process and eligibility', 'Left a message; sent an email', 'Interested in early permanence', 'Asked about adopting siblings', null]), recorded_by: officerOf(frontDoorId) });
      }
      const packOn = addWorkingDays(receivedOn, random.chance(0.85) ? random.int(1, 5) : random.int(6, 9));
      const packSent = packOn <= today && !(fresh && random.chance(0.5));
      const roiOn = addDays(receivedOn, random.int(14, 90));
      let status = 'open';
      let closedOn: string | null = null;
      let reason: string | null = null;
      if (random.chance(spec.roiRate) && roiOn <= today) {
        status = 'roi-received';
        closedOn = roiOn;
        const decideOn = addWorkingDays(roiOn, random.chance(0.85) ? random.int(1, 5) : random.int(6, 8));
        const decided = decideOn <= today && !(addDays(roiOn, 14) > today && random.chance(0.5));
        const accept = random.chance(spec.acceptRate);
        const roi = {
          id: randomUUID(), enquiry_id: id, received_on: roiOn, decision: decided ? (accept ? 'accepted' : 'declined') : null, decided_on: decided ? decideOn : null,
          decline_reason: decided && !accept ? random.pick(DECLINE_REASONS) : null, decided_by: decided ? managerOf(frontDoorId) : null, household_id: null,
        };
        rois.push(roi);
        if (decided && accept) accepted.push({ roi, ownerId: frontDoorId, councilId, firstName, lastName });
        if (contacted) contacts.push({ enquiry_id: id, contact_on: roiOn, method: 'email', notes: 'Registration of interest form received', recorded_by: officerOf(frontDoorId) });
      } else if (age > 60) {
        status = 'not-proceeding';
        closedOn = addDays(receivedOn, random.int(20, 60));
        reason = random.pick(NOT_PROCEEDING_REASONS);
      }
      enquiries.push({
        id, front_door_id: frontDoorId, council_id: councilId, partnership_id: null, received_on: receivedOn, first_name: firstName, last_name: lastName,
        email: `${firstName}.${lastName}.${serial}@example.com`.toLowerCase(), phone: `07700 900${String(serial % 1000).padStart(3, '0')}`,
        heard_from: random.weighted(HEARD), source: random.chance(0.7) ? 'web-form' : random.pick(['phone', 'email', 'event']), campaign: random.chance(0.1) ? 'National Adoption Week' : null,
        consent_given: true, info_pack_sent_on: packSent ? packOn : null, status, closed_on: closedOn, not_proceeding_reason: reason,
      });
      // West Mercia invites most enquirers to its next information event.
      if (frontDoorId === westMercia && contacted && random.chance(0.6)) {
        const event = events.find((ev) => ev.event_date > contactOn && (invited.get(ev.id) ?? 0) < ev.capacity);
        if (event) {
          invited.set(event.id, (invited.get(event.id) ?? 0) + 1);
          invitations.push({ event_id: event.id, enquiry_id: id, invited_on: contactOn, attended: event.event_date <= today ? random.chance(status === 'roi-received' ? 0.85 : 0.5) : null });
        }
      }
    }
  }

  await db.transaction().execute(async (tx) => {
    await insertAll(tx, 'information_event', events);
    await insertAll(tx, 'enquiry', enquiries);
    await insertAll(tx, 'enquiry_contact', contacts);
    await insertAll(tx, 'event_invitation', invitations);
    let n = 500_000;
    for (const a of accepted) {
      n += 1;
      a.roi.household_id = await insertHousehold(tx, { ownerId: a.ownerId, homeCouncilId: a.councilId, reference: householdReference(n), roiAcceptedOn: a.roi.decided_on, applicants: [{ firstName: a.firstName, lastName: a.lastName }] });
    }
    await insertAll(tx, 'registration_of_interest', rois);
  });
  await sql`analyze enquiry, enquiry_contact, registration_of_interest`.execute(db);
}
