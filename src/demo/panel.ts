// Demo adoption panels (issue 13): a panel with members for each partnership, council and the
// voluntary agency, and two years of the meetings that heard the demo's records, on the day each
// was heard, by the panel the operating model gave the record's owner that day: the approvals
// (and "not suitable" decisions) of households the adopters step took to the agency decision
// maker, the SHOBPA decisions of relinquished children (those placed with consent), and the
// matches of the matching step's matched links. Each meeting was quorate; its minutes became
// final a day or two later; each decision is dated as the record says it was made, on time or
// late by the panel's working days (Southend-on-Sea's panel gives its decision maker five, the
// others seven). Recent meetings leave reviews of approval waiting for a decision (one overdue),
// and next month's meetings have reviews and the proceeding links on their agendas. Written
// through the panel's own store, so the database's rules hold (final minutes kept as written).
// Deterministic (a Random of its own, so the other steps' data is as it was). Runs after the
// adopters, children and matching steps.
import { addWorkingDays, isWorkingDay } from '../core/calendar.ts';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import * as items from '../panel/items-store.ts';
import { DEFAULT_QUORUM, decisionDueOn, type Decision, type ItemKind, type MemberRole } from '../panel/model.ts';
import * as store from '../panel/store.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

/** The organisations with a panel, its name, its venue, and the working days its decision maker has. */
const PANELS: { slug: string; name: string; venue: string; days?: number }[] = [
  { slug: 'west-mercia', name: 'West Mercia Adoption Panel', venue: 'County Hall, Spetchley Road, Worcester' },
  { slug: 'herefordshire', name: 'Herefordshire Adoption Panel', venue: 'Plough Lane, Hereford' },
  { slug: 'shropshire', name: 'Shropshire Adoption Panel', venue: 'Shirehall, Abbey Foregate, Shrewsbury' },
  { slug: 'telford-and-wrekin', name: 'Telford and Wrekin Adoption Panel', venue: 'Southwater One, Telford' },
  { slug: 'worcestershire', name: 'Worcestershire Adoption Panel', venue: 'Wildwood, Worcester' },
  { slug: 'thurrock-consortium', name: 'Thurrock Consortium Panel', venue: 'Civic Offices, New Road, Grays' },
  { slug: 'thurrock', name: 'Thurrock Adoption Panel', venue: 'Civic Offices, New Road, Grays' },
  { slug: 'southend-on-sea', name: 'Southend Adoption Panel', venue: 'Civic Centre, Victoria Avenue, Southend-on-Sea', days: 5 },
  { slug: 'havering', name: 'Havering Adoption Panel', venue: 'Town Hall, Romford' },
  { slug: 'barnardos', name: 'Barnardo\'s Adoption Panel', venue: 'Barnardo\'s, Tanners Lane, Barkingside' },
];

const MEMBERS: { role: MemberRole; pqe?: [number, number]; lived?: boolean }[] = [
  { role: 'chair' }, { role: 'vice-chair' }, { role: 'social-work', pqe: [4, 20] }, { role: 'social-work', pqe: [3, 12] }, { role: 'social-work', pqe: [1, 6] },
  { role: 'independent', lived: true }, { role: 'independent' }, { role: 'independent', lived: true }, { role: 'medical-adviser' }, { role: 'legal-adviser' }, { role: 'panel-adviser' },
];

const HISTORY_DAYS = 730;

interface Hearing {
  kind: ItemKind;
  householdId: string | null;
  linkId: string | null;
  childId: string | null;
  agencyId: string;
  recommendation: Decision;
  reasons: string;
  approvedFor: string | null;
  /** Null: awaiting the decision (or, at a meeting to come, the panel). */
  decidedOn: string | null;
}

const REASONS: Record<Decision, string> = {
  approve: 'The applicants showed warmth, insight into the needs of children who have experienced early adversity, and a strong network of support.',
  'do-not-approve': 'The panel was not satisfied that the applicants could meet the needs of a child placed for adoption at this time.',
  match: 'The proposed adopters can meet the child\'s assessed needs, and the support plan is sound.',
  'do-not-match': 'The panel was not satisfied that the proposed adopters could meet the child\'s needs.',
  continue: 'The review found no change in circumstances affecting the approval.',
  'de-register': 'The applicants\' circumstances have changed.',
  place: 'The birth parent has given informed consent, and adoption is in the child\'s best interests.',
  'do-not-place': 'Adoption is not the plan that best meets the child\'s needs.',
};

const onWorkingDay = (day: string) => { let d = day; while (!isWorkingDay(d)) d = addDays(d, 1); return d; };
const before = (day: string) => { let d = day; while (!isWorkingDay(d)) d = addDays(d, -1); return d; };

export async function seedPanels(demo: DemoContext): Promise<void> {
  const { db, orgs, today } = demo;
  const r = new Random(20261201);
  const from = addDays(today, -HISTORY_DAYS);
  const panels = new Map<string, { id: string; days: number; members: string[]; venue: string }>();
  const staff = new Map((await db.selectFrom('staff').select(['id', 'email', 'display_name']).execute()).map((s) => [s.email, s]));

  for (const p of PANELS) {
    const ownerId = orgs.get(p.slug);
    if (!ownerId) continue;
    const id = await store.insertPanel(db, { ownerId, name: p.name, quorum: DEFAULT_QUORUM, decisionWorkingDays: p.days ?? 7, createdBy: staff.get(`panel-adviser@${p.slug}.example`)?.id ?? null });
    const members: string[] = [];
    for (const m of MEMBERS) {
      // The chair reads papers with the organisation's panel member account; the adviser is the organisation's own.
      const account = m.role === 'chair' ? staff.get(`panel-member@${p.slug}.example`) : undefined;
      const adviser = m.role === 'panel-adviser' ? staff.get(`panel-adviser@${p.slug}.example`) : undefined;
      members.push(await store.insertMember(db, {
        panelId: id, name: account?.display_name ?? adviser?.display_name ?? `${r.pick(GIVEN_NAMES)} ${r.pick(FAMILY_NAMES)}`, role: m.role, staffId: account?.id ?? null,
        pqeYears: m.pqe ? r.int(...m.pqe) : null, personalExperience: m.lived ?? false, joinedOn: addDays(from, -r.int(60, 900)), leftOn: null, createdBy: null,
      }));
    }
    panels.set(ownerId, { id, days: p.days ?? 7, members, venue: p.venue });
  }
  if (panels.size === 0) return;

  // Who heard each record, on the day it was heard.
  const meetings = new Map<string, Hearing[]>();
  const hear = async (ownerId: string, day: string, h: Hearing) => {
    const hearer = await items.panelOrganisationFor(db, ownerId, day);
    if (!panels.has(hearer)) return;
    const key = `${hearer}|${day}`;
    meetings.set(key, [...(meetings.get(key) ?? []), h]);
  };

  // Approvals and "not suitable" decisions the adopters step took to the decision maker.
  const decided = await db.selectFrom('household as h').leftJoin('approval_terms as t', 't.household_id', 'h.id')
    .select(['h.id', 'h.owner_id', 'h.panel_on', 'h.adm_outcome', 'h.adm_decided_on', 't.max_children', 't.min_age', 't.max_age'])
    .where('h.panel_on', '>=', from).where('h.adm_decided_on', 'is not', null).orderBy('h.reference').execute();
  for (const h of decided) {
    const approve = h.adm_outcome === 'approved';
    const advice = approve && h.max_children ? `${h.max_children === 1 ? 'one child' : `up to ${h.max_children} brothers and sisters`} aged ${h.min_age} to ${h.max_age}` : null;
    await hear(h.owner_id, h.panel_on!, {
      kind: 'approval', householdId: h.id, linkId: null, childId: null, agencyId: h.owner_id, recommendation: approve ? 'approve' : 'do-not-approve',
      reasons: REASONS[approve ? 'approve' : 'do-not-approve'], approvedFor: advice, decidedOn: h.adm_decided_on,
    });
  }

  // Relinquished children: their SHOBPA went to panel a week or two before the decision.
  const relinquished = await db.selectFrom('milestone as s').innerJoin('milestone as o', (j) => j.onRef('o.child_id', '=', 's.child_id').on('o.type', '=', 'placement-order').on((eb) => eb(eb.fn('upper', ['o.code']), '=', 'CONSENT')))
    .innerJoin('child as c', 'c.id', 's.child_id').select(['c.id', 'c.placing_authority_id', 's.date'])
    .where('s.type', '=', 'shobpa').where('s.date', '>=', addDays(from, 21)).orderBy('c.la_child_ref').execute();
  for (const c of relinquished) {
    const heard = before(addDays(c.date, -r.int(8, 16)));
    await hear(c.placing_authority_id, heard, { kind: 'shobpa', householdId: null, linkId: null, childId: c.id, agencyId: c.placing_authority_id, recommendation: 'place', reasons: REASONS.place, approvedFor: null, decidedOn: c.date });
  }

  // Matches: each matched link was heard on its matching panel's day; proceeding links wait for next month's meeting.
  const links = await db.selectFrom('link as l')
    .select((eb) => ['l.id', 'l.household_id', 'l.placing_authority_id', 'l.status', 'l.matched_on',
      eb.selectFrom('milestone as m').innerJoin('link_child as c', 'c.child_id', 'm.child_id').whereRef('c.link_id', '=', 'l.id').whereRef('m.household_id', '=', 'l.household_id')
        .where('m.type', '=', 'matching-panel').select((e) => e.fn.max('m.date').as('d')).as('panelOn')])
    .where('l.status', 'in', ['matched', 'proceeding']).orderBy('l.opened_on').orderBy('l.id').execute();
  const proceeding: typeof links = [];
  for (const l of links) {
    const panelOn = l.panelOn as string | null;
    if (l.status === 'proceeding') proceeding.push(l);
    else if (panelOn && panelOn >= from && l.matched_on) {
      await hear(l.placing_authority_id, panelOn, { kind: 'match', householdId: l.household_id, linkId: l.id, childId: null, agencyId: l.placing_authority_id, recommendation: 'match', reasons: REASONS.match, approvedFor: null, decidedOn: l.matched_on });
    }
  }

  // Reviews of approval falling due: heard recently (waiting for a decision, one meeting's overdue) or at next month's meeting.
  const reviews = await db.selectFrom('household').select(['id', 'owner_id', 'approval_review_due_on']).where('status', '=', 'approved')
    .where('approval_review_due_on', '>=', addDays(today, -45)).where('approval_review_due_on', '<=', addDays(today, 60)).orderBy('approval_review_due_on').orderBy('reference').execute();
  const soon = onWorkingDay(addDays(today, 10));
  for (const [i, h] of reviews.entries()) {
    const day = i % 3 === 0 ? before(addDays(today, -21)) : i % 3 === 1 ? before(addDays(today, -4)) : soon;
    await hear(h.owner_id, day, { kind: 'review', householdId: h.id, linkId: null, childId: null, agencyId: h.owner_id, recommendation: 'continue', reasons: REASONS.continue, approvedFor: null, decidedOn: null });
  }
  for (const l of proceeding) await hear(l.placing_authority_id, soon, { kind: 'match', householdId: l.household_id, linkId: l.id, childId: null, agencyId: l.placing_authority_id, recommendation: 'match', reasons: REASONS.match, approvedFor: null, decidedOn: null });

  // Each decision is its agency's decision maker's.
  const slugOf = new Map([...orgs].map(([slug, id]) => [id, slug]));
  const deciderOf = (agencyId: string) => staff.get(`decision-maker@${slugOf.get(agencyId)}.example`)?.id ?? null;
  for (const [key, hearings] of [...meetings].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [hearer, day] = key.split('|') as [string, string];
    await writeMeeting(db, r, { ...panels.get(hearer)!, deciderOf }, day, today, hearings);
  }
}

async function writeMeeting(db: Db, r: Random, panel: { id: string; days: number; members: string[]; venue: string; deciderOf: (agencyId: string) => string | null }, day: string, today: string, hearings: Hearing[]): Promise<void> {
  const held = day <= today;
  const meetingId = await store.insertMeeting(db, { panelId: panel.id, date: day, venue: panel.venue, papersUntil: held ? addDays(day, 2) : addDays(day, 1), expected: panel.members, createdBy: null });
  // Everyone came but, now and then, the legal adviser or the third social work member: always quorate.
  const absent = r.chance(0.3) ? panel.members[r.pick([4, 9])] : undefined;
  if (held) await store.saveAttendance(db, meetingId, panel.members.map((memberId) => ({ memberId, attended: memberId !== absent })));
  const written: { id: string; h: Hearing }[] = [];
  for (const h of hearings) {
    const { id } = await items.insertItem(db, { meetingId, kind: h.kind, householdId: h.householdId, linkId: h.linkId, childId: h.childId, decisionAgencyId: h.agencyId, addedBy: null });
    if (held) await items.saveRecommendation(db, id, { recommendation: h.recommendation, reasons: h.reasons, approvedFor: h.approvedFor, by: null, dissent: [] });
    written.push({ id, h });
  }
  if (!held) return;
  // The minutes became final within two working days, and never after a decision made on them.
  const firstDecision = hearings.map((h) => h.decidedOn).filter((d): d is string => d !== null).sort()[0];
  let finalOn = addWorkingDays(day, r.int(0, 2));
  if (finalOn > today) finalOn = today;
  if (firstDecision && finalOn > firstDecision) finalOn = firstDecision < day ? day : firstDecision;
  await store.saveMinutes(db, meetingId, `The panel met at ${panel.venue} and heard ${hearings.length} item${hearings.length === 1 ? '' : 's'}.`);
  await store.finaliseMinutes(db, meetingId, finalOn, decisionDueOn(finalOn, panel.days), null);
  for (const { id, h } of written) {
    if (h.decidedOn) await items.saveDecision(db, id, { decision: h.recommendation, reasons: `I have considered the panel's recommendation and its reasons, and I agree. ${h.reasons}`, decidedOn: h.decidedOn < finalOn ? finalOn : h.decidedOn, by: panel.deciderOf(h.agencyId) });
  }
}
