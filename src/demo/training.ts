// Demo training: preparation groups (three sessions a week apart) and post-approval workshops,
// over the past year and the next three months, at venues in each partnership's councils.
// Households of each partnership (made by the earlier steps; a few are made here if there are
// none) are booked by the same rules as real use: places first, then the waiting list.
// Past sessions have attendance, and a household that attended a whole preparation group has
// completed preparation training on the date of its last session. Written in a few batches.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { insertHousehold, setPreparationCompleted } from '../adopters/store.ts';
import { addDays } from '../core/dates.ts';
import { placeFor, preparationCompletedOn, type Attendance, type CourseKind, type Place } from '../training/model.ts';
import { organisationsIn } from '../training/store.ts';
import '../training/tables.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.ts';
import type { DemoContext } from './seed.ts';

interface Venue { council: string; venue: string }

const VENUES: Record<string, Venue[]> = {
  'west-mercia': [
    { council: 'herefordshire', venue: 'The Courtyard, Edgar Street, Hereford' },
    { council: 'shropshire', venue: 'Shirehall, Abbey Foregate, Shrewsbury' },
    { council: 'telford-and-wrekin', venue: 'Southwater One, Telford' },
    { council: 'worcestershire', venue: 'County Hall, Spetchley Road, Worcester' },
  ],
  'thurrock-consortium': [
    { council: 'thurrock', venue: 'Civic Offices, New Road, Grays' },
    { council: 'southend-on-sea', venue: 'Civic Centre, Victoria Avenue, Southend-on-Sea' },
  ],
};

const WORKSHOPS: { title: string; description: string }[] = [
  { title: 'Therapeutic parenting', description: 'Understanding trauma and attachment, and parenting a child who has experienced early adversity.' },
  { title: 'Life story work', description: 'Helping a child understand their history: life story books and later life letters.' },
  { title: 'Contact after adoption', description: 'Letterbox and direct contact with birth family: planning, support and keeping it safe.' },
  { title: 'Education and the adopted child', description: 'Pupil premium plus, virtual school heads, and working with your child\'s school.' },
];

const TRAINERS = ['Helen Price', 'Gareth Morgan', 'Priya Shah', 'Tom Whitfield', 'Angela Brooks', 'Samuel Okafor'];
const TIMES = ['09:30', '10:00', '13:30', '18:00'];
const APPROVED = new Set(['approved', 'linked', 'matched', 'placed']);

interface SessionPlan { id: string; courseId: string; date: string; capacity: number }

export async function seedTraining(demo: DemoContext): Promise<void> {
  const { db, random, today } = demo;
  const courses: { id: string; kind: CourseKind; title: string; description: string; organiser_id: string }[] = [];
  const sessions: { id: string; course_id: string; session_date: string; start_time: string; venue: string; venue_council_id: string; capacity: number; trainer_name: string }[] = [];
  const bookings: { session_id: string; household_id: string; status: 'booked' | 'waiting'; attendance: Attendance | null }[] = [];
  const completions = new Map<string, string>();
  let reference = 0;

  for (const [slug, venues] of Object.entries(VENUES)) {
    const partnershipId = demo.orgs.get(slug)!;
    const households = await householdsOf(demo, partnershipId, () => `TR${String(++reference).padStart(4, '0')}`);
    if (households.length === 0) continue;
    // Preparation is for households still in assessment; workshops are for approved adopters (any household if none are).
    const waitingForPreparation = households.filter((h) => !h.completed && h.status === 'in-assessment').map((h) => h.id);
    const approved = households.filter((h) => APPROVED.has(h.status));
    const workshopGoers = approved.length > 0 ? approved : households;
    const big = slug === 'west-mercia';

    // Preparation groups: one every six weeks (every twelve in the smaller consortium), from a year ago to three months ahead.
    const step = big ? 42 : 84;
    for (let start = addDays(today, -360 + random.int(0, 10)), n = 0; start <= addDays(today, 90); start = addDays(start, step), n++) {
      const venue = venues[n % venues.length]!;
      const courseId = randomUUID();
      const capacity = big ? 10 : 8;
      courses.push({ id: courseId, kind: 'preparation', title: `Preparation group ${n + 1}: ${venue.venue.split(', ').at(-1)}`, description: 'Three days of preparation for people going through Stage 1: the children who wait, attachment and trauma, and hearing from adopters.', organiser_id: partnershipId });
      const plans: SessionPlan[] = [0, 7, 14].map((d) => ({ id: randomUUID(), courseId, date: addDays(start, d), capacity }));
      const time = random.pick(TIMES.slice(0, 2));
      const trainer = random.pick(TRAINERS);
      for (const p of plans) sessions.push({ id: p.id, course_id: courseId, session_date: p.date, start_time: time, venue: venue.venue, venue_council_id: demo.orgs.get(venue.council)!, capacity, trainer_name: trainer });
      // A cohort of households still to be prepared; some groups are oversubscribed.
      const size = Math.min(waitingForPreparation.length, capacity + (n % 3 === 0 ? random.int(1, 3) : -random.int(0, 3)));
      const cohort = waitingForPreparation.splice(0, Math.max(0, size));
      const attendedAll = new Map<string, Set<string>>();
      for (const p of plans) {
        const places: Place[] = [];
        for (const householdId of cohort) {
          const place = placeFor(p.capacity, places);
          places.push({ id: householdId, status: place.status, queuedSeq: places.length });
          const past = p.date < today;
          const attendance: Attendance | null = past && place.status === 'booked' ? (random.chance(0.92) ? 'attended' : 'did-not-attend') : null;
          bookings.push({ session_id: p.id, household_id: householdId, status: place.status, attendance });
          if (attendance === 'attended') attendedAll.set(householdId, (attendedAll.get(householdId) ?? new Set()).add(p.id));
        }
      }
      for (const [householdId, attended] of attendedAll) {
        const on = preparationCompletedOn(plans.map((p) => ({ id: p.id, date: p.date })), attended);
        if (on) completions.set(householdId, on);
      }
      // Those on a full group's waiting list go to the next group.
      waitingForPreparation.push(...cohort.filter((h) => !completions.has(h) && bookings.some((b) => b.household_id === h && b.status === 'waiting')));
    }

    // Post-approval workshops: each one a course, run at a different venue every two months.
    for (const w of (big ? WORKSHOPS : WORKSHOPS.slice(0, 2))) {
      const courseId = randomUUID();
      courses.push({ id: courseId, kind: 'post-approval', title: w.title, description: w.description, organiser_id: partnershipId });
      for (let date = addDays(today, -350 + random.int(0, 40)), n = 0; date <= addDays(today, 90); date = addDays(date, big ? 60 : 120), n++) {
        const venue = venues[(n + courses.length) % venues.length]!;
        const id = randomUUID();
        const capacity = random.pick([6, 8, 12]);
        sessions.push({ id, course_id: courseId, session_date: date, start_time: random.pick(TIMES), venue: venue.venue, venue_council_id: demo.orgs.get(venue.council)!, capacity, trainer_name: random.pick(TRAINERS) });
        const places: Place[] = [];
        const wanted = random.int(Math.floor(capacity / 2), capacity + 3);
        for (let i = 0; i < wanted; i++) {
          const householdId = random.pick(workshopGoers).id;
          if (bookings.some((b) => b.session_id === id && b.household_id === householdId)) continue;
          const place = placeFor(capacity, places);
          places.push({ id: householdId, status: place.status, queuedSeq: places.length });
          const attendance: Attendance | null = date < today && place.status === 'booked' ? (random.chance(0.85) ? 'attended' : 'did-not-attend') : null;
          bookings.push({ session_id: id, household_id: householdId, status: place.status, attendance });
        }
      }
    }
  }

  if (courses.length === 0) return;
  await db.insertInto('training_course').values(courses).execute();
  await db.insertInto('training_session').values(sessions).execute();
  for (let i = 0; i < bookings.length; i += 1000) {
    await db.insertInto('training_booking').values(bookings.slice(i, i + 1000).map((b) => ({ ...b, attendance_recorded_at: b.attendance ? sql<Date>`now()` : null }))).execute();
  }
  for (const [householdId, on] of completions) await setPreparationCompleted(db, householdId, on);
}

/** The partnership's households (owned by it or a member or affiliate today); a few new ones if it has none. */
async function householdsOf(demo: DemoContext, partnershipId: string, nextReference: () => string): Promise<{ id: string; status: string; completed: boolean }[]> {
  const owners = await organisationsIn(demo.db, [partnershipId], demo.today);
  const rows = await demo.db.selectFrom('household').select(['id', 'status', 'preparation_completed_on']).where('owner_id', 'in', [...owners]).orderBy('reference').execute();
  if (rows.length > 0) return rows.map((r) => ({ id: r.id, status: r.status, completed: r.preparation_completed_on !== null }));
  const made: { id: string; status: string; completed: boolean }[] = [];
  const count = (partnershipId === demo.orgs.get('west-mercia') ? 40 : 12) * demo.scale;
  for (let i = 0; i < count; i++) {
    const family = demo.random.pick(FAMILY_NAMES);
    const applicants = [{ firstName: demo.random.pick(GIVEN_NAMES), lastName: family }];
    if (demo.random.chance(0.6)) applicants.push({ firstName: demo.random.pick(GIVEN_NAMES), lastName: demo.random.chance(0.7) ? family : demo.random.pick(FAMILY_NAMES) });
    const id = await insertHousehold(demo.db, { ownerId: partnershipId, homeCouncilId: null, reference: nextReference(), roiAcceptedOn: addDays(demo.today, -demo.random.int(30, 500)), applicants });
    made.push({ id, status: 'in-assessment', completed: false });
  }
  return made;
}
