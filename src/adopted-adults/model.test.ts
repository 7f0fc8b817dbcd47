// The pure rules of services to adopted adults: the regime by the date of the order (approximate
// dates near the boundary said to be uncertain), counselling for people adopted before 12 November
// 1975, who may ask for what, steps in order, vetoes refusing approaches, closing, and work dates.
import { describe, expect, it } from 'vitest';
import {
  ageOn, approachProblems, closeProblems, counsellingOf, firstResponseDueOn, nextStepDueOn, regimeOf, requestProblems, stepProblems, vetoProblems, type RequestFacts, type RequestState,
} from './model.ts';

const TODAY = '2026-11-23';
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('the regime', () => {
  it('follows the date of the order: before 30 December 2005 pre-commencement, from that day post-commencement', () => {
    expect(regimeOf({ orderOn: '2005-12-29', orderOnExact: true }).regime).toBe('pre-commencement');
    expect(regimeOf({ orderOn: '2005-12-30', orderOnExact: true }).regime).toBe('post-commencement');
    expect(regimeOf({ orderOn: '2005-12-29', orderOnExact: true }).reason).toContain('Vetoes apply');
  });

  it('says an approximate date close to the boundary must be confirmed', () => {
    expect(regimeOf({ orderOn: '2006-03-01', orderOnExact: false })).toMatchObject({ regime: 'post-commencement', uncertain: true });
    expect(regimeOf({ orderOn: '2006-03-01', orderOnExact: false }).reason).toContain('confirm it');
    expect(regimeOf({ orderOn: '1990-03-01', orderOnExact: false }).uncertain).toBe(false);
  });
});

describe('counselling', () => {
  const ask = (orderOn: string, o: Partial<Parameters<typeof counsellingOf>[0]> = {}) => counsellingOf({ orderOn, orderOnExact: true, kind: 'birth-records', applicantRole: 'adopted-person', ...o });
  it('is required before birth records information is given to someone adopted before 12 November 1975', () => {
    expect(ask('1975-11-11').required).toBe(true);
    expect(ask('1975-11-12').required).toBe(false);
    expect(ask('1975-11-11').reason).toContain('before 12 November 1975');
  });
  it('is required, to be safe, when an approximate date is close to that day; not for intermediary services or other applicants', () => {
    expect(ask('1976-02-01', { orderOnExact: false }).required).toBe(true);
    expect(ask('1960-02-01', { kind: 'intermediary' }).required).toBe(false);
    expect(ask('1960-02-01', { applicantRole: 'prescribed-relative' }).required).toBe(false);
  });
});

describe('a new request', () => {
  const base: RequestFacts = {
    kind: 'intermediary', applicantRole: 'birth-relative', relationship: 'birth-mother', applicantDateOfBirth: '1966-04-02', adoptedDateOfBirth: '1985-02-11',
    orderOn: '1986-01-20', orderOnExact: true, receivedOn: '2026-08-03',
  };
  it('is fine when the dates are in order and the applicant may ask', () => {
    expect(requestProblems(base, TODAY)).toEqual([]);
  });
  it('refuses an intermediary service about someone under 18, naming their age', () => {
    const p = requestProblems({ ...base, adoptedDateOfBirth: '2009-01-01', orderOn: '2010-01-01' }, TODAY);
    expect(fields(p)).toEqual(['adoptedDateOfBirth']);
    expect(p[0]!.message).toContain('they were 17');
  });
  it('refuses dates in the future or out of order', () => {
    expect(fields(requestProblems({ ...base, receivedOn: '2026-11-24' }, TODAY))).toEqual(['receivedOn']);
    expect(fields(requestProblems({ ...base, orderOn: '1984-01-01' }, TODAY))).toEqual(['orderOn']);
    expect(fields(requestProblems({ ...base, kind: 'case-record', receivedOn: '1985-06-01' }, TODAY))).toEqual(['receivedOn']);
  });
  it('needs a relationship that fits the applicant, and birth records only for the adopted person', () => {
    expect(fields(requestProblems({ ...base, relationship: null }, TODAY))).toEqual(['relationship']);
    expect(fields(requestProblems({ ...base, relationship: 'child-of-adopted-person' }, TODAY))).toEqual(['relationship']);
    expect(fields(requestProblems({ ...base, kind: 'birth-records' }, TODAY))).toEqual(['kind']);
    expect(fields(requestProblems({ ...base, applicantRole: 'adopted-person', relationship: null, applicantDateOfBirth: '1985-02-12' }, TODAY))).toEqual(['applicantDateOfBirth']);
  });
  it('counts age in whole years', () => {
    expect(ageOn('2008-11-24', '2026-11-23')).toBe(17);
    expect(ageOn('2008-11-23', '2026-11-23')).toBe(18);
  });
});

describe('steps', () => {
  const state: RequestState = {
    kind: 'intermediary', applicantRole: 'birth-relative', orderOn: '1986-01-20', orderOnExact: true, receivedOn: '2026-08-03', closedOn: null,
    steps: [{ step: 'tracing-started', on: '2026-08-20', answer: null }, { step: 'traced', on: '2026-09-01', answer: null }], counselledOn: [], vetoes: [],
  };
  it('follow each other in order', () => {
    expect(stepProblems(state, { step: 'approach-made', on: '2026-09-10' }, TODAY)).toEqual([]);
    expect(fields(stepProblems(state, { step: 'approach-made', on: '2026-08-25' }, TODAY))).toEqual(['on']);
    expect(fields(stepProblems(state, { step: 'contact-arranged', on: '2026-09-10' }, TODAY))).toEqual(['step']);
    expect(fields(stepProblems(state, { step: 'answer', on: '2026-09-10' }, TODAY))).toEqual(['answer', 'step']);
    expect(fields(stepProblems(state, { step: 'information-disclosed', on: '2026-09-10' }, TODAY))).toEqual(['step']);
  });
  it('are refused on a closed request', () => {
    expect(stepProblems({ ...state, closedOn: '2026-10-01' }, { step: 'acknowledged', on: '2026-09-10' }, TODAY)[0]!.message).toContain('closed');
  });
  it('refuse an approach under an absolute veto, and need confirmation under a qualified one', () => {
    expect(stepProblems({ ...state, vetoes: [{ kind: 'absolute', circumstances: null, registeredOn: '2020-01-01' }] }, { step: 'approach-made', on: '2026-09-10' }, TODAY)[0]!.message)
      .toBe('The adopted person registered an absolute veto on 1 January 2020: no approach may be made');
    const qualified = [{ kind: 'qualified' as const, circumstances: 'Only about medical history', registeredOn: '2020-01-01' }];
    expect(fields(approachProblems(qualified, false))).toEqual(['meetsVetoCircumstances']);
    expect(approachProblems(qualified, false)[0]!.message).toContain('Only about medical history');
    expect(approachProblems(qualified, true)).toEqual([]);
  });
  it('refuse disclosure to someone adopted before 1975 until counselling is recorded, on or before the day', () => {
    const old: RequestState = { ...state, kind: 'birth-records', applicantRole: 'adopted-person', orderOn: '1968-03-14', steps: [] };
    expect(stepProblems(old, { step: 'information-disclosed', on: '2026-09-10' }, TODAY)[0]!.message).toContain('record a counselling session');
    expect(fields(stepProblems({ ...old, counselledOn: ['2026-09-20'] }, { step: 'information-disclosed', on: '2026-09-10' }, TODAY))).toEqual(['step']);
    expect(stepProblems({ ...old, counselledOn: ['2026-09-01'] }, { step: 'information-disclosed', on: '2026-09-10' }, TODAY)).toEqual([]);
    expect(fields(closeProblems(old, { outcome: 'information-disclosed', closedOn: '2026-09-10' }, TODAY))).toEqual(['outcome']);
  });
});

describe('vetoes and closing', () => {
  const state: RequestState = { kind: 'intermediary', applicantRole: 'birth-relative', orderOn: '1986-01-20', orderOnExact: true, receivedOn: '2026-08-03', closedOn: null, steps: [], counselledOn: [], vetoes: [] };
  it('vetoes apply only before commencement, and a qualified one states its circumstances', () => {
    expect(vetoProblems(state, { kind: 'absolute', registeredOn: '2026-08-01' }, TODAY)).toEqual([]);
    expect(fields(vetoProblems(state, { kind: 'qualified', registeredOn: '2026-08-01' }, TODAY))).toEqual(['circumstances']);
    expect(fields(vetoProblems({ ...state, orderOn: '2007-01-01' }, { kind: 'absolute', registeredOn: '2026-08-01' }, TODAY))).toEqual(['kind']);
  });
  it('closing needs an outcome of the kind, a reason for a refusal, and arranged contact for contact made', () => {
    expect(fields(closeProblems(state, { outcome: 'refused', closedOn: '2026-10-01' }, TODAY))).toEqual(['reason']);
    expect(fields(closeProblems(state, { outcome: 'contact-made', closedOn: '2026-10-01' }, TODAY))).toEqual(['outcome']);
    expect(fields(closeProblems({ ...state, kind: 'case-record' }, { outcome: 'not-traced', closedOn: '2026-10-01' }, TODAY))).toEqual(['outcome']);
    expect(fields(closeProblems(state, { outcome: 'withdrew', closedOn: '2026-08-01' }, TODAY))).toEqual(['closedOn']);
    expect(closeProblems(state, { outcome: 'withdrew', closedOn: '2026-10-01' }, TODAY)).toEqual([]);
  });
});

describe('work dates', () => {
  it('an intermediary request is due eight weeks after its last step; a first response 20 working days after the request', () => {
    expect(nextStepDueOn('2026-09-01')).toBe('2026-10-27');
    // 20 working days from Monday 3 August 2026 (the bank holiday of 31 August not counted).
    expect(firstResponseDueOn('2026-08-03')).toBe('2026-09-01');
  });
});
