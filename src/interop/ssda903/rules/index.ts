// The DfE validation rules for the adoption-related parts of an SSDA903 return, applied one
// child at a time (DOMAIN.md §4 and its appendix). validateChild sees only one child's rows,
// so a whole return costs one pass; each row's dates are parsed once (common.ts prepare).

import type { ChildGroup, Finding } from '../model.ts';
import { ad1Rules } from './ad1.ts';
import { changeRules } from './changes.ts';
import { prepare, type RuleContext } from './common.ts';
import { crossRules } from './cross.ts';
import { episodeRules } from './episodes.ts';
import { formatRules } from './format.ts';
import { headerRules } from './header.ts';
import { placedRules } from './placed.ts';
import { placementRules } from './placements.ts';
import { prevPermRules } from './prevperm.ts';
import { previousRules } from './previous.ts';
import { structureRules } from './structure.ts';

export type { RuleContext } from './common.ts';
export { RULES, rulesFor, yearsText, LEFT_OUT, type RuleInfo } from './catalogue.ts';

export function validateChild(group: ChildGroup, ctx: RuleContext): Finding[] {
  const c = prepare(group, ctx);
  formatRules(c);
  structureRules(c);
  headerRules(c);
  ad1Rules(c);
  placedRules(c);
  episodeRules(c);
  placementRules(c);
  changeRules(c);
  prevPermRules(c);
  crossRules(c);
  previousRules(c);
  return c.out;
}
