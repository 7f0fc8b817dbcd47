// What the children pages share: the code lists by the names the templates use, the milestone
// codes as one select, and milestones for the MoJ timeline.
import { MILESTONE_TYPES, PLACEMENTS, REASONS_CEASED, REVERSAL_REASONS, ETHNICITIES, LEGAL_STATUSES, NEED_CATEGORIES, PLACEMENT_PROVIDERS, RNE, SEXES, WAITING_REASONS } from '../codes.ts';
import type { Item } from '../../core/http/forms.ts';
import type { Milestone } from '../model.ts';
import { STAGES, WAITING_FACTORS } from '../model.ts';

/** Every code list a child's pages show, by the name the templates use. */
export const LABELS = {
  stages: STAGES, factors: WAITING_FACTORS, sexes: SEXES, ethnicities: ETHNICITIES, legalStatuses: LEGAL_STATUSES,
  placements: PLACEMENTS, providers: PLACEMENT_PROVIDERS, rne: RNE, reasonsCeased: REASONS_CEASED,
  waitingReasons: WAITING_REASONS, needs: NEED_CATEGORIES, milestones: MILESTONE_TYPES,
};

/** The codes a milestone may carry, by the type that takes them. */
const MILESTONE_CODES: { type: keyof typeof MILESTONE_TYPES; codes: Record<string, string> }[] = [
  { type: 'placement-order', codes: { order: 'Placement order (court authority to place)', consent: 'Consent to placement (section 19)' } },
  { type: 'early-permanence', codes: { ffa: 'Fostering for adoption', concurrent: 'Concurrent planning' } },
  { type: 'placed-for-adoption', codes: { A3: PLACEMENTS.A3, A4: PLACEMENTS.A4, A5: PLACEMENTS.A5, A6: PLACEMENTS.A6 } },
  { type: 'adoption-order', codes: { E11: REASONS_CEASED.E11, E12: REASONS_CEASED.E12 } },
  { type: 'plan-reversed', codes: REVERSAL_REASONS },
];

const milestoneCodeLabel = (code: string) => MILESTONE_CODES.map((g) => g.codes[code]).find(Boolean);

/** One select for the milestone's code, each option saying which milestone it belongs to. */
export const MILESTONE_CODE_ITEMS: Item[] = [
  { value: '', text: 'No code' },
  ...MILESTONE_CODES.flatMap((g) => Object.entries(g.codes).map(([value, label]) => ({
    value, text: `${MILESTONE_TYPES[g.type]} – ${/^[A-Z]+\d+$/.test(value) ? `${value}: ` : ''}${label}`,
  }))),
];

/** Milestones for the MoJ timeline, newest first. */
export function timelineItems(milestones: readonly Milestone[]) {
  return [...milestones].reverse().map((m) => {
    const code = m.code ? milestoneCodeLabel(m.code) : undefined;
    const text = [code && (/^[A-Z]+\d+$/.test(m.code!) ? `${m.code}: ${code}` : code), m.notes].filter(Boolean).join('. ');
    return {
      label: { text: MILESTONE_TYPES[m.type] },
      text,
      // No `type`: the timeline then formats the date with the service's own `date` filter.
      datetime: { timestamp: m.date },
      ...(m.recordedByName ? { byline: { text: m.recordedByName } } : {}),
    };
  });
}
