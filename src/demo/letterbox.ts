// Demo letterbox contact (issue 14): agreements for a handful of each council's children placed
// for adoption or adopted, from the day they were placed (or adopted), with their birth relatives
// (from the child's recorded birth family where there is one), and every past letter through each
// step (screened: most as they are, some redacted, a few withheld; forwarded; filed), screened by
// the support worker of whoever the operating model gives the council's post-order support today.
// Each council has one agreement whose letter is due this month, one whose last letter did not
// come (late), one whose last letter waits for screening, one paused and one ended. Written
// through the letterbox's own store, so the database's rules hold. Deterministic (a Random of its
// own), dated relative to `demo.today`. Runs after the children step.
import { sql } from 'kysely';
import { addDays } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { exchangeDirections, occasions, type AgreementDirection, type ScreeningOutcome } from '../letterbox/model.ts';
import * as store from '../letterbox/store.ts';
import { ADULT_WOMEN, FAMILY_NAMES, GIVEN_NAMES } from './names.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

const PER_COUNCIL = 6;

type Scenario = 'due-this-month' | 'late' | 'awaiting-screening' | 'paused' | 'ended' | 'settled';
const SCENARIOS: Scenario[] = ['due-this-month', 'late', 'awaiting-screening', 'paused', 'ended', 'settled'];

const REDACTIONS = ['The name of the adoptive family\'s town', 'The name of the child\'s school', 'A photograph showing the family\'s street'];
const WITHHELD = ['The letter asks the child to make contact directly', 'The letter names the adoptive family\'s address'];

export async function seedLetterbox(demo: DemoContext): Promise<void> {
  if (!demo.children) return;
  const random = new Random(20261202);
  const month = Number(demo.today.slice(5, 7));
  const previous = month === 1 ? 12 : month - 1;
  for (const { id: ownerId, slug, deliverer } of await councils(demo.db, demo.today)) {
    const screener = await staffId(demo.db, `support-worker@${deliverer}.example`);
    const socialWorker = await staffId(demo.db, `social-worker@${slug}.example`);
    const children = await placedChildren(demo.db, ownerId, demo.today);
    for (const [i, child] of children.entries()) {
      const scenario = SCENARIOS[i]!;
      const direction: AgreementDirection = scenario === 'due-this-month' ? 'both' : random.weighted([['both', 3], ['to-birth-family', 2], ['from-birth-family', 1]] as const);
      const firstMonth = scenario === 'due-this-month' ? month : scenario === 'late' || scenario === 'awaiting-screening' ? previous : random.int(1, 12);
      const secondMonth = random.chance(0.4) ? ((firstMonth + 5) % 12) + 1 : null;
      const startDate = child.since;
      const reviewOn = addDays(startDate, 365 * random.int(1, 3));
      const agreementId = await store.insertAgreement(demo.db, {
        childId: child.id, ownerId, direction, firstMonth, secondMonth, startDate, reviewOn, createdBy: socialWorker,
        adoptiveFamily: `${random.pick(GIVEN_NAMES)} and ${random.pick(GIVEN_NAMES)}`,
      });
      const relatives = child.birthFamily.length ? child.birthFamily.slice(0, 2) : [{ name: `${random.pick(ADULT_WOMEN)} ${random.pick(FAMILY_NAMES)}`, relationship: 'birth mother' }];
      await store.insertParties(demo.db, agreementId, relatives);
      const parties = await store.partiesOf(demo.db, agreementId);
      await store.insertChange(demo.db, agreementId, { changedOn: startDate, status: 'active', reviewOn, note: 'Agreement set up', by: socialWorker });

      // A paused or ended agreement stopped some months ago (if it had started by then).
      const stoppedOn = addDays(demo.today, -random.int(20, 200));
      const stopped = (scenario === 'paused' || scenario === 'ended') && stoppedOn > startDate ? { status: scenario, on: stoppedOn } : null;
      // Every occasion while it was active, each way: received, screened, forwarded and filed, except the last in the late and waiting scenarios.
      const past = occasions({ firstMonth, secondMonth }, startDate, stopped ? stopped.on : addDays(demo.today, -1));
      for (const [n, dueOn] of past.entries()) {
        const last = n === past.length - 1;
        for (const way of exchangeDirections(direction)) {
          if (last && scenario === 'late') continue;
          const receivedOn = minDate(addDays(dueOn, -random.int(0, 20)), demo.today);
          if (receivedOn < startDate) continue;
          const id = await store.insertExchange(demo.db, { agreementId, direction: way, dueOn, receivedOn, fromPartyId: way === 'from-birth-family' ? random.pick(parties).id : null, by: screener });
          if (last && scenario === 'awaiting-screening') continue;
          const outcome: ScreeningOutcome = random.weighted([['suitable', 7], ['redacted', 2], ['withheld', 1]] as const);
          await walk(demo.db, random, demo.today, id, receivedOn, outcome, way === 'to-birth-family' ? random.pick(parties).id : null, screener);
        }
      }

      if (stopped) {
        const note = scenario === 'paused' ? 'Paused at the birth mother\'s request while she moves home' : 'Ended at review: the birth family no longer wishes to take part';
        await store.setStatus(demo.db, agreementId, { status: stopped.status, reviewOn, activeSince: startDate });
        await store.insertChange(demo.db, agreementId, { changedOn: stopped.on, status: stopped.status, reviewOn, note, by: socialWorker });
      }
    }
  }
}

/** Screen the letter, then forward (unless withheld) and file it, each a few days after the last, stopping at today. */
async function walk(db: Db, random: Random, today: string, id: string, receivedOn: string, outcome: ScreeningOutcome, toPartyId: string | null, by: string | null): Promise<void> {
  const screenedOn = addDays(receivedOn, random.int(1, 6));
  if (screenedOn > today) return;
  await store.saveStep(db, id, {
    step: 'screen', screenedOn, outcome, by,
    redactions: outcome === 'redacted' ? random.pick(REDACTIONS) : null, withheldReason: outcome === 'withheld' ? random.pick(WITHHELD) : null,
  });
  let last = screenedOn;
  if (outcome !== 'withheld') {
    const forwardedOn = addDays(last, random.int(1, 4));
    if (forwardedOn > today) return;
    await store.saveStep(db, id, { step: 'forward', forwardedOn, toPartyId, by });
    last = forwardedOn;
  }
  const filedOn = addDays(last, random.int(1, 3));
  if (filedOn <= today) await store.saveStep(db, id, { step: 'file', filedOn, by });
}

/** Each council, and the organisation the operating model gives its post-order support on the day. */
async function councils(db: Db, today: string): Promise<{ id: string; slug: string; deliverer: string }[]> {
  const { rows } = await sql<{ id: string; slug: string; deliverer: string }>`
    select o.id, o.slug, d.slug as deliverer from organisation o
    join organisation d on d.id = coalesce((select case om.delivered_by when 'partnership' then om.partnership_id when 'provider' then om.provider_id else om.member_id end
      from operating_model_on(${today}::date) om where om.member_id = o.id and om.function_code = 'post-order-support' limit 1), o.id)
    where o.kind = 'local-authority' order by o.slug`.execute(db);
  return rows;
}

const minDate = (a: string, b: string) => (a < b ? a : b);

async function staffId(db: Db, email: string): Promise<string | null> {
  return (await db.selectFrom('staff').select('id').where('email', '=', email).executeTakeFirst())?.id ?? null;
}

/** The council's first children (by reference) placed for adoption or adopted, each from the day they were first placed or adopted, with their birth family. */
async function placedChildren(db: Db, ownerId: string, today: string) {
  const rows = await db.selectFrom('child as c').innerJoin('milestone as m', 'm.child_id', 'c.id')
    .select(['c.id', 'c.la_child_ref', sql<string>`min(m.date)::text`.as('since')])
    .where('c.placing_authority_id', '=', ownerId).where('m.type', 'in', ['placed-for-adoption', 'adoption-order']).where('m.date', '<=', today)
    .groupBy(['c.id', 'c.la_child_ref']).orderBy('c.la_child_ref').limit(PER_COUNCIL).execute();
  const family = rows.length ? await db.selectFrom('birth_family_member').select(['child_id', 'name', 'relationship']).where('child_id', 'in', rows.map((r) => r.id)).orderBy('child_id').orderBy('position').execute() : [];
  return rows.map((r) => ({ id: r.id, since: r.since, birthFamily: family.filter((f) => f.child_id === r.id).map((f) => ({ name: f.name, relationship: f.relationship })) }));
}
