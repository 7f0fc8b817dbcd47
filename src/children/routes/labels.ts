// What the children pages share: the code lists by the names the templates use, the milestone
// codes as one select, and milestones for the MoJ timeline.
import {
  CATEGORIES_OF_NEED, MILESTONE_CODES, MILESTONE_TYPES, PLACEMENTS, PREVIOUS_PERMANENCE, REASONS_CEASED, REASONS_PLACE_CHANGE, ETHNICITIES, LEGAL_STATUSES,
  NEED_CATEGORIES, PLACEMENT_PROVIDERS, RNE, SEXES, WAITING_REASONS,
} from '../codes.ts';
import type { Item } from '../../core/http/forms.ts';
import { STAGES, WAITING_FACTORS } from '../model.ts';

/** Every code list a child's pages show, by the name the templates use. */
export const LABELS = {
  stages: STAGES, factors: WAITING_FACTORS, sexes: SEXES, ethnicities: ETHNICITIES, legalStatuses: LEGAL_STATUSES,
  placements: PLACEMENTS, providers: PLACEMENT_PROVIDERS, rne: RNE, reasonsCeased: REASONS_CEASED,
  waitingReasons: WAITING_REASONS, needs: NEED_CATEGORIES, milestones: MILESTONE_TYPES,
  categoriesOfNeed: CATEGORIES_OF_NEED, reasonsPlaceChange: REASONS_PLACE_CHANGE, previousPermanence: PREVIOUS_PERMANENCE,
};

/** One select for the milestone's code, each option saying which milestone it belongs to. */
export const MILESTONE_CODE_ITEMS: Item[] = [
  { value: '', text: 'No code' },
  ...MILESTONE_CODES.flatMap((g) => Object.entries(g.codes).map(([value, label]) => ({
    value, text: `${MILESTONE_TYPES[g.type]} – ${/^[A-Z]+\d+$/.test(value) ? `${value}: ` : ''}${label}`,
  }))),
];
