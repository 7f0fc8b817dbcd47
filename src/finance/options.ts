// The options appraisal (business case §4–6), pure: the four revised operating models compared on
// the same figures — today's direct costs, what placing one more child per service saves, what
// selling surplus adopters earns, and what the transition costs. Where the business case says a
// cost is not known (Options 3 and 4 until Option 2 has run), the appraisal says so rather than
// inventing one.

export interface OperatingOption {
  number: 1 | 2 | 3 | 4;
  title: string;
  /** What the business case says it costs to deliver. */
  costBasis: string;
  /** Whether the councils' adopters are shared, which is where the placement saving comes from. */
  sharesAdopters: boolean;
  /** Whether the cost to deliver is known from today's budgets. */
  costKnown: boolean;
  /** Whether it carries the temporary Transformation Manager. */
  transformation: boolean;
  verdict: string;
}

export const OPTIONS: readonly OperatingOption[] = [
  {
    number: 1, title: 'Do nothing: each council keeps its own service, procuring third parties independently',
    costBasis: 'Today\'s direct costs', sharesAdopters: false, costKnown: true, transformation: false,
    verdict: 'Not viable: negligible benefits, and it would not meet the adoption reform agenda.',
  },
  {
    number: 2, title: 'Some functions in a single service hosted by a lead council; the rest kept by each council',
    costBasis: 'Today\'s direct costs, pooled for the combined functions, plus a Transformation Manager from the councils\' Adoption Reform Grant', sharesAdopters: true, costKnown: true, transformation: true,
    verdict: 'Preferred for 2014/15, as a first phase towards Option 3.',
  },
  {
    number: 3, title: 'A single adoption service for all functions, hosted by a lead council',
    costBasis: 'Not known until Option 2 is in place', sharesAdopters: true, costKnown: false, transformation: true,
    verdict: 'To follow in 2016/17 if the evidence supports it; too many risks to go straight to it.',
  },
  {
    number: 4, title: 'Contract out all adoption services on a not-for-profit basis',
    costBasis: 'Not known: the market is untested', sharesAdopters: true, costKnown: false, transformation: false,
    verdict: 'A longer-term option: too big a step now.',
  },
];

export interface AppraisalInputs {
  /** Today's direct costs over the services (establishment and operational). */
  directCostsPence: number;
  /** A year's foster care avoided by placing one more child per service (model.ts costsAvoided). */
  costsAvoidedPence: number;
  /** The inter-agency fee for the year, and how many placements the pooled adopters are assumed to sell. */
  feePence: number;
  placementsSold: number;
  /** A year of the Transformation Manager. */
  transformationPence: number;
}

export interface AppraisalRow {
  option: OperatingOption;
  /** Null where the business case says the cost is not known. */
  costPence: number | null;
  savingPence: number;
  incomePence: number;
  /** Cost less saving and income; null when the cost is not known. */
  netPence: number | null;
}

export function appraise(inputs: AppraisalInputs): AppraisalRow[] {
  return OPTIONS.map((option) => {
    const costPence = option.costKnown ? inputs.directCostsPence + (option.transformation ? inputs.transformationPence : 0) : null;
    const savingPence = option.sharesAdopters ? inputs.costsAvoidedPence : 0;
    const incomePence = option.sharesAdopters ? inputs.feePence * inputs.placementsSold : 0;
    return { option, costPence, savingPence, incomePence, netPence: costPence === null ? null : costPence - savingPence - incomePence };
  });
}
