// Demo support after adoption (issue 14): for a handful of each council's adopted children, a
// support case (the family living in the council of the household that adopted them, or the
// placing council), and, from the child's placement for adoption, for most of the financial
// years 2023 to 2024 through 2026 to 2027 a request, an assessment of needs, a support plan and
// an Adoption Support Fund application that keeps to that year's rules (checked by the same rule
// the service uses: applications the rules would refuse are not made); recent applications await
// the fund's decision. Some families get an adoption allowance from the council responsible when
// it starts. Written through the area's store; deterministic (a Random of its own, so other
// steps' data is as it was), dated relative to the demo's today. Runs after the children,
// adopters and matching steps.
import { sql } from 'kysely';
import { addDays } from '../core/dates.ts';
import { addMonths } from '../children/model.ts';
import { financialYearOf } from '../matching/fees.ts';
import { checkAsf, committedBy, responsibility, ruleFor, yearEnd, yearStart, type AsfKind, type AsfStatus } from '../support/model.ts';
import * as store from '../support/store.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

const CASES_PER_COUNCIL = 4;
const YEARS = [2023, 2024, 2025, 2026];
const ASKED_BY = ['Adoptive parent', 'Adoptive parents', 'The young person', 'School, with the parents\' consent'];
const NEEDS = ['help with the child\'s behaviour at home', 'therapeutic parenting support', 'help understanding the child\'s early life', 'support at school after exclusions', 'life story work'];
const THERAPIES: { kind: AsfKind; type: string; provider: string }[] = [
  { kind: 'therapy', type: 'Dyadic developmental psychotherapy', provider: 'Severn Therapy Partnership' },
  { kind: 'therapy', type: 'Theraplay', provider: 'Malvern Family Therapies' },
  { kind: 'therapy', type: 'Sensory integration therapy', provider: 'Wye Valley Occupational Therapy' },
  { kind: 'specialist-assessment', type: 'Multidisciplinary assessment', provider: 'Marches Child Psychology' },
];

export async function seedSupport(demo: DemoContext): Promise<void> {
  const { db, orgs, today } = demo;
  const r = new Random(20261202);
  const rules = await store.asfRules(db);
  const councils = [...orgs.entries()].filter(([slug]) => !['west-mercia', 'thurrock-consortium', 'barnardos'].includes(slug)).map(([, id]) => id);
  for (const councilId of councils) {
    const adopted = await db.selectFrom('child as c').innerJoin('milestone as m', (j) => j.onRef('m.child_id', '=', 'c.id').on('m.type', '=', 'adoption-order'))
      .select(['c.id', 'c.placing_authority_id as placingCouncilId', 'm.date as orderOn', 'c.placed_date as placedOn',
        sql<string | null>`(select h.home_council_id from milestone x join household h on h.id = x.household_id where x.child_id = c.id order by x.date desc limit 1)`.as('homeCouncilId'),
        sql<string | null>`(select x.household_id from milestone x where x.child_id = c.id and x.household_id is not null order by x.date desc limit 1)`.as('householdId')])
      .where('c.placing_authority_id', '=', councilId).where('m.date', '<=', addDays(today, -60))
      .orderBy('c.last_name').orderBy('c.first_name').orderBy('c.date_of_birth').orderBy('c.la_child_ref').execute();
    for (const child of adopted.slice(0, CASES_PER_COUNCIL)) {
      const residenceCouncilId = child.homeCouncilId ?? child.placingCouncilId;
      const caseId = await store.insertCase(db, { childId: child.id, householdId: child.householdId, residenceCouncilId, openedOn: addDays(child.placedOn ?? child.orderOn, r.int(20, 50)), openedBy: null });
      // Support may begin once the child is placed for adoption.
      const from = child.placedOn ?? child.orderOn;
      for (const year of YEARS) if (r.chance(0.85)) await seedYear(db, r, { caseId, from, year, today, rules });
      if (r.chance(0.5)) {
        const startsOn = child.orderOn;
        let reviewOn = addMonths(startsOn, 12);
        while (reviewOn < addDays(today, -30)) reviewOn = addMonths(reviewOn, 12);
        const payerId = responsibility({ placingCouncilId: child.placingCouncilId, residenceCouncilId, adoptionOrderOn: child.orderOn }, startsOn).councilId;
        await store.insertAllowance(db, caseId, { payerId, assessedOn: addDays(startsOn, -r.int(14, 40)), weeklyPence: r.int(10, 30) * 500, startsOn, reviewOn }, null);
      }
    }
  }
}

/** One year's support: request, assessment, plan and, where the rules allow, a fund application. */
async function seedYear(db: DemoContext['db'], r: Random, o: { caseId: string; from: string; year: number; today: string; rules: Awaited<ReturnType<typeof store.asfRules>> }) {
  const receivedOn = addDays(yearStart(o.year), r.int(5, 150));
  if (receivedOn < o.from || receivedOn > addDays(o.today, -20)) return;
  await store.insertRequest(db, o.caseId, { receivedOn, askedBy: r.pick(ASKED_BY), askedFor: r.pick(NEEDS) }, null);
  const startedOn = addDays(receivedOn, r.int(7, 21));
  const assessmentId = await store.insertAssessment(db, o.caseId, startedOn, null);
  const completedOn = addDays(startedOn, r.int(21, 70));
  // The most recent assessments are still being done.
  if (completedOn > o.today) return;
  const outcome = r.weighted([['support-offered', 8], ['no-support-needed', 1], ['declined', 1]] as const);
  await store.completeAssessment(db, assessmentId, { completedOn, outcome, summary: outcome === 'support-offered' ? 'Needs assessed with the family; therapy and a support plan agreed.' : 'Assessed with the family; no further support for now.' });
  if (outcome !== 'support-offered') return;
  await store.insertPlan(db, o.caseId, { what: 'Fortnightly visits from the support worker and a therapeutic parenting course', providedBy: 'Post-order support team', startsOn: completedOn, reviewOn: addMonths(completedOn, 6) }, null);
  const appliedOn = addDays(completedOn, r.int(5, 90));
  if (appliedOn > o.today) return;
  const year = financialYearOf(appliedOn);
  const therapy = r.pick(THERAPIES);
  const amountPence = therapy.kind === 'specialist-assessment' ? r.int(8, 25) * 10000 : year >= 2025 ? r.int(10, 30) * 10000 : r.int(20, 65) * 10000;
  const endsOn = year >= 2025 ? yearEnd(year) : addMonths(appliedOn, 9);
  const facts = { kind: therapy.kind, amountPence, financialYear: year, endsOn, assessedOn: completedOn, appliedOn };
  const { problems, matchFundedPence } = checkAsf(ruleFor(o.rules, year), facts, committedBy(await store.applicationsInYear(db, o.caseId, year, null)));
  if (problems.length) return;
  const id = await store.insertApplication(db, o.caseId, { assessmentId, kind: therapy.kind, therapyType: therapy.type, provider: therapy.provider, amountPence, matchFundedPence, financialYear: year, endsOn, appliedOn }, null);
  // The fund decides within weeks; the newest applications are still waiting.
  const decisionOn = addDays(appliedOn, r.int(14, 40));
  if (decisionOn < o.today) {
    const status: AsfStatus = r.chance(0.9) ? 'approved' : 'refused';
    await store.setApplicationStatus(db, id, { status, decisionOn, matchFundedPence });
  }
}
