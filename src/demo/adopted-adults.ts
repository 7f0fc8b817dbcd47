// Demo services to adopted adults (issue: adopted adults and their relatives): for each council a
// handful of requests across both regimes: someone adopted before 1975 who had counselling and was
// given their birth records information; a birth relative's intermediary request about someone
// adopted before 2005 who has registered an absolute veto (open, and due: no step for eight weeks);
// an adopted person's intermediary request that ended in contact; and a recent request still
// waiting for a first response (or, in alternate councils, counselling still to be booked). Names
// are synthetic (names.ts); written through the area's store; deterministic (a Random of its own,
// so other steps' data is as it was), dated relative to the demo's today.
import { addWorkingDays } from '../core/calendar.ts';
import { addDays } from '../core/dates.ts';
import type { RequestInput } from '../adopted-adults/input.ts';
import * as store from '../adopted-adults/store.ts';
import { ADULT_MEN, ADULT_WOMEN, FAMILY_NAMES } from './names.ts';
import { Random } from './random.ts';
import type { DemoContext } from './seed.ts';

const PARTNERSHIPS_AND_AGENCIES = ['west-mercia', 'thurrock-consortium', 'barnardos'];
const COURTS = ['Hereford County Court', 'Shrewsbury Magistrates\' Court', 'Worcester Family Court', 'Telford Family Court', 'Chelmsford County Court'];
const COUNSELLORS = ['this-agency', 'gro', 'other-agency'] as const;

type Scenario = (db: DemoContext['db'], r: Random, ownerId: string, today: string) => Promise<void>;

export async function seedAdoptedAdults(demo: DemoContext): Promise<void> {
  const r = new Random(20261215);
  const councils = [...demo.orgs.entries()].filter(([slug]) => !PARTNERSHIPS_AND_AGENCIES.includes(slug)).map(([, id]) => id);
  for (const [i, ownerId] of councils.entries()) {
    for (const scenario of [counselledBefore1975, vetoedIntermediary, contactMade, i % 2 === 0 ? awaitingFirstResponse : counsellingToBook]) await scenario(demo.db, r, ownerId, demo.today);
  }
}

/** A person: a given name, a family name and a date of birth in a year. */
function person(r: Random, year: number) {
  const given = r.chance(0.5) ? r.pick(ADULT_WOMEN) : r.pick(ADULT_MEN);
  return { given, family: r.pick(FAMILY_NAMES), bornOn: `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` };
}

/** The adopted person's names and dates: born in the year, adopted within two years. */
function adoption(r: Random, year: number) {
  const p = person(r, year);
  const adoptiveFamily = r.pick(FAMILY_NAMES);
  const orderOn = addDays(p.bornOn, r.int(200, 700));
  return { p, birthName: `${p.given} ${p.family}`, adoptiveName: `${p.given} ${adoptiveFamily}`, adoptiveFamily, orderOn };
}

function request(ownerId: string, o: Omit<RequestInput, 'ownerId' | 'orderOnExact'> & { orderOnExact?: boolean }): RequestInput {
  return { ownerId, orderOnExact: true, ...o };
}

/** Adopted in the 1960s, counselled, given their birth records information, closed. */
const counselledBefore1975: Scenario = async (db, r, ownerId, today) => {
  const a = adoption(r, r.int(1958, 1972));
  const receivedOn = addDays(today, -r.int(120, 300));
  const id = await store.insertRequest(db, request(ownerId, {
    kind: 'birth-records', receivedOn, applicantGivenName: a.p.given, applicantFamilyName: a.adoptiveFamily, applicantDateOfBirth: a.p.bornOn, applicantRole: 'adopted-person',
    birthName: a.birthName, adoptiveName: a.adoptiveName, adoptedDateOfBirth: a.p.bornOn, orderOn: a.orderOn, orderOnExact: r.chance(0.7), court: r.pick(COURTS),
  }), null);
  await store.insertStep(db, id, { step: 'acknowledged', on: addWorkingDays(receivedOn, r.int(2, 10)) }, null);
  const counselledOn = addDays(receivedOn, r.int(20, 50));
  await store.insertCounselling(db, id, { heldOn: counselledOn, counsellor: r.pick(COUNSELLORS), minutes: r.pick([60, 75, 90]), note: 'Talked through what the records may hold and support afterwards.' }, null);
  const disclosedOn = addDays(counselledOn, r.int(7, 30));
  await store.insertStep(db, id, { step: 'information-disclosed', on: disclosedOn, note: 'Birth name, birth mother\'s name and the court given, to apply to the General Register Office.' }, null);
  await store.closeRequest(db, id, { outcome: 'information-disclosed', closedOn: disclosedOn });
};

/** A birth relative asks to trace someone adopted in the 1980s or 1990s, who has registered an absolute veto: open, with no step for over eight weeks. */
const vetoedIntermediary: Scenario = async (db, r, ownerId, today) => {
  const a = adoption(r, r.int(1980, 1999));
  const mother = person(r, Number(a.p.bornOn.slice(0, 4)) - r.int(17, 30));
  const receivedOn = addDays(today, -r.int(150, 220));
  const id = await store.insertRequest(db, request(ownerId, {
    kind: 'intermediary', receivedOn, applicantGivenName: r.pick(ADULT_WOMEN), applicantFamilyName: mother.family, applicantDateOfBirth: mother.bornOn,
    applicantAddress: `${r.int(1, 120)} Station Road`, applicantRole: 'birth-relative', relationship: 'birth-mother',
    birthName: a.birthName, adoptiveName: a.adoptiveName, adoptedDateOfBirth: a.p.bornOn, orderOn: a.orderOn, orderOnExact: r.chance(0.5),
  }), null);
  await store.insertStep(db, id, { step: 'acknowledged', on: addWorkingDays(receivedOn, r.int(3, 12)) }, null);
  const tracingOn = addDays(receivedOn, r.int(20, 30));
  await store.insertStep(db, id, { step: 'tracing-started', on: tracingOn }, null);
  await store.insertStep(db, id, { step: 'traced', on: addDays(tracingOn, r.int(14, 30)), person: 'The adopted person' }, null);
  await store.insertVeto(db, id, { kind: 'absolute', registeredOn: addDays(receivedOn, -r.int(200, 2000)) }, null);
};

/** An adopted person (adopted after 2005, now an adult) traces their birth mother, who agrees: contact made, closed. */
const contactMade: Scenario = async (db, r, ownerId, today) => {
  const a = adoption(r, r.int(2005, 2006));
  const adoptedBorn = a.p.bornOn < '2005-12-30' ? addDays('2005-12-30', r.int(1, 300)) : a.p.bornOn;
  const orderOn = addDays(adoptedBorn, r.int(300, 600));
  // Eighteen by now: born from 2006, so a request received in the last year finds them adults.
  const receivedOn = addDays(today, -r.int(200, 260));
  const id = await store.insertRequest(db, request(ownerId, {
    kind: 'intermediary', receivedOn, applicantGivenName: a.p.given, applicantFamilyName: a.adoptiveFamily, applicantDateOfBirth: adoptedBorn, applicantRole: 'adopted-person',
    birthName: a.birthName, adoptiveName: a.adoptiveName, adoptedDateOfBirth: adoptedBorn, orderOn, court: r.pick(COURTS),
  }), null);
  let on = addWorkingDays(receivedOn, r.int(2, 8));
  for (const step of ['acknowledged', 'tracing-started', 'traced', 'approach-made', 'answer', 'information-passed', 'contact-arranged'] as const) {
    await store.insertStep(db, id, { step, on, ...(step === 'answer' ? { answer: 'agrees' as const } : {}), ...(['traced', 'approach-made'].includes(step) ? { person: 'The birth mother' } : {}) }, null);
    on = addDays(on, r.int(7, 20));
  }
  await store.closeRequest(db, id, { outcome: 'contact-made', closedOn: on });
};

/** A prescribed relative asks for the case record: received over 20 working days ago, with no response yet. */
const awaitingFirstResponse: Scenario = async (db, r, ownerId, today) => {
  const a = adoption(r, r.int(1976, 1990));
  const child = person(r, Number(a.p.bornOn.slice(0, 4)) + r.int(22, 32));
  await store.insertRequest(db, request(ownerId, {
    kind: 'case-record', receivedOn: addDays(today, -r.int(35, 60)), applicantGivenName: child.given, applicantFamilyName: a.adoptiveFamily, applicantDateOfBirth: child.bornOn,
    applicantRole: 'prescribed-relative', relationship: 'child-of-adopted-person',
    birthName: a.birthName, adoptiveName: a.adoptiveName, adoptedDateOfBirth: a.p.bornOn, orderOn: a.orderOn, orderOnExact: false,
  }), null);
};

/** Someone adopted in the early 1970s asks for their birth records information: acknowledged, counselling not yet booked. */
const counsellingToBook: Scenario = async (db, r, ownerId, today) => {
  const a = adoption(r, r.int(1966, 1972));
  const receivedOn = addDays(today, -r.int(20, 40));
  const id = await store.insertRequest(db, request(ownerId, {
    kind: 'birth-records', receivedOn, applicantGivenName: a.p.given, applicantFamilyName: a.adoptiveFamily, applicantDateOfBirth: a.p.bornOn, applicantRole: 'adopted-person',
    birthName: a.birthName, adoptiveName: a.adoptiveName, adoptedDateOfBirth: a.p.bornOn, orderOn: a.orderOn,
  }), null);
  await store.insertStep(db, id, { step: 'acknowledged', on: addWorkingDays(receivedOn, r.int(2, 6)) }, null);
};
