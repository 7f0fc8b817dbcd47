import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEEDS, type Need, type Tolerance } from '../adopters/codes.ts';
import {
  CONSTRAINT_ORDER, CONSTRAINTS, DEFAULT_SETTINGS, FACTOR_ORDER, FACTORS, dayNumber, exclusionOf, isMatchSettings, rankChildren, rankHouseholds,
  scoreOf, settingsProblems, viableCounts, type Factor, type MatchChild, type MatchHousehold, type MatchSettings, type MatchSubject, type MatchTerms,
} from './model.ts';

// Fixtures of our own: councils by id with their real ONS codes (for distances), a child, a
// household whose terms fit the child, and helpers to change one thing at a time.
const TODAY = '2025-06-01';
const HEREFORDSHIRE = { councilId: 'c-hfd', councilName: 'Herefordshire', councilCode: 'E06000019' };
const WORCESTERSHIRE = { councilId: 'c-wor', councilName: 'Worcestershire', councilCode: 'E10000034' };
const SHROPSHIRE = { councilId: 'c-shr', councilName: 'Shropshire', councilCode: 'E06000051' };
const THURROCK = { councilId: 'c-thu', councilName: 'Thurrock', councilCode: 'E06000034' };
const NEED_KEYS = Object.keys(NEEDS) as Need[];

const allTolerances = (t: Tolerance) => Object.fromEntries(NEED_KEYS.map((n) => [n, t])) as Record<Need, Tolerance>;

function child(over: Partial<MatchChild> = {}): MatchChild {
  return {
    id: 'child-ella', name: 'Ella', dateOfBirth: '2021-03-15', sex: 'F', ethnicity: 'WBRI', religion: null, firstLanguage: null,
    needs: [], ...HEREFORDSHIRE, avoidCouncilIds: [], waitingSince: '2024-12-01', ...over,
  };
}

const alone = (c: MatchChild = child()): MatchSubject => ({ id: c.id, label: c.name, children: [c] });
const group = (...children: MatchChild[]): MatchSubject => ({ id: 'group-1', label: children.map((c) => c.name).join(', '), children });

function terms(over: Partial<MatchTerms> = {}): MatchTerms {
  return {
    minChildren: 1, maxChildren: 1, minAge: 0, maxAge: 6, childSex: 'any', siblingGroup: false, tolerances: allTolerances('high'),
    religions: [], languages: [], avoidCouncilIds: [], ...over,
  };
}

function household(over: Partial<MatchHousehold> = {}, termsOver: Partial<MatchTerms> = {}): MatchHousehold {
  return {
    id: 'hh-1', reference: 'WM-0001', ownerId: 'org-wm', ownerName: 'West Mercia', tier: 'partnership', status: 'approved', approvedOn: '2025-03-01',
    ...WORCESTERSHIRE, openLinks: 0, applicantEthnicities: ['WBRI'], terms: terms(termsOver), ...over,
  };
}

const factor = (subject: MatchSubject, h: MatchHousehold, f: Factor, settings: MatchSettings = DEFAULT_SETTINGS) => {
  const ranked = scoreOf(subject, h, settings, TODAY);
  if (!ranked) throw new Error(`excluded: ${exclusionOf(subject, h, settings, TODAY)?.explanation}`);
  return ranked.factors.find((x) => x.factor === f)!;
};

describe('hard constraints', () => {
  const ella = alone();
  const cases: { name: string; subject?: MatchSubject; household: MatchHousehold; settings?: MatchSettings; constraint: string; explanation: string }[] = [
    { name: 'on hold', household: household({ status: 'on-hold' }), constraint: 'status', explanation: 'The household\'s status is "On hold": only households approved and available, or linked, can be matched' },
    { name: 'already matched', household: household({ status: 'matched' }), constraint: 'status', explanation: 'The household\'s status is "Matched": only households approved and available, or linked, can be matched' },
    { name: 'in assessment', household: household({ status: 'in-assessment' }), constraint: 'status', explanation: 'The household\'s status is "In assessment": only households approved and available, or linked, can be matched' },
    { name: 'no terms', household: household({ terms: null }), constraint: 'no-terms', explanation: 'No approval terms are recorded for the household, so no child can be matched with it' },
    { name: 'too few children', household: household({}, { minChildren: 2, maxChildren: 3, siblingGroup: true }), constraint: 'number-of-children', explanation: 'Approved for 2 to 3 children: Ella is one child' },
    { name: 'too old', subject: alone(child({ dateOfBirth: '2018-09-01' })), household: household({}, { minAge: 0, maxAge: 4 }), constraint: 'age', explanation: 'Approved for children aged 0 to 4: Ella is 6' },
    { name: 'too young', household: household({}, { minAge: 5, maxAge: 9 }), constraint: 'age', explanation: 'Approved for children aged 5 to 9: Ella is 4' },
    { name: 'boys only', household: household({}, { childSex: 'M' }), constraint: 'sex', explanation: 'Approved for boys only: Ella is a girl' },
    { name: 'girls only, child of unknown sex', subject: alone(child({ name: 'Alex', sex: 'U' })), household: household({}, { childSex: 'F' }), constraint: 'sex', explanation: 'Approved for girls only: Alex\'s sex is recorded as unknown or indeterminate' },
    {
      name: 'a need the household cannot consider', subject: alone(child({ needs: ['developmentalDelay', 'fasd'] })),
      household: household({}, { tolerances: { ...allTolerances('high'), fasd: 'cannot' } }), constraint: 'need', explanation: 'Cannot consider "Foetal alcohol spectrum disorder": Ella has this need',
    },
    {
      name: 'near the birth family', subject: alone(child({ avoidCouncilIds: [WORCESTERSHIRE.councilId] })), household: household(),
      constraint: 'child-area', explanation: 'Ella must not be placed in Worcestershire, where the household lives',
    },
    {
      name: 'an area the household avoids', household: household({}, { avoidCouncilIds: [HEREFORDSHIRE.councilId] }),
      constraint: 'household-area', explanation: 'The household cannot be matched with children from Herefordshire: Ella is from Herefordshire',
    },
    { name: 'at the link cap', household: household({ openLinks: 6 }), constraint: 'link-cap', explanation: 'At the cap of 6 open links: the household has 6' },
    { name: 'over a lower cap', household: household({ openLinks: 3 }), settings: { ...DEFAULT_SETTINGS, linkCap: 2 }, constraint: 'link-cap', explanation: 'At the cap of 2 open links: the household has 3' },
  ];
  for (const c of cases) {
    it(`excludes ${c.name}, naming the term and the value`, () => {
      const subject = c.subject ?? ella;
      const settings = c.settings ?? DEFAULT_SETTINGS;
      const { ranked, excluded } = rankHouseholds(subject, [c.household], settings, TODAY);
      expect(ranked).toEqual([]);
      expect(excluded).toEqual([{ candidate: c.household, constraint: c.constraint, explanation: c.explanation }]);
      expect(exclusionOf(subject, c.household, settings, TODAY)).toEqual(excluded[0]);
      expect(scoreOf(subject, c.household, settings, TODAY)).toBeNull();
    });
  }

  it('ranks the same household when nothing is broken, linked households included', () => {
    for (const status of ['approved', 'linked'] as const) {
      const h = household({ status, openLinks: 5 });
      expect(exclusionOf(ella, h, DEFAULT_SETTINGS, TODAY)).toBeNull();
      expect(rankHouseholds(ella, [h], DEFAULT_SETTINGS, TODAY).ranked.map((r) => r.candidate.id)).toEqual(['hh-1']);
    }
  });

  it('counts age in whole years on the day: not yet 5 the day before the birthday, 5 on it', () => {
    const h = household({}, { minAge: 0, maxAge: 4 });
    const born = alone(child({ dateOfBirth: '2020-06-01' }));
    expect(exclusionOf(born, h, DEFAULT_SETTINGS, '2025-05-31')).toBeNull();
    expect(exclusionOf(born, h, DEFAULT_SETTINGS, '2025-06-01')?.explanation).toBe('Approved for children aged 0 to 4: Ella is 5');
    const leap = alone(child({ dateOfBirth: '2020-02-29' }));
    expect(exclusionOf(leap, household({}, { minAge: 5, maxAge: 9 }), DEFAULT_SETTINGS, '2025-02-28')?.constraint).toBe('age');
    expect(exclusionOf(leap, household({}, { minAge: 5, maxAge: 9 }), DEFAULT_SETTINGS, '2025-03-01')).toBeNull();
  });

  it('lets a child of unknown sex fit only terms for either sex', () => {
    const alex = alone(child({ name: 'Alex', sex: 'U' }));
    expect(exclusionOf(alex, household({}, { childSex: 'any' }), DEFAULT_SETTINGS, TODAY)).toBeNull();
    expect(exclusionOf(alex, household({}, { childSex: 'M' }), DEFAULT_SETTINGS, TODAY)?.constraint).toBe('sex');
  });

  it('reports the first constraint broken, in the fixed order', () => {
    const subject = alone(child({ dateOfBirth: '2015-01-01', needs: ['fasd'], avoidCouncilIds: [WORCESTERSHIRE.councilId] }));
    const h = household({ openLinks: 9 }, { maxAge: 4, childSex: 'M', tolerances: allTolerances('cannot'), avoidCouncilIds: [HEREFORDSHIRE.councilId] });
    expect(exclusionOf(subject, h, DEFAULT_SETTINGS, TODAY)?.constraint).toBe('age');
    expect(exclusionOf(subject, { ...h, status: 'withdrawn' }, DEFAULT_SETTINGS, TODAY)?.constraint).toBe('status');
    expect(exclusionOf(subject, { ...h, terms: { ...h.terms!, maxAge: 17 } }, DEFAULT_SETTINGS, TODAY)?.constraint).toBe('sex');
    expect(exclusionOf(subject, { ...h, terms: { ...h.terms!, maxAge: 17, childSex: 'any' } }, DEFAULT_SETTINGS, TODAY)?.constraint).toBe('need');
    expect(exclusionOf(subject, { ...h, terms: { ...h.terms!, maxAge: 17, childSex: 'any', tolerances: allTolerances('low') } }, DEFAULT_SETTINGS, TODAY)?.constraint).toBe('child-area');
    expect(CONSTRAINT_ORDER).toEqual(['status', 'no-terms', 'number-of-children', 'age', 'sex', 'sibling-group', 'need', 'child-area', 'household-area', 'link-cap']);
    expect(Object.keys(CONSTRAINTS)).toEqual(CONSTRAINT_ORDER);
  });

  it('checks every child of a group, naming the child who breaks the term', () => {
    const subject = group(child({ id: 'a', name: 'Ella' }), child({ id: 'b', name: 'Sam', sex: 'M', dateOfBirth: '2017-01-01', needs: ['ongoingContact'] }));
    const h = household({}, { maxChildren: 2, siblingGroup: true, childSex: 'F', maxAge: 10 });
    expect(exclusionOf(subject, h, DEFAULT_SETTINGS, TODAY)?.explanation).toBe('Approved for girls only: Sam is a boy');
    expect(exclusionOf(subject, { ...h, terms: { ...h.terms!, childSex: 'any', maxAge: 6 } }, DEFAULT_SETTINGS, TODAY)?.explanation).toBe('Approved for children aged 0 to 6: Sam is 8');
    expect(exclusionOf(subject, { ...h, terms: { ...h.terms!, childSex: 'any', tolerances: { ...allTolerances('high'), ongoingContact: 'cannot' } } }, DEFAULT_SETTINGS, TODAY)?.explanation)
      .toBe('Cannot consider "Ongoing contact with the birth family": Sam has this need');
    expect(exclusionOf(subject, { ...h, terms: { ...h.terms!, childSex: 'any', siblingGroup: false } }, DEFAULT_SETTINGS, TODAY)?.explanation)
      .toBe('Not approved for a sibling group: Ella and Sam are to be placed together');
  });
});

describe('a sibling group is ranked as one', () => {
  const three = group(child({ id: 'a', name: 'Ella' }), child({ id: 'b', name: 'Sam', sex: 'M' }), child({ id: 'c', name: 'Tom', sex: 'M', dateOfBirth: '2023-01-10' }));

  it('excludes a household approved for up to 2, and ranks one approved for 3', () => {
    const two = household({ id: 'two', reference: 'WM-2' }, { minChildren: 1, maxChildren: 2, siblingGroup: true });
    const threeOk = household({ id: 'three', reference: 'WM-3' }, { minChildren: 2, maxChildren: 3, siblingGroup: true });
    const { ranked, excluded } = rankHouseholds(three, [two, threeOk], DEFAULT_SETTINGS, TODAY);
    expect(ranked.map((r) => r.candidate.id)).toEqual(['three']);
    expect(excluded).toEqual([{ candidate: two, constraint: 'number-of-children', explanation: 'Approved for 1 to 2 children: Ella, Sam and Tom are 3 children to be placed together' }]);
    expect(ranked[0]!.factors.find((f) => f.factor === 'siblings')).toMatchObject({ score: 1, explanation: 'Approved for a sibling group of up to 3: the 3 children can stay together' });
  });

  it('a group of 2 is not a sibling-group match for terms that do not allow one, even if the number fits', () => {
    const pair = group(child({ id: 'a' }), child({ id: 'b', name: 'Sam' }));
    expect(exclusionOf(pair, household({}, { maxChildren: 2, siblingGroup: false }), DEFAULT_SETTINGS, TODAY)?.constraint).toBe('sibling-group');
  });

  it('scores the group\'s needs as the union of the children\'s, and its wait as the longest', () => {
    const subject = group(
      child({ id: 'a', name: 'Ella', needs: ['developmentalDelay'], waitingSince: '2025-01-01' }),
      child({ id: 'b', name: 'Sam', needs: ['developmentalDelay', 'medicalConditions'], waitingSince: '2024-06-01' }),
    );
    const h = household({}, { maxChildren: 2, siblingGroup: true, tolerances: { ...allTolerances('high'), medicalConditions: 'low' } });
    expect(factor(subject, h, 'needs')).toMatchObject({ score: 0.67, explanation: 'The household\'s tolerance for Ella, Sam\'s needs: developmental delay (high) and medical conditions (low)' });
    expect(factor(subject, h, 'child-wait')).toMatchObject({ score: 1, explanation: 'Sam, the longest waiting of the group, has waited 12 months, since 1 June 2024' });
  });
});

describe('soft factors, each with a sentence saying why', () => {
  const ella = alone();

  it('needs: the mean of the tolerances, 1 when the child has none', () => {
    expect(factor(ella, household(), 'needs')).toMatchObject({ score: 1, explanation: 'No recorded needs for Ella: any household\'s tolerances fit' });
    const needy = alone(child({ needs: ['fasd', 'learningDisability', 'ongoingContact'] }));
    const h = household({}, { tolerances: { ...allTolerances('high'), fasd: 'low', learningDisability: 'medium' } });
    expect(factor(needy, h, 'needs')).toMatchObject({
      score: 0.66, // (0.33 + 0.66 + 1) / 3
      explanation: 'The household\'s tolerance for Ella\'s needs: learning disability (medium), foetal alcohol spectrum disorder (low) and ongoing contact with the birth family (high)',
    });
  });

  it('heritage: the same DfE code scores 1', () => {
    expect(factor(ella, household(), 'heritage')).toMatchObject({ score: 1, explanation: 'The applicant shares Ella\'s ethnicity (White British); no religion recorded for Ella (neutral)' });
  });

  it('heritage: the same broad group scores 0.7, and a mixed-heritage child fits either component group', () => {
    expect(factor(ella, household({ applicantEthnicities: ['WIRI', 'BAFR'] }), 'heritage')).toMatchObject({
      score: 0.7, explanation: 'Ella (White British) shares White heritage with the applicants; no religion recorded for Ella (neutral)',
    });
    const mixed = alone(child({ ethnicity: 'MWBC' }));
    expect(factor(mixed, household({ applicantEthnicities: ['BCRB'] }), 'heritage')).toMatchObject({ score: 0.7, explanation: expect.stringContaining('Ella (White and Black Caribbean) shares Black heritage with the applicant') });
    expect(factor(mixed, household({ applicantEthnicities: ['WBRI'] }), 'heritage').score).toBe(0.7);
    expect(factor(mixed, household({ applicantEthnicities: ['AIND'] }), 'heritage').score).toBe(0.3);
    expect(factor(mixed, household({ applicantEthnicities: ['MWBC'] }), 'heritage').score).toBe(1);
  });

  it('heritage: no shared background scores 0.3 and says what to think about', () => {
    expect(factor(alone(child({ ethnicity: 'AIND' })), household({ applicantEthnicities: ['WBRI', 'BCRB'] }), 'heritage')).toMatchObject({
      score: 0.3,
      explanation: 'Ella (Indian) shares no ethnic background with the applicants, so consider how the family would support Ella\'s identity; no religion recorded for Ella (neutral)',
    });
  });

  it('heritage: not recorded on either side is neutral', () => {
    expect(factor(alone(child({ ethnicity: 'NOBT' })), household(), 'heritage')).toMatchObject({ score: 0.5, explanation: 'Ella\'s ethnicity is not recorded (neutral); no religion recorded for Ella (neutral)' });
    expect(factor(ella, household({ applicantEthnicities: [] }), 'heritage')).toMatchObject({ score: 0.5, explanation: 'The applicants\' ethnicity is not recorded (neutral); no religion recorded for Ella (neutral)' });
  });

  it('heritage: a shared religion and the child\'s first language add to the score, each said', () => {
    const ella2 = alone(child({ ethnicity: 'WOTH', religion: 'Roman Catholic', firstLanguage: 'Polish' }));
    const both = household({ applicantEthnicities: ['WBRI'] }, { religions: ['roman catholic'], languages: ['English', 'polish'] });
    expect(factor(ella2, both, 'heritage')).toMatchObject({
      score: 1, // 0.7 + 0.15 + 0.15
      explanation: 'Ella (Any other White background) shares White heritage with the applicant; the household shares Ella\'s religion (Roman Catholic); the household speaks Ella\'s first language (Polish)',
    });
    const religionOnly = household({ applicantEthnicities: ['WBRI'] }, { religions: ['Roman Catholic'], languages: ['English'] });
    expect(factor(ella2, religionOnly, 'heritage')).toMatchObject({ score: 0.85, explanation: expect.stringContaining('the household does not list Ella\'s first language (Polish)') });
    const neither = household({ applicantEthnicities: ['WBRI'] }, { religions: ['Muslim'] });
    expect(factor(ella2, neither, 'heritage')).toMatchObject({ score: 0.7, explanation: expect.stringContaining('Ella\'s religion (Roman Catholic) is not among the household\'s') });
    expect(factor(ella2, household({ applicantEthnicities: ['WBRI'] }), 'heritage').explanation).toContain('the household\'s religion is not stated (neutral)');
    // English as a first language is no consideration either way.
    expect(factor(alone(child({ firstLanguage: 'English' })), household(), 'heritage').explanation).not.toContain('language');
  });

  it('heritage: a group whose children share a background is said once; different backgrounds average', () => {
    const same = group(child({ id: 'a' }), child({ id: 'b', name: 'Sam' }));
    const h = household({}, { maxChildren: 2, siblingGroup: true });
    expect(factor(same, h, 'heritage')).toMatchObject({ score: 1, explanation: 'The applicant shares the children\'s ethnicity (White British); no religion recorded for the children (neutral)' });
    const halves = group(child({ id: 'a' }), child({ id: 'b', name: 'Sam', ethnicity: 'BCRB' }));
    expect(factor(halves, h, 'heritage').score).toBe(0.65); // (1 + 0.3) / 2
  });

  it('siblings: a single child scores lower with a household approved for a sibling group', () => {
    expect(factor(ella, household(), 'siblings')).toMatchObject({ score: 1, explanation: 'Approved for a single child rather than a sibling group, which suits a child waiting alone' });
    expect(factor(ella, household({}, { maxChildren: 2, siblingGroup: true }), 'siblings')).toMatchObject({
      score: 0.7, explanation: 'Approved for a sibling group: scored lower for a single child, to keep such households for brothers and sisters waiting together',
    });
  });

  it('distance: same council 0.6, 15 to 80 km 1, falling to 0.3 at 300 km, unknown 0.5', () => {
    expect(factor(ella, household({ ...HEREFORDSHIRE }), 'distance')).toMatchObject({
      score: 0.6, explanation: 'The household lives in Herefordshire, the child\'s own council: placing very near the birth family can be a risk',
    });
    expect(factor(ella, household(), 'distance')).toMatchObject({
      score: 1, explanation: 'About 40 km between Herefordshire and Worcestershire: near enough for introductions, far enough from the birth family',
    });
    const far = factor(ella, household({ ...THURROCK }), 'distance');
    expect(far.explanation).toMatch(/^About 2\d\d km between Herefordshire and Thurrock: a long way for introductions and contact$/);
    expect(far.score).toBeGreaterThan(0.3);
    expect(far.score).toBeLessThan(0.7);
    expect(factor(ella, household({ councilId: 'c-x', councilName: 'Somewhere', councilCode: 'E99999999' }), 'distance')).toMatchObject({ score: 0.5, explanation: 'Distance not known: no location is held for Somewhere (neutral)' });
    expect(factor(ella, household({ councilId: null, councilName: null, councilCode: null }), 'distance')).toMatchObject({ score: 0.5, explanation: 'Distance not known: the household\'s home council is not recorded (neutral)' });
    const nearer = factor(ella, household({ ...SHROPSHIRE }), 'distance');
    expect(nearer.score).toBe(1);
  });

  it('household wait: 0 on the day of approval, 1 from 180 days, said in months', () => {
    expect(factor(ella, household({ approvedOn: TODAY }), 'household-wait')).toMatchObject({ score: 0, explanation: 'Approved on 1 June 2025: waiting 0 days since approval' });
    expect(factor(ella, household({ approvedOn: '2025-03-01' }), 'household-wait')).toMatchObject({ score: 0.51, explanation: 'Approved on 1 March 2025: waiting 3 months since approval' });
    expect(factor(ella, household({ approvedOn: '2023-02-15' }), 'household-wait')).toMatchObject({ score: 1, explanation: 'Approved on 15 February 2023: waiting 2 years and 3 months since approval' });
    expect(factor(ella, household({ approvedOn: null }), 'household-wait')).toMatchObject({ score: 0, explanation: 'The household\'s approval date is not recorded' });
  });

  it('child wait: 0 at the decision, 1 from 365 days', () => {
    expect(factor(alone(child({ waitingSince: '2025-05-20' })), household(), 'child-wait')).toMatchObject({ score: 0.03, explanation: 'Ella has waited 12 days, since 20 May 2025' });
    expect(factor(ella, household(), 'child-wait')).toMatchObject({ score: 0.5, explanation: 'Ella has waited 6 months, since 1 December 2024' });
    expect(factor(alone(child({ waitingSince: '2023-01-01' })), household(), 'child-wait').score).toBe(1);
    expect(factor(alone(child({ waitingSince: null })), household(), 'child-wait')).toMatchObject({ score: 0, explanation: 'Waiting time not known: no decision date is recorded for Ella' });
  });

  it('totals the weighted mean of the rounded factor scores, 0 to 100 to one decimal', () => {
    const ranked = scoreOf(ella, household(), DEFAULT_SETTINGS, TODAY)!;
    expect(ranked.factors.map((f) => f.factor)).toEqual(FACTOR_ORDER);
    const w = DEFAULT_SETTINGS.weights;
    const expected = ranked.factors.reduce((sum, f) => sum + w[f.factor] * f.score, 0) / FACTOR_ORDER.reduce((s, f) => s + w[f], 0) * 100;
    expect(ranked.score).toBe(Math.round(expected * 10) / 10);
    // Only the needs counting: the score is the needs score.
    const needsOnly: MatchSettings = { linkCap: 6, weights: { needs: 1, heritage: 0, siblings: 0, distance: 0, 'household-wait': 0, 'child-wait': 0 } };
    const needy = alone(child({ needs: ['fasd'] }));
    expect(scoreOf(needy, household({}, { tolerances: { ...allTolerances('high'), fasd: 'medium' } }), needsOnly, TODAY)!.score).toBe(66);
  });

  it('labels every factor and constraint for the pages', () => {
    expect(Object.keys(FACTORS)).toEqual(['needs', 'heritage', 'siblings', 'distance', 'household-wait', 'child-wait']);
    expect(Object.values(CONSTRAINTS).every((label) => label.length > 0)).toBe(true);
    const w = DEFAULT_SETTINGS.weights;
    expect(FACTOR_ORDER.reduce((s, f) => s + w[f], 0)).toBeCloseTo(1, 10);
    expect(Math.max(...FACTOR_ORDER.map((f) => w[f]))).toBe(w.needs);
    expect(DEFAULT_SETTINGS.linkCap).toBe(6);
  });
});

describe('ordering', () => {
  it('ranks by score, then by the longest approval, then reference, then id', () => {
    const ella = alone();
    const best = household({ id: 'best', reference: 'Z-9', approvedOn: '2024-01-01' });
    // Approved on or before 180 days ago, all score the same: the longest approval first.
    const a = household({ id: 'a', reference: 'B-1', approvedOn: '2024-06-01' }, { siblingGroup: true, maxChildren: 2 });
    const b = household({ id: 'b', reference: 'A-1', approvedOn: '2024-05-01' }, { siblingGroup: true, maxChildren: 2 });
    const c1 = household({ id: 'c1', reference: 'A-1', approvedOn: '2024-06-01' }, { siblingGroup: true, maxChildren: 2 });
    const c2 = household({ id: 'c0', reference: 'A-1', approvedOn: '2024-06-01' }, { siblingGroup: true, maxChildren: 2 });
    const { ranked } = rankHouseholds(ella, [a, c1, best, b, c2], DEFAULT_SETTINGS, TODAY);
    expect(ranked.map((r) => r.candidate.id)).toEqual(['best', 'b', 'c0', 'c1', 'a']);
    expect(new Set(ranked.slice(1).map((r) => r.score)).size).toBe(1);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });

  it('ranks children by score, then the longest wait, then label, then id', () => {
    const h = household();
    const subjects = [
      alone(child({ id: 'k3', name: 'Cara', waitingSince: '2024-06-01' })),
      alone(child({ id: 'k1', name: 'Ada', waitingSince: '2024-06-01' })),
      alone(child({ id: 'k2', name: 'Bea', waitingSince: '2024-01-01' })),
      alone(child({ id: 'k0', name: 'Ada', waitingSince: '2024-06-01' })),
      alone(child({ id: 'k4', name: 'Dee', waitingSince: '2025-05-01' })),
    ];
    const { ranked } = rankChildren(h, subjects, DEFAULT_SETTINGS, TODAY);
    // All but Dee have waited over a year (score 1); Bea the longest.
    expect(ranked.map((r) => r.candidate.id)).toEqual(['k2', 'k0', 'k1', 'k3', 'k4']);
  });

  it('lists the excluded by constraint, then reference', () => {
    const ella = alone();
    const { excluded } = rankHouseholds(ella, [
      household({ id: 'x', reference: 'B', openLinks: 6 }), household({ id: 'y', reference: 'C', status: 'on-hold' }), household({ id: 'z', reference: 'A', openLinks: 7 }),
    ], DEFAULT_SETTINGS, TODAY);
    expect(excluded.map((e) => [e.candidate.id, e.constraint])).toEqual([['y', 'status'], ['z', 'link-cap'], ['x', 'link-cap']]);
  });
});

describe('both ways', () => {
  it('a pair scores the same from the child\'s side and the household\'s', () => {
    const subjects = [
      alone(child({ id: 'k1', ethnicity: 'MWBA', religion: 'Muslim', needs: ['fasd'] })),
      alone(child({ id: 'k2', name: 'Sam', sex: 'M', ...THURROCK, waitingSince: null })),
      group(child({ id: 'k3', name: 'Ann' }), child({ id: 'k4', name: 'Ben', sex: 'M', ...SHROPSHIRE })),
      alone(child({ id: 'k5', name: 'Old', dateOfBirth: '2010-01-01' })),
    ];
    const h = household({ applicantEthnicities: ['BAFR'] }, { maxChildren: 2, siblingGroup: true, religions: ['Muslim'], tolerances: { ...allTolerances('medium'), fasd: 'low' } });
    const fromHousehold = rankChildren(h, subjects, DEFAULT_SETTINGS, TODAY);
    expect(fromHousehold.ranked).toHaveLength(3);
    expect(fromHousehold.excluded.map((e) => [e.candidate.id, e.constraint, e.explanation])).toEqual([['k5', 'age', 'Approved for children aged 0 to 6: Old is 15']]);
    for (const r of fromHousehold.ranked) {
      const fromChild = rankHouseholds(r.candidate, [h], DEFAULT_SETTINGS, TODAY).ranked[0]!;
      expect(fromChild.score).toBe(r.score);
      expect(fromChild.factors).toEqual(r.factors);
    }
  });
});

describe('a household ranking children', () => {
  it('excludes every child alike when the household is not available or has no terms', () => {
    const subjects = [alone(), alone(child({ id: 'k2', name: 'Sam' })), group(child({ id: 'k3', name: 'Ann' }), child({ id: 'k4', name: 'Ben' }))];
    const onHold = rankChildren(household({ status: 'on-hold' }), subjects, DEFAULT_SETTINGS, TODAY);
    expect(onHold.ranked).toEqual([]);
    expect(onHold.excluded.map((e) => [e.candidate.id, e.constraint])).toEqual([['group-1', 'status'], ['child-ella', 'status'], ['k2', 'status']]);
    expect(new Set(onHold.excluded.map((e) => e.explanation))).toEqual(new Set(['The household\'s status is "On hold": only households approved and available, or linked, can be matched']));
    const noTerms = rankChildren(household({ terms: null }), subjects, DEFAULT_SETTINGS, TODAY);
    expect(noTerms.excluded.map((e) => e.constraint)).toEqual(['no-terms', 'no-terms', 'no-terms']);
  });

  it('names each child\'s own broken term', () => {
    const subjects = [alone(child({ id: 'k1', name: 'Ella', dateOfBirth: '2015-01-01' })), alone(child({ id: 'k2', name: 'Sam', sex: 'M' })), alone(child({ id: 'k3', name: 'Zoe' }))];
    const { ranked, excluded } = rankChildren(household({}, { childSex: 'F' }), subjects, DEFAULT_SETTINGS, TODAY);
    expect(ranked.map((r) => r.candidate.id)).toEqual(['k3']);
    expect(excluded.map((e) => e.explanation)).toEqual(['Approved for children aged 0 to 6: Ella is 10', 'Approved for girls only: Sam is a boy']);
  });
});

describe('settings held as data', () => {
  it('accepts the defaults and any weights from 0 to 1 with a positive sum, and a cap from 1 to 20', () => {
    expect(settingsProblems(DEFAULT_SETTINGS)).toEqual([]);
    expect(isMatchSettings({ linkCap: 20, weights: { needs: 1, heritage: 0, siblings: 0, distance: 0, 'household-wait': 0, 'child-wait': 0 } })).toBe(true);
  });

  it('names each problem', () => {
    expect(settingsProblems(null)).toEqual(['Matching settings must be an object with weights and linkCap']);
    expect(settingsProblems({ ...DEFAULT_SETTINGS, linkCap: 0 })).toEqual(['linkCap must be a whole number from 1 to 20: got 0']);
    expect(settingsProblems({ ...DEFAULT_SETTINGS, linkCap: 2.5 })).toEqual(['linkCap must be a whole number from 1 to 20: got 2.5']);
    expect(settingsProblems({ ...DEFAULT_SETTINGS, linkCap: 21 })).toHaveLength(1);
    expect(settingsProblems({ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, needs: 1.5 } })).toEqual(['weights.needs (Needs within the household\'s tolerances) must be a number from 0 to 1: got 1.5']);
    expect(settingsProblems({ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, distance: '0.2' } })).toEqual(['weights.distance (Distance between council areas) must be a number from 0 to 1: got "0.2"']);
    const noHeritage = Object.fromEntries(Object.entries(DEFAULT_SETTINGS.weights).filter(([factor]) => factor !== 'heritage'));
    expect(settingsProblems({ ...DEFAULT_SETTINGS, weights: noHeritage })).toEqual(['weights.heritage (Ethnicity, religion and language) is missing: give a number from 0 to 1']);
    expect(settingsProblems({ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, age: 0.1 } })).toEqual(['weights.age is not a factor: the factors are needs, heritage, siblings, distance, household-wait, child-wait']);
    expect(settingsProblems({ linkCap: 6, weights: { needs: 0, heritage: 0, siblings: 0, distance: 0, 'household-wait': 0, 'child-wait': 0 } })).toEqual(['At least one weight must be above 0']);
    expect(settingsProblems({ ...DEFAULT_SETTINGS, linkcap: 6 })).toContain('"linkcap" is not a matching setting: use weights and linkCap');
    expect(isMatchSettings({ weights: DEFAULT_SETTINGS.weights })).toBe(false);
  });
});

describe('viable counts', () => {
  it('counts the households no constraint excludes, by tier', () => {
    const ella = alone();
    const counts = viableCounts(ella, [
      household({ id: '1', tier: 'council' }), household({ id: '2', tier: 'council', status: 'placed' }),
      household({ id: '3', tier: 'partnership' }), household({ id: '4', tier: 'inter-agency' }), household({ id: '5', tier: 'inter-agency' }),
    ], DEFAULT_SETTINGS, TODAY);
    expect(counts).toEqual({ council: 1, partnership: 1, 'inter-agency': 2 });
  });
});

// ---- properties ---------------------------------------------------------------------------------

const COUNCILS = [HEREFORDSHIRE, WORCESTERSHIRE, SHROPSHIRE, THURROCK, { councilId: 'c-none', councilName: 'Nowhere', councilCode: null }];
const dateArb = (from: number, to: number) => fc.integer({ min: from, max: to }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
const TODAY_N = dayNumber(TODAY);
// Mostly households and children that fit each other, so that most pairs are ranked rather than excluded.
const toleranceArb = fc.constantFrom<Tolerance>('cannot', 'low', 'low', 'medium', 'medium', 'medium', 'high', 'high', 'high');
const rarely = <T>(arb: fc.Arbitrary<T[]>) => fc.oneof({ arbitrary: fc.constant<T[]>([]), weight: 5 }, { arbitrary: arb, weight: 1 });
const ethnicityArb = fc.constantFrom('WBRI', 'WIRI', 'MWBC', 'MWAS', 'MOTH', 'AIND', 'BAFR', 'BCRB', 'CHNE', 'OOTH', 'NOBT', 'REFU');

const childArb = fc.record({
  id: fc.uuid(), name: fc.constantFrom('Ella', 'Sam', 'Tom', 'Ava'), dateOfBirth: dateArb(TODAY_N - 365 * 9, TODAY_N), sex: fc.constantFrom<'M' | 'F' | 'U'>('M', 'F', 'M', 'F', 'U'),
  ethnicity: ethnicityArb, religion: fc.option(fc.constantFrom('Christian', 'Muslim', 'Sikh')), firstLanguage: fc.option(fc.constantFrom('English', 'Polish', 'Urdu')),
  needs: fc.subarray(NEED_KEYS, { maxLength: 3 }), council: fc.constantFrom(...COUNCILS), avoidCouncilIds: rarely(fc.subarray(COUNCILS.map((c) => c.councilId), { maxLength: 1 })),
  waitingSince: fc.option(dateArb(TODAY_N - 900, TODAY_N)),
}).map(({ council, ...c }): MatchChild => ({ ...c, ...council }));

const subjectArb = fc.oneof({ arbitrary: fc.array(childArb, { minLength: 1, maxLength: 1 }), weight: 4 }, { arbitrary: fc.array(childArb, { minLength: 2, maxLength: 3 }), weight: 1 }).map((children): MatchSubject => ({ id: children[0]!.id, label: children.map((c) => c.name).join(', '), children }));

const termsArb = fc.record({
  minChildren: fc.constantFrom(1, 1, 1, 1, 1, 2), extraChildren: fc.integer({ min: 0, max: 2 }), minAge: fc.constantFrom(0, 0, 0, 1, 3), extraAge: fc.integer({ min: 4, max: 12 }),
  childSex: fc.constantFrom<'any' | 'M' | 'F'>('any', 'any', 'any', 'any', 'M', 'F'), siblingGroup: fc.boolean(),
  tolerances: fc.tuple(...NEED_KEYS.map(() => toleranceArb)).map((ts) => Object.fromEntries(NEED_KEYS.map((n, i) => [n, ts[i]!])) as Record<Need, Tolerance>),
  religions: fc.subarray(['Christian', 'muslim', 'Sikh']), languages: fc.subarray(['English', 'Polish', ' urdu ']), avoidCouncilIds: rarely(fc.subarray(COUNCILS.map((c) => c.councilId), { maxLength: 1 })),
}).map(({ extraChildren, extraAge, ...t }): MatchTerms => ({ ...t, maxChildren: t.minChildren + extraChildren, maxAge: t.minAge + extraAge }));

const householdArb = fc.record({
  id: fc.uuid(), reference: fc.constantFrom('A-1', 'A-2', 'B-1'), status: fc.constantFrom('approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'linked', 'linked', 'on-hold', 'matched') as fc.Arbitrary<MatchHousehold['status']>,
  approvedOn: fc.option(dateArb(TODAY_N - 400, TODAY_N)), council: fc.constantFrom(...COUNCILS), openLinks: fc.constantFrom(0, 0, 1, 2, 5, 6),
  applicantEthnicities: fc.array(ethnicityArb, { maxLength: 2 }), terms: fc.option(termsArb, { freq: 15 }),
  tier: fc.constantFrom<MatchHousehold['tier']>('council', 'partnership', 'inter-agency'),
}).map(({ council, ...h }): MatchHousehold => ({ ...h, ...council, ownerId: 'o', ownerName: 'Owner' }));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let s = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) >>> 0;
    const j = s % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('properties', () => {
  it('day numbers agree with the calendar', () => {
    fc.assert(fc.property(dateArb(-100_000, 100_000), (date) => {
      expect(dayNumber(date)).toBe(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    }));
  });

  it('scores lie in 0..100 and every factor in 0..1; ranked and excluded together are the input', () => {
    fc.assert(fc.property(subjectArb, fc.array(householdArb, { minLength: 5, maxLength: 40 }), (subject, households) => {
      const { ranked, excluded } = rankHouseholds(subject, households, DEFAULT_SETTINGS, TODAY);
      expect(ranked.length + excluded.length).toBe(households.length);
      expect(new Set([...ranked.map((r) => r.candidate), ...excluded.map((e) => e.candidate)])).toEqual(new Set(households));
      for (const r of ranked) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.factors).toHaveLength(6);
        for (const f of r.factors) {
          expect(f.score).toBeGreaterThanOrEqual(0);
          expect(f.score).toBeLessThanOrEqual(1);
          expect(f.explanation.length).toBeGreaterThan(0);
        }
        expect(exclusionOf(subject, r.candidate, DEFAULT_SETTINGS, TODAY)).toBeNull();
        // Sentences made once and kept for the call say the same as the pair worked out alone.
        expect(r).toEqual(scoreOf(subject, r.candidate, DEFAULT_SETTINGS, TODAY));
      }
      for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
      for (const e of excluded) expect(exclusionOf(subject, e.candidate, DEFAULT_SETTINGS, TODAY)).toEqual(e);
    }));
  });

  it('the order does not depend on the order of the input', () => {
    fc.assert(fc.property(subjectArb, fc.array(householdArb, { minLength: 5, maxLength: 40 }), fc.integer(), (subject, households, seed) => {
      const a = rankHouseholds(subject, households, DEFAULT_SETTINGS, TODAY);
      const b = rankHouseholds(subject, shuffled(households, seed), DEFAULT_SETTINGS, TODAY);
      expect(b.ranked.map((r) => r.candidate)).toEqual(a.ranked.map((r) => r.candidate));
      expect(b.excluded.map((e) => e.candidate)).toEqual(a.excluded.map((e) => e.candidate));
      expect(b).toEqual(a);
    }));
    fc.assert(fc.property(householdArb, fc.array(subjectArb, { maxLength: 20 }), fc.integer(), (h, subjects, seed) => {
      const a = rankChildren(h, subjects, DEFAULT_SETTINGS, TODAY);
      const b = rankChildren(h, shuffled(subjects, seed), DEFAULT_SETTINGS, TODAY);
      expect(b).toEqual(a);
      expect(a.ranked.length + a.excluded.length).toBe(subjects.length);
      for (const r of a.ranked) expect(r.factors).toEqual(scoreOf(r.candidate, h, DEFAULT_SETTINGS, TODAY)!.factors);
      for (const e of a.excluded) expect(e.explanation).toBe(exclusionOf(e.candidate, h, DEFAULT_SETTINGS, TODAY)!.explanation);
    }));
  });

  it('a pair has one score whichever way it is ranked', () => {
    fc.assert(fc.property(subjectArb, householdArb, (subject, h) => {
      const one = rankHouseholds(subject, [h], DEFAULT_SETTINGS, TODAY);
      const other = rankChildren(h, [subject], DEFAULT_SETTINGS, TODAY);
      expect(other.ranked.map((r) => r.score)).toEqual(one.ranked.map((r) => r.score));
      expect(other.excluded.map((e) => [e.constraint, e.explanation])).toEqual(one.excluded.map((e) => [e.constraint, e.explanation]));
    }));
  });
});
