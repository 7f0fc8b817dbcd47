import { describe, expect, it } from 'vitest';
import { yearEnding } from '../model.ts';
import { RULES, rulesFor, validateChild, yearsText } from './index.ts';
import { CHILD, adoptedChild, context, expectFinding, expectNone, ofRule, rows, run } from './testkit.ts';

describe('a fully valid adopted child', () => {
  it.each([2023, 2025, 2026, 2027])('gives no findings in the year ending %i', (endYear) => {
    expect(validateChild(adoptedChild(endYear), context(endYear))).toEqual([]);
  });

  it('gives no findings in 2023/24 either (sex coded 1/2)', () => {
    expect(validateChild(adoptedChild(2024), context(2024))).toEqual([]);
  });

  it('gives no findings when last year shows the same decision still open', () => {
    const previous = new Map([[CHILD, rows('PlacedAdoption', CHILD, [{ DOB: '01/06/2021', DATE_PLACED: '01/12/2022' }])]]);
    expect(validateChild(adoptedChild(2025), context(2025, previous))).toEqual([]);
  });

  it('finds problems in a changed copy (the valid case is not vacuous)', () => {
    const findings = run(2025, (g) => { g.ad1[0]!.values.FOSTER_CARE = '1'; });
    expectFinding(findings, { rule: '335', table: 'AD1', line: 2, column: 'FOSTER_CARE' });
  });
});

describe('codes that differ between years', () => {
  it('accepts K3 in 2024/25 but not in 2023/24 (rule 146)', () => {
    const edit = (g: ReturnType<typeof adoptedChild>) => { g.episodes[0]!.values.PLACE = 'K3'; };
    expectNone(run(2025, edit), '146');
    expectFinding(run(2024, edit), { rule: '146', table: 'Episodes', line: 2, column: 'PLACE' });
  });

  it('rejects Z1 from 2025/26 (replaced by Z11–Z14) but accepts it in 2024/25', () => {
    const edit = (g: ReturnType<typeof adoptedChild>) => { g.episodes[0]!.values.PLACE = 'Z1'; };
    expectNone(run(2025, edit), '146');
    const findings = run(2026, edit);
    expectFinding(findings, { rule: '146', table: 'Episodes', line: 2, column: 'PLACE' });
    expect(ofRule(findings, '146')[0]!.message).toContain("'Z1'");
    expectNone(run(2026, (g) => { g.episodes[0]!.values.PLACE = 'Z12'; }), '146');
  });

  it("accepts SEX '1' in 2023/24 but not in 2024/25 (rule 101)", () => {
    const edit = (g: ReturnType<typeof adoptedChild>) => { g.header[0]!.values.SEX = '1'; };
    expectNone(run(2024, edit), '101');
    expectFinding(run(2025, edit), { rule: '101', table: 'Header', line: 2, column: 'SEX' });
    expectFinding(run(2024, (g) => { g.header[0]!.values.SEX = 'M'; }), { rule: '101', table: 'Header', line: 2, column: 'SEX' });
  });
});

describe('RULES', () => {
  it('lists each rule once, with a description and a severity', () => {
    const names = RULES.map((r) => r.rule);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RULES) {
      expect(r.description.length).toBeGreaterThan(10);
      expect(['error', 'warning']).toContain(r.severity);
    }
  });

  it('marks the "should" rules as warnings and the others as errors', () => {
    const warnings = RULES.filter((r) => r.severity === 'warning').map((r) => r.rule).sort();
    expect(warnings).toEqual(['1012', '209', '222', '336', '558', '582', '630']);
  });

  it('includes the rules the brief names, and not the skipped OC3 rules', () => {
    const names = new Set(RULES.map((r) => r.rule));
    for (const rule of ['112', '113', '114', '115', '116', '117', '118', '119', '120', '151', '175', '176', '177', '184', '199', '217', '331', '333', '334', '335', '336', '386', '390', '408', '432', '446', '511', '514', '516', '517', '518', '519', '520', '521', '522', '523', '524', '525', '529', '551', '552', '553', '554', '557', '558', '559', '560', '561', '563', '579', '582', '583', '584', '601', '602', '1003', '1012', '144', '146', '149', 'INT01', 'INT02', 'INT11', 'INT12', 'INT31', 'FORMAT']) {
      expect(names.has(rule), rule).toBe(true);
    }
    expect(names.has('187')).toBe(false);
    expect(names.has('134')).toBe(false);
  });

  it('includes the Episodes, Header and PrevPerm rules of issue 16', () => {
    const names = new Set(RULES.map((r) => r.rule));
    for (const rule of ['145', '178', '213', '218', '222', '225', '233', '302', '378', '379', '380', '381', '382', '383', '392b', '393', '442', '501', '504', '607', '625', '630', '632']) {
      expect(names.has(rule), rule).toBe(true);
    }
  });

  it('applies each rule only in its years: 233 and 234 from 2025/26', () => {
    expect(rulesFor(2025).map((r) => r.rule)).not.toContain('233');
    expect(rulesFor(2026).map((r) => r.rule)).toContain('233');
    expect(rulesFor(2027).map((r) => r.rule)).toContain('234');
    expect(yearsText(RULES.find((r) => r.rule === '233')!)).toBe('2025/26 onwards');
    expect(yearsText(RULES.find((r) => r.rule === '501')!)).toBe('2022/23 onwards');
    for (const r of RULES) expect(r.tables.length, r.rule).toBeGreaterThan(0);
  });
});

// How fast the rules run is measured by the bench (`mercia bench --only 903`, "rules"), not here.
describe('many children in a row', () => {
  it('gives no findings for 5,000 valid children of four episodes each: nothing carries over from one child to the next', () => {
    const ctx = { year: yearEnding(2025), previous: null };
    let findings = 0;
    for (let i = 0; i < 5000; i++) {
      const g = adoptedChild(2025);
      // a fourth, earlier episode so the return holds ~4 episodes per child
      // (it ends with the move to the next placement, so it carries the reason: rule 225)
      g.episodes.unshift({ ...g.episodes[0]!, line: 1, values: { ...g.episodes[0]!.values, PLACE: 'U6', DECOM: '01/03/2022', DEC: '01/05/2022', REC: 'X1', REASON_PLACE_CHANGE: 'CHILD' } });
      g.episodes[1]!.values.RNE = 'P';
      findings += validateChild({ ...g, child: String(i) }, ctx).length;
    }
    expect(findings).toBe(0);
  });
});
