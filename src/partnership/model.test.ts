import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../core/access.ts';
import { isMemberOn, joiningProblems, leavingProblems, OPTION_2_POOLED, presetDeliveries, presetDeliverer, transitionProblems } from './model.ts';

describe('operating model presets', () => {
  it('Option 1 leaves every function with the council', () => {
    expect(FUNCTIONS.map((f) => presetDeliverer(1, f))).toEqual(FUNCTIONS.map(() => 'member'));
  });

  it('Option 2 pools the six functions of the business case and retains the other five', () => {
    const pooled = FUNCTIONS.filter((f) => presetDeliverer(2, f) === 'partnership');
    expect(pooled.sort()).toEqual([...OPTION_2_POOLED].sort());
    expect(pooled).toHaveLength(6);
    expect(FUNCTIONS.filter((f) => presetDeliverer(2, f) === 'member').sort()).toEqual(['assessment', 'family-finding', 'financial-support', 'panel', 'placement-support']);
  });

  it('Option 3 pools everything; Option 4 gives everything to the provider', () => {
    expect(new Set(FUNCTIONS.map((f) => presetDeliverer(3, f)))).toEqual(new Set(['partnership']));
    const option4 = presetDeliveries(4, 'provider-1');
    expect(option4.every((d) => d.deliveredBy === 'provider' && d.providerId === 'provider-1')).toBe(true);
    expect(option4).toHaveLength(FUNCTIONS.length);
  });
});

describe('membership dates', () => {
  const havering = { joinedOn: '2010-04-01', leftOn: '2014-04-01' };

  it('a member is in from the joining day and out on the leaving day', () => {
    expect(isMemberOn(havering, '2010-03-31')).toBe(false);
    expect(isMemberOn(havering, '2010-04-01')).toBe(true);
    expect(isMemberOn(havering, '2014-03-31')).toBe(true);
    expect(isMemberOn(havering, '2014-04-01')).toBe(false);
    expect(isMemberOn({ joinedOn: '2010-04-01', leftOn: null }, '2099-01-01')).toBe(true);
  });

  it('refuses a leaving date before the joining date, naming the field and the date', () => {
    const problems = leavingProblems({ joinedOn: '2013-10-04', leftOn: null }, '2013-10-03', '2013-01-01');
    expect(problems).toEqual([{ field: 'leftOn', message: 'Leaving date must be on or after the joining date (2013-10-04)' }]);
  });

  it('refuses a second leaving date and a leaving date in the past', () => {
    expect(leavingProblems(havering, '2030-01-01', '2026-01-01').map((p) => p.field)).toEqual(['leftOn']);
    expect(leavingProblems({ joinedOn: '2010-04-01', leftOn: null }, '2020-01-01', '2026-01-01')[0]!.message).toMatch(/today or later/);
  });

  it('refuses joining while already a member, and allows rejoining after leaving', () => {
    expect(joiningProblems([{ joinedOn: '2010-04-01', leftOn: null }], '2027-01-01', '2026-11-23').map((p) => p.field)).toEqual(['organisationId']);
    expect(joiningProblems([havering], '2027-01-01', '2026-11-23')).toEqual([]);
  });

  it('refuses a transition for a council that is not a member on the day', () => {
    expect(transitionProblems([havering], '2027-01-01', '2026-11-23').map((p) => p.field)).toEqual(['memberId']);
    expect(transitionProblems([{ joinedOn: '2010-04-01', leftOn: null }], '2026-11-22', '2026-11-23').map((p) => p.field)).toEqual(['effectiveOn']);
  });
});
