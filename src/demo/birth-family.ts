// Demo birth family support: for each council, a handful of birth relatives' cases, some linked to
// the council's children with a placement order or adopted, others naming the child by first name
// only. Between them: referrals from the child's social worker, the relative or the court; offers
// accepted, declined and still unanswered; sessions; a few cases closed (one reopened). Some work
// is due or overdue on the demo's today: a referral with no offer past the partnership's 10
// working days, an offer with no answer past 28 days, an open case with no session for 3 months.
// Written through the area's store; deterministic (a Random of its own, so other steps' data is as
// it was), dated relative to the demo's today, names from names.ts (synthetic people only). Runs
// after the children step.
import { addDays } from '../core/dates.ts';
import { offerDueOn, type OfferKind, type Referrer, type Relationship, type SessionKind } from '../birth-family/model.ts';
import * as store from '../birth-family/store.ts';
import { ADULT_MEN, ADULT_WOMEN, FAMILY_NAMES, GIVEN_NAMES } from './names.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

const LINKABLE = ['placement-order', 'family-finding', 'linked', 'matched', 'placed', 'adopted'];
const SESSION_KINDS: readonly (readonly [SessionKind, number])[] = [['one-to-one', 5], ['phone', 3], ['group', 2], ['letter-writing', 2]];
const NOTES = [
  'Talked through the court\'s decision and what happens next.', 'Worked on a letter for the letterbox exchange.', 'Checked in by phone; coping better this month.',
  'Attended the birth parents\' group.', 'Talked about contributing photographs for the child\'s life story book.', 'Explained the adoption process and the relative\'s rights.',
];
const REASONS: Record<Referrer, string> = {
  'childs-social-worker': 'Placement order made; the child\'s social worker asked us to offer independent support.',
  self: 'Asked for help to understand what letterbox contact means for them.',
  court: 'The court asked that support be offered to the birth family.',
  'other-agency': 'Referred by the local family support service.',
  other: 'Referred by a family friend, with the relative\'s agreement.',
};

/** The shapes of the cases each council gets, in order: each makes its own story and the work it leaves due. */
type Shape = 'supported' | 'awaiting-offer' | 'awaiting-reply' | 'gone-quiet' | 'completed' | 'declined';
const SHAPES: readonly Shape[] = ['supported', 'awaiting-offer', 'awaiting-reply', 'gone-quiet', 'completed', 'declined'];

export async function seedBirthFamily(demo: DemoContext): Promise<void> {
  const { db, orgs, today } = demo;
  const r = new Random(20261203);
  const councils = [...orgs.entries()].filter(([slug]) => !['west-mercia', 'thurrock-consortium', 'barnardos'].includes(slug)).map(([, id]) => id);
  for (const [n, ownerId] of councils.entries()) {
    const children = demo.children
      ? await db.selectFrom('child').select(['id', 'first_name as firstName', 'last_name as lastName']).where('placing_authority_id', '=', ownerId).where('stage', 'in', LINKABLE)
        .orderBy('last_name').orderBy('first_name').orderBy('date_of_birth').orderBy('la_child_ref').limit(4).execute()
      : [];
    for (const [i, shape] of SHAPES.entries()) {
      // The first few cases are about children in Mercia; the rest name the child by first name only.
      const child = i < 3 ? children[i] : undefined;
      await seedCase(db, r, { ownerId, shape, child, today, dueToday: (n + i) % 2 === 0 });
    }
  }
}

const RELATIONSHIP_OF: Record<Shape, Relationship> = {
  supported: 'birth-mother', 'awaiting-offer': 'birth-father', 'awaiting-reply': 'grandparent', 'gone-quiet': 'birth-mother', completed: 'sibling', declined: 'aunt-or-uncle',
};

/** The day a referral must have come for its offer to fall due today (undefined when today is no working day). */
function referralDueToday(today: string): string | undefined {
  for (let d = addDays(today, -20); d < today; d = addDays(d, 1)) if (offerDueOn(d) === today) return d;
  return undefined;
}

async function seedCase(db: DemoContext['db'], r: Random, o: { ownerId: string; shape: Shape; child?: { id: string; firstName: string; lastName: string }; today: string; dueToday: boolean }) {
  const { shape, today } = o;
  const relationship = RELATIONSHIP_OF[shape];
  const woman = relationship === 'birth-mother' || (relationship !== 'birth-father' && r.chance(0.6));
  const givenName = relationship === 'sibling' ? r.pick(GIVEN_NAMES) : r.pick(woman ? ADULT_WOMEN : ADULT_MEN);
  // Birth parents often share the child's family name; other relatives less often.
  const familyName = o.child && (relationship === 'birth-mother' || r.chance(0.3)) ? o.child.lastName : r.pick(FAMILY_NAMES);
  const age = relationship === 'grandparent' ? r.int(45, 70) : relationship === 'sibling' ? r.int(18, 25) : r.int(19, 42);
  const referredBy: Referrer = r.weighted([['childs-social-worker', 5], ['self', 2], ['court', 1], ['other-agency', 1]] as const);
  const receivedOn = shape === 'awaiting-offer' ? (o.dueToday && referralDueToday(today)) || addDays(today, -r.int(18, 30))
    : shape === 'awaiting-reply' ? addDays(today, -r.int(80, 120))
      : shape === 'supported' ? addDays(today, -r.int(90, 200)) : addDays(today, -r.int(250, 420));
  const caseId = await store.insertCase(db, {
    ownerId: o.ownerId, childId: o.child?.id ?? null, childFirstName: o.child ? null : r.pick(GIVEN_NAMES), childBirthYear: o.child ? null : Number(today.slice(0, 4)) - r.int(1, 8),
    givenName, familyName, dateOfBirth: r.chance(0.8) ? addDays(today, -(age * 365 + r.int(0, 364))) : null, relationship, openedOn: receivedOn, openedBy: null,
  });
  await store.insertReferral(db, caseId, { receivedOn, referredBy, reason: REASONS[referredBy], consentToShare: r.chance(0.8) }, null);
  if (shape === 'awaiting-offer') return;

  const offer = async (madeOn: string, kind: OfferKind, answer: 'accepted' | 'declined' | null, after = r.int(3, 20)) => {
    const id = await store.insertOffer(db, caseId, { madeOn, kind }, null);
    if (answer) await store.answerOffer(db, id, { answer, answeredOn: addDays(madeOn, after) });
  };
  const firstOfferOn = addDays(receivedOn, r.int(3, 12));
  if (shape === 'declined') {
    await offer(firstOfferOn, 'counselling', 'declined');
    await store.insertClosing(db, caseId, { closedOn: addDays(firstOfferOn, 30), outcome: 'declined', summary: 'Thanked us and declined support for now; told how to come back to us.' }, null);
    return;
  }
  await offer(firstOfferOn, r.pick(['counselling', 'advice'] as const), 'accepted');
  if (shape === 'awaiting-reply') {
    await offer(addDays(firstOfferOn, 5), 'support-group', 'declined');
    // An offer made 28 days ago falls due today; one made longer ago is overdue.
    await offer(o.dueToday ? addDays(today, -28) : addDays(today, -r.int(35, 50)), 'letterbox', null);
  }
  // Sessions from the accepted offer until an end that depends on the shape.
  const until = shape === 'gone-quiet' ? addDays(today, -r.int(100, 140)) : shape === 'completed' ? addDays(today, -r.int(60, 90)) : addDays(today, -r.int(3, 20));
  let last: string | null = null;
  for (let d = addDays(firstOfferOn, r.int(7, 14)); d <= until; d = addDays(d, r.int(14, 35))) {
    await store.insertSession(db, caseId, { heldOn: d, kind: r.weighted(SESSION_KINDS), minutes: r.pick([30, 45, 60, 60, 90]), note: r.pick(NOTES) }, null);
    last = d;
  }
  if (shape === 'completed' && last) {
    const closingId = await store.insertClosing(db, caseId, { closedOn: addDays(last, r.int(7, 21)), outcome: r.pick(['completed', 'completed', 'referred-elsewhere'] as const), summary: 'Counselling finished; the relative feels able to take part in letterbox contact.' }, null);
    // Now and then a closed case is reopened when the relative comes back.
    if (r.chance(0.2)) await store.reopen(db, closingId, { reopenedOn: addDays(today, -r.int(5, 20)), reason: 'Asked for help with this year\'s letterbox letter.' }, null);
  }
}
