// AD1 (adopted in the year) on its own: the six items go together (151), the match follows
// the decision (333) and the adopters' sex codes agree with their number and legal status
// (511, 514, 517–520, 524).

import { report, type Check } from './common.ts';

const ITEMS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const;
const SINGLE: ReadonlySet<string> = new Set(['M1', 'F1']);
const SAME_SEX: ReadonlySet<string> = new Set(['MM', 'FF']);
const COUPLE: ReadonlySet<string> = new Set(['MM', 'FF', 'MF']);
const MF: ReadonlySet<string> = new Set(['MF']);

// LS_ADOPTR → the SEX_ADOPTR codes it allows, and the rule that says so.
const LEGAL_STATUS: ReadonlyMap<string, readonly [rule: string, allowed: ReadonlySet<string>, meaning: string]> = new Map([
  ['L0', ['514', SINGLE, 'a single adopter']],
  ['L11', ['520', MF, 'a married different-sex couple']],
  ['L12', ['524', SAME_SEX, 'a married same-sex couple']],
  ['L2', ['519', COUPLE, 'civil partners']],
  ['L3', ['517', MF, 'an unmarried different-sex couple']],
  ['L4', ['518', SAME_SEX, 'an unmarried same-sex couple']],
]);

/** The first of the six AD1 items that is blank, or null if all are given. */
export function firstBlankItem(values: Record<(typeof ITEMS)[number], string | null>): string | null {
  for (const item of ITEMS) if (values[item] === null) return item;
  return null;
}

export function hasAd1Data(values: Record<(typeof ITEMS)[number], string | null>): boolean {
  for (const item of ITEMS) if (values[item] !== null) return true;
  return false;
}

export function ad1Rules(c: Check): void {
  for (const a of c.ad1) {
    const v = a.row.values;
    const blank = firstBlankItem(v);
    if (blank !== null && hasAd1Data(v)) {
      const given = ITEMS.filter((i) => v[i] !== null).join(', ');
      report(c, a.row, blank, '151', `AD1 items must be all given or all blank: ${given} given but ${blank} is blank.`);
    }
    if (v.DATE_MATCH !== null && v.DATE_INT === null) {
      report(c, a.row, 'DATE_INT', '333', `DATE_MATCH ${v.DATE_MATCH} is given but DATE_INT (the decision that the child should be placed for adoption) is blank.`);
    } else if (a.dateInt !== null && a.dateMatch !== null && a.dateInt > a.dateMatch) {
      report(c, a.row, 'DATE_INT', '333', `DATE_INT ${v.DATE_INT} is after DATE_MATCH ${v.DATE_MATCH}; the decision must come on or before the match.`);
    }
    const sex = v.SEX_ADOPTR;
    if (sex === null) continue;
    if (v.NB_ADOPTR === '2' && SINGLE.has(sex)) {
      report(c, a.row, 'SEX_ADOPTR', '511', `NB_ADOPTR is 2 but SEX_ADOPTR '${sex}' is a single-adopter code; use MM, FF or MF.`);
    }
    const ls = v.LS_ADOPTR === null ? undefined : LEGAL_STATUS.get(v.LS_ADOPTR);
    if (ls !== undefined && !ls[1].has(sex)) {
      const [rule, allowed, meaning] = ls;
      report(c, a.row, 'LS_ADOPTR', rule, `LS_ADOPTR '${v.LS_ADOPTR}' (${meaning}) needs SEX_ADOPTR ${[...allowed].join(' or ')}, not '${sex}'.`);
    }
  }
}
