// The SSDA903 fields the children area holds: each refusal, as the return's checker makes it.
import { describe, expect, it } from 'vitest';
import { parseInput } from '../core/validation.ts';
import { codeLists, yearEnding } from '../interop/ssda903/model.ts';
import { isPostcode } from '../interop/ssda903/rules/placements.ts';
import { CATEGORIES_OF_NEED, PREVIOUS_PERMANENCE, REASONS_PLACE_CHANGE } from './codes.ts';
import { episodeInput, previousPermanenceInput, updateChildInput } from './input.ts';
import type { Episode } from './model.ts';
import { motherProblems, normalisePostcode, placeChangeProblems, previousPermanenceProblems } from './return-fields.ts';

const fields = (f: () => unknown) => {
  try {
    f();
    return [];
  } catch (error) {
    return (error as { errors: { field: string }[] }).errors.map((e) => e.field);
  }
};
const episode = (over: Partial<Episode> = {}): Episode => ({
  id: 'e1', startDate: '2025-01-01', rne: 'S', legalStatus: 'C2', placement: 'U4', placementProvider: 'PR1', endDate: null, reasonCeased: null, ...over,
});

describe('code lists', () => {
  it('are the return checker\'s lists for every year', () => {
    for (const endYear of [2023, 2024, 2025, 2026, 2027]) {
      const lists = codeLists(yearEnding(endYear));
      expect(Object.keys(CATEGORIES_OF_NEED)).toEqual([...lists.CIN]);
      expect(Object.keys(REASONS_PLACE_CHANGE)).toEqual([...lists.REASON_PLACE_CHANGE]);
      expect(Object.keys(PREVIOUS_PERMANENCE)).toEqual([...lists.PREV_PERM]);
    }
  });
});

describe('episode input', () => {
  const base = { startDate: '2025-06-01', rne: 'P' };
  it('normalises postcodes to upper case with one space, and names a bad one\'s field', () => {
    expect(parseInput(episodeInput, { ...base, homePostcode: 'hr12ab', placementPostcode: ' wr5  3pa ' })).toMatchObject({ homePostcode: 'HR1 2AB', placementPostcode: 'WR5 3PA' });
    expect(fields(() => parseInput(episodeInput, { ...base, homePostcode: 'HR1' }))).toEqual(['homePostcode']);
    expect(fields(() => parseInput(episodeInput, { ...base, placementPostcode: '12345' }))).toEqual(['placementPostcode']);
  });
  it('agrees with the return checker on the form of a postcode', () => {
    for (const p of ['HR1 2AB', 'SW1A 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'HR1', 'H1 2AB3', '1R1 2AB', 'HR1 AAB']) {
      expect(normalisePostcode(p) !== null, p).toBe(isPostcode(p));
    }
  });
  it('takes CIN N1–N8, the 903 reasons for a placement change and URNs of the right form only', () => {
    expect(parseInput(episodeInput, { ...base, cin: 'N1', reasonPlaceChange: 'CARPL', urn: 'sc123456' })).toMatchObject({ cin: 'N1', reasonPlaceChange: 'CARPL', urn: 'SC123456' });
    expect(parseInput(episodeInput, { ...base, urn: '123456' }).urn).toBe('123456');
    expect(parseInput(episodeInput, { ...base, urn: 'XXXXXXX' }).urn).toBe('XXXXXXX');
    expect(fields(() => parseInput(episodeInput, { ...base, cin: 'N9' }))).toEqual(['cin']);
    expect(fields(() => parseInput(episodeInput, { ...base, reasonPlaceChange: 'MOVED' }))).toEqual(['reasonPlaceChange']);
    expect(fields(() => parseInput(episodeInput, { ...base, urn: 'SC12345' }))).toEqual(['urn']);
    expect(fields(() => parseInput(episodeInput, { ...base, urn: 'AB123456' }))).toEqual(['urn']);
  });
});

describe('the reason for a change of placement (rules 225/226)', () => {
  const open = episode();
  it('is required for a change of placement that ends an episode', () => {
    expect(placeChangeProblems(open, { rne: 'P', placement: 'U6', startDate: '2025-06-01' }, null).map((p) => p.field)).toEqual(['reasonPlaceChange']);
    expect(placeChangeProblems(open, { rne: 'B', placement: 'U6', startDate: '2025-06-01' }, 'CARPL')).toEqual([]);
  });
  it('is refused when the placement does not change, or either placement is temporary', () => {
    expect(placeChangeProblems(open, { rne: 'L', placement: 'U4', startDate: '2025-06-01' }, 'CARPL')[0]!.message).toContain('226');
    expect(placeChangeProblems(open, { rne: 'T', placement: 'T2', startDate: '2025-06-01' }, 'CARPL')[0]!.message).toContain('T2');
    expect(placeChangeProblems(episode({ placement: 'T1' }), { rne: 'P', placement: 'U4', startDate: '2025-06-01' }, 'CARPL')[0]!.message).toContain('T1');
    expect(placeChangeProblems(null, { rne: 'P', placement: 'U4', startDate: '2025-06-01' }, 'CARPL').map((p) => p.field)).toEqual(['reasonPlaceChange']);
  });
  it('is not asked for a temporary move, a change of legal status only, or the first episode', () => {
    expect(placeChangeProblems(open, { rne: 'T', placement: 'T3', startDate: '2025-06-01' }, null)).toEqual([]);
    expect(placeChangeProblems(open, { rne: 'L', placement: 'U4', startDate: '2025-06-01' }, null)).toEqual([]);
    expect(placeChangeProblems(null, { rne: 'S', placement: 'U4', startDate: '2025-06-01' }, null)).toEqual([]);
  });
});

describe('MOTHER and MC_DOB', () => {
  const girl = { sex: 'F', dateOfBirth: '2008-05-01', mother: '1', motherChildDob: '2025-02-01' };
  const today = '2026-11-23';
  it('takes a girl who is a mother with her child\'s date of birth', () => {
    expect(motherProblems(girl, today)).toEqual([]);
    expect(motherProblems({ ...girl, mother: '0', motherChildDob: null }, today)).toEqual([]);
  });
  it('refuses each fault, naming the field', () => {
    expect(motherProblems({ ...girl, motherChildDob: null }, today).map((p) => p.field)).toEqual(['motherChildDob']);
    expect(motherProblems({ ...girl, mother: '0' }, today).map((p) => p.field)).toEqual(['motherChildDob']);
    expect(motherProblems({ ...girl, motherChildDob: '2026-12-01' }, today)[0]!.message).toContain('future');
    expect(motherProblems({ ...girl, motherChildDob: '2018-04-30' }, today)[0]!.message).toContain('before she was 10');
    expect(motherProblems({ ...girl, motherChildDob: '2018-05-01' }, today)).toEqual([]);
    expect(motherProblems({ ...girl, sex: 'M' }, today).map((p) => p.field)).toEqual(['mother', 'motherChildDob']);
  });
  it('reads yes/no and booleans, and a change may clear it', () => {
    expect(parseInput(updateChildInput, { mother: 'yes', motherChildDob: '2025-02-01' })).toMatchObject({ mother: '1' });
    expect(parseInput(updateChildInput, { mother: false }).mother).toBe('0');
    expect(parseInput(updateChildInput, { mother: null, motherChildDob: null })).toMatchObject({ mother: null, motherChildDob: null });
    expect(fields(() => parseInput(updateChildInput, { mother: 'maybe' }))).toEqual(['mother']);
  });
});

describe('previous permanence (rules 632, 633, 635)', () => {
  const ctx = { periodStart: '2025-01-01', dateOfBirth: '2015-01-01', today: '2026-11-23' };
  it('takes an order before the period of care', () => {
    expect(previousPermanenceProblems({ previousOrder: 'P1', laCode: '884', orderDate: '2017-03-01' }, ctx)).toEqual([]);
    expect(previousPermanenceProblems({ previousOrder: 'Z1', laCode: null, orderDate: null }, ctx)).toEqual([]);
  });
  it('refuses LA or date for Z1 and P4, and a date on or after the period of care began', () => {
    expect(previousPermanenceProblems({ previousOrder: 'Z1', laCode: '884', orderDate: null }, ctx).map((p) => p.field)).toEqual(['laCode']);
    expect(previousPermanenceProblems({ previousOrder: 'P4', laCode: null, orderDate: '2017-01-01' }, ctx).map((p) => p.field)).toEqual(['orderDate']);
    expect(previousPermanenceProblems({ previousOrder: 'P2', laCode: '884', orderDate: '2025-01-01' }, ctx)[0]!.message).toContain('632');
  });
  it('takes an LA number, 999 or a country code, and refuses other councils\' codes', () => {
    expect(parseInput(previousPermanenceInput, { previousOrder: 'P2', laCode: '999' }).laCode).toBe('999');
    expect(parseInput(previousPermanenceInput, { previousOrder: 'P2', laCode: 'wal' }).laCode).toBe('WAL');
    expect(fields(() => parseInput(previousPermanenceInput, { previousOrder: 'P2', laCode: 'E06000019' }))).toEqual(['laCode']);
    expect(fields(() => parseInput(previousPermanenceInput, { previousOrder: 'P9' }))).toEqual(['previousOrder']);
  });
});
