// Demo non-agency and inter-country adoptions. For each council, a few step-parent and partner
// adoptions at different stages: a notice just received, an application with the court report
// due, one with the report overdue, and one closed with an order; one council also has a notice
// about to lapse. In the West Mercia partnership (which delivers its councils' non-agency and
// inter-country work), inter-country cases at different steps: approved with the papers to the
// DfE not yet sent, and a child who arrived in England a year ago, the order application due.
// Every case is checked by the area's own rules before it is written, through the area's store.
// Deterministic (a Random of its own, so other steps' data is as it was), dated relative to the
// demo's today; synthetic names.
import { addMonths } from '../children/model.ts';
import { addDays } from '../core/dates.ts';
import { intercountryProblems, type IntercountryFacts } from '../non-agency-intercountry/intercountry-model.ts';
import { nonAgencyProblems, residenceMonthsNeeded, type NonAgencyFacts, type Relationship } from '../non-agency-intercountry/non-agency-model.ts';
import * as store from '../non-agency-intercountry/store.ts';
import { ADULT_MEN, ADULT_WOMEN, HERITAGE_NAMES } from './names.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

const COUNCILS = ['herefordshire', 'shropshire', 'telford-and-wrekin', 'worcestershire', 'thurrock', 'southend-on-sea', 'havering'];
const RELATIONSHIPS: readonly (readonly [Relationship, number])[] = [['step-parent', 6], ['partner-of-parent', 3], ['relative', 1], ['la-foster-carer', 1], ['private-foster-carer', 1]];
const COURTS: Record<string, string> = {
  herefordshire: 'Family Court at Hereford', shropshire: 'Family Court at Telford', 'telford-and-wrekin': 'Family Court at Telford', worcestershire: 'Family Court at Worcester',
  thurrock: 'Family Court at Chelmsford', 'southend-on-sea': 'Family Court at Southend', havering: 'East London Family Court',
};
const STAGES = ['notice', 'report-due', 'report-overdue', 'order-made'] as const;
type Stage = (typeof STAGES)[number] | 'lapsing';

const { family: FAMILY, girls: GIRLS, boys: BOYS } = HERITAGE_NAMES.british;

export async function seedNonAgencyIntercountry(demo: DemoContext): Promise<void> {
  const r = new Random(20261203);
  for (const slug of COUNCILS) {
    const councilId = demo.orgs.get(slug);
    if (!councilId) continue;
    const stages: Stage[] = slug === 'herefordshire' ? [...STAGES, 'lapsing'] : [...STAGES];
    for (const stage of stages) await seedNonAgency(demo, r, councilId, COURTS[slug]!, stage);
  }
  const partnership = ['herefordshire', 'worcestershire'].map((slug) => demo.orgs.get(slug)).filter((id): id is string => id !== undefined);
  if (partnership.length === 2) {
    await seedIntercountry(demo, r, partnership[0]!, 'approved');
    await seedIntercountry(demo, r, partnership[1]!, 'arrived');
  }
}

const person = (r: Random, family: string) => `${r.chance(0.5) ? r.pick(ADULT_WOMEN) : r.pick(ADULT_MEN)} ${family}`;

async function seedNonAgency(demo: DemoContext, r: Random, councilId: string, court: string, stage: Stage): Promise<void> {
  const { today } = demo;
  const family = r.pick(FAMILY);
  const relationship = r.weighted(RELATIONSHIPS);
  // The notice, as far back as the stage needs: a notice just received; an application made some
  // months ago; a case closed a while back; a notice nearly 2 years old.
  const noticeReceivedOn = {
    notice: addDays(today, -r.int(10, 60)), 'report-due': addMonths(today, -r.int(6, 9)), 'report-overdue': addMonths(today, -r.int(6, 9)),
    'order-made': addMonths(today, -r.int(14, 20)), lapsing: addDays(addMonths(today, -23), -r.int(0, 20)),
  }[stage];
  // A child of 5 to 14 at the notice: old enough for any residence requirement to have been met.
  const childDateOfBirth = addDays(addMonths(noticeReceivedOn, -12 * r.int(5, 14)), -r.int(0, 300));
  const appliedOn = addDays(addMonths(noticeReceivedOn, 3), r.int(5, 40));
  const residenceStartedOn = addMonths(appliedOn, -(residenceMonthsNeeded(relationship) + r.int(2, 20)));
  const facts: NonAgencyFacts = {
    relationship, childDateOfBirth, noticeReceivedOn, residenceStartedOn, appliedOn: null, court: null, courtCaseNumber: null,
    reportRequestedOn: null, reportDueOn: null, reportFiledOn: null, outcome: null, outcomeOn: null,
  };
  if (stage === 'report-due' || stage === 'report-overdue' || stage === 'order-made') {
    const reportRequestedOn = addDays(appliedOn, r.int(10, 30));
    Object.assign(facts, {
      appliedOn, court, courtCaseNumber: `${court.slice(16, 18).toUpperCase()}${appliedOn.slice(2, 4)}P${String(r.int(100, 999)).padStart(5, '0')}`, reportRequestedOn,
      reportDueOn: stage === 'report-due' ? addDays(today, r.int(5, 40)) : stage === 'report-overdue' ? addDays(today, -r.int(3, 20)) : addDays(reportRequestedOn, 70),
    });
  }
  if (stage === 'order-made') Object.assign(facts, { reportFiledOn: addDays(facts.reportDueOn!, -r.int(1, 10)), outcome: 'order-made', outcomeOn: addDays(facts.reportDueOn!, r.int(30, 60)) });
  const problems = nonAgencyProblems(facts, today);
  if (problems.length) throw new Error(`demo non-agency adoption breaks the rules: ${JSON.stringify(problems)}`);
  const applicant1Name = person(r, family);
  const id = await store.insertNonAgency(demo.db, {
    councilId, applicant1Name, applicant2Name: null, relationship, childName: `${r.chance(0.5) ? r.pick(GIRLS) : r.pick(BOYS)} ${r.pick(FAMILY)}`,
    childDateOfBirth, noticeReceivedOn, residenceStartedOn,
  }, null);
  if (facts.appliedOn) {
    await store.setNonAgencyFields(demo.db, id, {
      appliedOn: facts.appliedOn, court: facts.court, courtCaseNumber: facts.courtCaseNumber, reportRequestedOn: facts.reportRequestedOn, reportDueOn: facts.reportDueOn,
      reportFiledOn: facts.reportFiledOn, outcome: facts.outcome, outcomeOn: facts.outcomeOn,
    });
  }
}

async function seedIntercountry(demo: DemoContext, r: Random, councilId: string, stage: 'approved' | 'arrived'): Promise<void> {
  const { today } = demo;
  const family = r.pick(FAMILY);
  // Approved five to seven weeks ago with the papers not yet sent (the partnership's prompt is
  // overdue); or a child who arrived about a year ago, the order application falling due.
  const decisionOn = addDays(today, -r.int(35, 50));
  const arrivedOn = addDays(addMonths(today, -12), r.int(-10, 10));
  const start = stage === 'approved' ? addMonths(decisionOn, -11) : addMonths(arrivedOn, -30);
  const at = (months: number) => addDays(addMonths(start, months), r.int(0, 20));
  const facts: IntercountryFacts = {
    enquiryOn: start, assessmentProvider: 'Intercountry Adoption Centre', assessmentCommissionedOn: at(1), assessmentCompletedOn: at(7), panelOn: at(9),
    decision: 'approved', decisionOn: stage === 'approved' ? decisionOn : at(10), dfePapersSentOn: null, certificateIssuedOn: null, childName: null, childDateOfBirth: null, matchedOn: null,
    arrivedOn: null, orderAppliedOn: null, outcome: null, outcomeOn: null,
  };
  if (stage === 'arrived') {
    Object.assign(facts, { dfePapersSentOn: at(11), certificateIssuedOn: at(13), childName: `${r.pick(GIRLS)} ${family}`, childDateOfBirth: addMonths(start, 6), matchedOn: at(22), arrivedOn });
  }
  const problems = intercountryProblems(facts, today);
  if (problems.length) throw new Error(`demo inter-country adoption breaks the rules: ${JSON.stringify(problems)}`);
  const id = await store.insertIntercountry(demo.db, {
    councilId, applicant1Name: `${r.pick(ADULT_WOMEN)} ${family}`, applicant2Name: `${r.pick(ADULT_MEN)} ${family}`,
    country: stage === 'approved' ? 'Philippines' : 'Thailand', hague: true, enquiryOn: start,
  }, null);
  // The steps after the enquiry (written with the case's own insert).
  const steps: Partial<IntercountryFacts> = { ...facts };
  delete steps.enquiryOn;
  await store.setIntercountryFields(demo.db, id, steps);
}
