import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  confirmsNotDuplicate, fullNamesAlike, identifyingUpn, initialsFor, jaroWinkler, likelyDuplicates, LikelyDuplicatesError, matchReasons, namesAlike,
  nameWords, phoneticKeys,
} from './likely-duplicates.ts';

describe('names as compared', () => {
  it('drops accents, case, apostrophes and punctuation, and splits into words', () => {
    expect(nameWords("  Zoë O'Brien-Smith ")).toEqual(['zoe', 'obrien', 'smith']);
    expect(nameWords('José')).toEqual(['jose']);
    expect(nameWords('1234')).toEqual([]);
  });

  it('keys names that sound alike to the same Double Metaphone code', () => {
    expect([...phoneticKeys('Smith')].some((k) => phoneticKeys('Smyth').has(k))).toBe(true);
    expect([...phoneticKeys('Catherine')].some((k) => phoneticKeys('Kathryn').has(k))).toBe(true);
    expect([...phoneticKeys('Smith')].some((k) => phoneticKeys('Jones').has(k))).toBe(false);
  });
});

describe('Jaro–Winkler similarity', () => {
  it('is 1 for the same, 0 for nothing in common, and the textbook values between', () => {
    expect(jaroWinkler('martha', 'martha')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
  });

  it('is symmetric and between 0 and 1', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
      const s = jaroWinkler(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1 + 1e-12);
      expect(Math.abs(s - jaroWinkler(b, a))).toBeLessThan(1e-12);
    }));
  });
});

describe('names alike', () => {
  it.each([
    ['Smith', 'Smyth'], ['Catherine', 'Kathryn'], ['Sam', 'Samantha'], ['Alex', 'Alexander'], ['Macdonald', 'MacDonald'],
    ['Thompson', 'Thomson'], ['Smith-Jones', 'Jones'], ['Zoë', 'Zoe'], ['Stephen', 'Steven'], ['Jon', 'John'],
  ])('%s and %s are alike', (a, b) => {
    expect(namesAlike(a, b)).toBe(true);
    expect(namesAlike(b, a)).toBe(true);
  });

  it.each([['Smith', 'Jones'], ['Ava', 'Ella'], ['Oliver', 'Harry'], ['Li', 'Patel'], ['', 'Smith'], ['123', '123']])('%s and %s are not', (a, b) => {
    expect(namesAlike(a, b)).toBe(false);
  });

  it('compares first with first and last with last, or the two swapped', () => {
    expect(fullNamesAlike({ firstName: 'Jon', lastName: 'Smyth' }, { firstName: 'John', lastName: 'Smith' })).toBe(true);
    expect(fullNamesAlike({ firstName: 'Smith', lastName: 'John' }, { firstName: 'John', lastName: 'Smith' })).toBe(true);
    expect(fullNamesAlike({ firstName: 'Ava', lastName: 'Smith' }, { firstName: 'Ella', lastName: 'Smith' })).toBe(false);
  });
});

describe('UPNs and emails', () => {
  it('treats UN1 to UN5 (no UPN) as identifying no one', () => {
    expect(identifyingUpn('un2')).toBeNull();
    expect(identifyingUpn(' a123456789012 ')).toBe('A123456789012');
    expect(identifyingUpn(null)).toBeNull();
    expect(matchReasons({ firstName: 'A', lastName: 'B', upn: 'UN1' }, { firstName: 'C', lastName: 'D', upn: 'UN1' })).toEqual([]);
  });
});

describe('why a record is likely the same person', () => {
  const ava = { firstName: 'Ava', lastName: 'Smith', dateOfBirth: '2022-03-14' };

  it('same date of birth and a similar name', () => {
    expect(matchReasons(ava, { firstName: 'Eva', lastName: 'Smyth', dateOfBirth: '2022-03-14' })).toEqual(['date-of-birth-and-name']);
  });

  it('not a similar name born on another day, nor another name born the same day', () => {
    expect(matchReasons(ava, { firstName: 'Ava', lastName: 'Smith', dateOfBirth: '2022-03-15' })).toEqual([]);
    expect(matchReasons(ava, { firstName: 'Ella', lastName: 'Smith', dateOfBirth: '2022-03-14' })).toEqual([]);
  });

  it('a similar name where either date of birth is missing', () => {
    expect(matchReasons({ firstName: 'Jon', lastName: 'Smyth' }, { firstName: 'John', lastName: 'Smith', dateOfBirth: null })).toEqual(['name']);
    expect(matchReasons(ava, { firstName: 'Ava', lastName: 'Smith', dateOfBirth: null })).toEqual(['name']);
  });

  it('the same UPN or email, whatever the name', () => {
    expect(matchReasons({ ...ava, upn: 'A123456789012' }, { firstName: 'Zed', lastName: 'Other', dateOfBirth: '2019-01-01', upn: 'a123456789012' })).toEqual(['upn']);
    expect(matchReasons({ firstName: 'Sam', lastName: 'Taylor', email: 'Sam@Example.com ' }, { firstName: 'Alex', lastName: 'Brown', email: 'sam@example.com' })).toEqual(['email']);
    expect(matchReasons({ ...ava, upn: 'A123456789012' }, { ...ava, upn: 'A123456789012' })).toEqual(['upn', 'date-of-birth-and-name']);
  });
});

describe('likely duplicates of a registration', () => {
  it('keeps only the likely ones, strongest reason first, then the most alike names, at most the limit', () => {
    const wanted = { firstName: 'Ava', lastName: 'Smith', dateOfBirth: '2022-03-14', upn: 'A123456789012' };
    const candidates = [
      { id: 'twin', firstName: 'Ella', lastName: 'Smith', dateOfBirth: '2022-03-14', upn: null },
      { id: 'smyth', firstName: 'Eva', lastName: 'Smyth', dateOfBirth: '2022-03-14', upn: null },
      { id: 'same', firstName: 'Ava', lastName: 'Smith', dateOfBirth: '2022-03-14', upn: null },
      { id: 'upn', firstName: 'Noah', lastName: 'Brown', dateOfBirth: '2018-01-01', upn: 'A123456789012' },
    ];
    const found = likelyDuplicates(wanted, candidates);
    expect(found.map((d) => [d.record.id, d.reasons])).toEqual([['upn', ['upn']], ['same', ['date-of-birth-and-name']], ['smyth', ['date-of-birth-and-name']]]);
    expect(likelyDuplicates(wanted, candidates, 1).map((d) => d.record.id)).toEqual(['upn']);
    expect(likelyDuplicates(wanted, [])).toEqual([]);
  });

  it('puts the name as typed first among names that compare the same', () => {
    const wanted = { firstName: 'Ann', lastName: 'Lee7', dateOfBirth: '2020-01-01' };
    const candidates = ['Lee1', 'Lee7', 'Lee70'].map((lastName) => ({ firstName: 'Ann', lastName, dateOfBirth: '2020-01-01' }));
    expect(likelyDuplicates(wanted, candidates).map((d) => d.record.lastName)).toEqual(['Lee7', 'Lee70', 'Lee1']);
  });

  it('finds a record likely the same as itself, whatever its name', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => nameWords(s).length > 0), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => nameWords(s).length > 0), (firstName, lastName) => {
      const p = { firstName, lastName, dateOfBirth: '2020-01-01' };
      expect(likelyDuplicates(p, [p])).toHaveLength(1);
    }));
  });
});

describe('narrowing by initial', () => {
  it('gives the initials of each word and the letters that sound alike', () => {
    expect(initialsFor('Kohl').sort()).toEqual(['c', 'k']);
    expect(initialsFor('Smith-Jones').sort()).toEqual(['g', 'j', 's', 'z']);
  });
});

describe('confirming it is not a duplicate', () => {
  it('takes JSON true or a form\'s yes, and nothing else', () => {
    expect(confirmsNotDuplicate({ confirmNotDuplicate: true })).toBe(true);
    expect(confirmsNotDuplicate({ confirmNotDuplicate: 'yes' })).toBe(true);
    expect(confirmsNotDuplicate({ confirmNotDuplicate: false })).toBe(false);
    expect(confirmsNotDuplicate({ confirmNotDuplicate: 'no' })).toBe(false);
    expect(confirmsNotDuplicate(null)).toBe(false);
  });

  it('says how many were found', () => {
    expect(new LikelyDuplicatesError([1], ['child', 'children']).message).toMatch(/^A child that may be the same has already been registered/);
    expect(new LikelyDuplicatesError([1, 2], ['child', 'children']).message).toMatch(/^2 children that may be the same have/);
  });
});
