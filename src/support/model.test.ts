// The Adoption Support Fund's rules as data, checked against each year's limits, the four-month
// rule, the within-year rule and match funding before April 2025; who is responsible; and the
// life of an application.
import { describe, expect, it } from 'vitest';
import { checkAsf, committedBy, money, nextStatus, responsibility, ruleFor, stepsFrom, type AsfApplicationFacts, type AsfRule, type Committed } from './model.ts';

// As migrations/016_support.sql seeds them.
const RULES: AsfRule[] = [
  { fromYear: 2015, toYear: 2024, fairAccessLimitPence: 500000, assessmentLimitPence: 250000, assessmentsWithinLimit: false, matchFundingLimitPence: 3000000, withinYear: false, applyWithinMonths: 4 },
  { fromYear: 2025, toYear: null, fairAccessLimitPence: 300000, assessmentLimitPence: 250000, assessmentsWithinLimit: true, matchFundingLimitPence: null, withinYear: true, applyWithinMonths: 4 },
];
const NONE: Committed = { therapyPence: 0, assessmentPence: 0, matchFundedPence: 0 };
const app = (o: Partial<AsfApplicationFacts>): AsfApplicationFacts => ({ kind: 'therapy', amountPence: 100000, financialYear: 2025, endsOn: '2026-03-01', assessedOn: '2025-05-01', appliedOn: '2025-06-01', ...o });
const check = (o: Partial<AsfApplicationFacts>, committed = NONE) => checkAsf(ruleFor(RULES, o.financialYear ?? 2025), app(o), committed);
const messages = (o: Partial<AsfApplicationFacts>, committed = NONE) => check(o, committed).problems.map((p) => `${p.field}: ${p.message}`);

describe('the fund\'s rules for a year', () => {
  it('picks the year\'s row, and none before the fund began', () => {
    expect(ruleFor(RULES, 2024)?.fairAccessLimitPence).toBe(500000);
    expect(ruleFor(RULES, 2025)?.fairAccessLimitPence).toBe(300000);
    expect(ruleFor(RULES, 2031)?.fromYear).toBe(2025);
    expect(ruleFor(RULES, 2014)).toBeUndefined();
    expect(messages({ financialYear: 2014, endsOn: '2015-03-01', assessedOn: '2014-05-01', appliedOn: '2014-06-01' })).toEqual(['financialYear: No Adoption Support Fund rules are held for 2014 to 2015']);
  });

  it('from April 2025: £3,000 a child a year including assessments, naming the limit, the year and what is committed', () => {
    expect(messages({ amountPence: 300000 })).toEqual([]);
    expect(messages({ amountPence: 100000 }, { therapyPence: 150000, assessmentPence: 50000, matchFundedPence: 0 })).toEqual([]);
    expect(messages({ amountPence: 100001 }, { therapyPence: 150000, assessmentPence: 50000, matchFundedPence: 0 })).toEqual([
      'amount: £1,000.01 is over the fair access limit (assessments included) of £3,000 per child in 2025 to 2026: £2,000 is already committed, so £1,000 is left',
    ]);
  });

  it('from April 2025: assessments at most £2,500 of the limit, and no match funding', () => {
    expect(messages({ kind: 'specialist-assessment', amountPence: 250000 })).toEqual([]);
    expect(messages({ kind: 'specialist-assessment', amountPence: 260000 })[0]).toContain('over the specialist assessment limit of £2,500 per child in 2025 to 2026: £0 is already committed');
    expect(check({ amountPence: 400000 }).matchFundedPence).toBe(0);
    expect(messages({ amountPence: 400000 })).toHaveLength(1);
  });

  it('from April 2025: the package finishes within its financial year', () => {
    expect(messages({ endsOn: '2026-03-31' })).toEqual([]);
    expect(messages({ endsOn: '2026-04-01' })).toEqual(['endsOn: From 2025 to 2026 a package must finish within its financial year: 2025 to 2026 ends on 31 March 2026']);
    // Before April 2025 a package may run on.
    expect(messages({ financialYear: 2024, endsOn: '2025-09-30', assessedOn: '2024-05-01', appliedOn: '2024-06-01' })).toEqual([]);
  });

  it('to March 2025: £5,000 for therapy and £2,500 for assessment, separately', () => {
    const y2024 = { financialYear: 2024, endsOn: '2025-01-01', assessedOn: '2024-05-01', appliedOn: '2024-06-01' };
    expect(messages({ ...y2024, kind: 'specialist-assessment', amountPence: 250000 }, { therapyPence: 500000, assessmentPence: 0, matchFundedPence: 0 })).toEqual([]);
    expect(messages({ ...y2024, kind: 'specialist-assessment', amountPence: 100000 }, { therapyPence: 0, assessmentPence: 200000, matchFundedPence: 0 })[0])
      .toBe('amount: £1,000 is over the specialist assessment limit of £2,500 per child in 2024 to 2025: £2,000 is already committed, so £500 is left');
  });

  it('to March 2025: the part above the fair access limit is match funded, up to the match funding limit', () => {
    const y2023 = { financialYear: 2023, endsOn: '2024-09-01', assessedOn: '2023-05-01', appliedOn: '2023-06-01' };
    expect(check({ ...y2023, amountPence: 500000 })).toEqual({ problems: [], matchFundedPence: 0 });
    expect(check({ ...y2023, amountPence: 300000 }, { therapyPence: 400000, assessmentPence: 0, matchFundedPence: 0 })).toEqual({ problems: [], matchFundedPence: 200000 });
    const over = check({ ...y2023, amountPence: 600000 }, { therapyPence: 500000, assessmentPence: 0, matchFundedPence: 2500000 });
    expect(over.problems.map((p) => p.message)).toEqual(['£6,000 needs £6,000 of match funding above the fair access limit of £5,000 in 2023 to 2024, over the match funding limit of £30,000 (£25,000 already match funded)']);
  });

  it('applies within four months of the assessment of needs, and not before it', () => {
    expect(messages({ assessedOn: '2025-05-31', appliedOn: '2025-09-30' })).toEqual([]);
    expect(messages({ assessedOn: '2025-05-31', appliedOn: '2025-10-01' })).toEqual(['appliedOn: Apply within 4 months of the assessment of needs (31 May 2025): by 30 September 2025']);
    expect(messages({ assessedOn: '2025-05-31', appliedOn: '2025-05-30' })).toEqual(['appliedOn: The date applied cannot be before the assessment of needs (31 May 2025)']);
    // A draft has not been applied for yet.
    expect(messages({ assessedOn: '2024-01-01', appliedOn: null })).toEqual([]);
  });

  it('counts the child\'s other applications but the refused and the withdrawn, leaving match funded parts out of the limit', () => {
    expect(committedBy([
      { kind: 'therapy', amountPence: 600000, matchFundedPence: 100000, status: 'approved' },
      { kind: 'specialist-assessment', amountPence: 50000, matchFundedPence: 0, status: 'draft' },
      { kind: 'therapy', amountPence: 70000, matchFundedPence: 0, status: 'submitted' },
      { kind: 'therapy', amountPence: 90000, matchFundedPence: 0, status: 'refused' },
      { kind: 'therapy', amountPence: 90000, matchFundedPence: 0, status: 'withdrawn' },
    ])).toEqual({ therapyPence: 570000, assessmentPence: 50000, matchFundedPence: 100000 });
  });
});

describe('who is responsible', () => {
  const c = { placingCouncilId: 'placing', residenceCouncilId: 'home', adoptionOrderOn: '2023-02-28' };
  it('is the placing council for three years after the order, then the council where the family lives', () => {
    expect(responsibility(c, '2026-02-27')).toEqual({ councilId: 'placing', changesOn: '2026-02-28', nextCouncilId: 'home' });
    expect(responsibility(c, '2026-02-28')).toEqual({ councilId: 'home', changesOn: null, nextCouncilId: null });
  });
  it('stays with the placing council before the order, and when the family lives there', () => {
    expect(responsibility({ ...c, adoptionOrderOn: null }, '2030-01-01').councilId).toBe('placing');
    expect(responsibility({ ...c, residenceCouncilId: 'placing' }, '2030-01-01')).toEqual({ councilId: 'placing', changesOn: null, nextCouncilId: null });
  });
  it('counts three years from an order on 29 February to the last day of February', () => {
    expect(responsibility({ ...c, adoptionOrderOn: '2024-02-29' }, '2026-01-01').changesOn).toBe('2027-02-28');
  });
});

describe('money', () => {
  it('is written in pounds, with pence only when there are some', () => {
    expect(money(300000)).toBe('£3,000');
    expect(money(100001)).toBe('£1,000.01');
    expect(money(100050)).toBe('£1,000.50');
  });
});

describe('an application\'s life', () => {
  it('goes from draft to submitted to a decision, and may be withdrawn until decided', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('submitted', 'refuse')).toBe('refused');
    expect(stepsFrom('submitted')).toEqual(['approve', 'refuse', 'withdraw']);
    expect(stepsFrom('approved')).toEqual([]);
  });
});
