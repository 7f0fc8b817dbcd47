// The inter-agency fee (DOMAIN.md §2): paid by the child's council to the adopters' agency when
// the household belongs to an agency other than the one delivering the child's family finding.
// Between councils and regional adoption agencies the rate agreed in 2011 (£27,000, with 10%
// London weighting); a voluntary agency's rate is set each financial year, with rates for
// sibling groups. Rates are data (inter_agency_fee_rate); these rules pick one. Pure.

export interface FeeRate {
  financialYear: number;
  children: number;
  amountPence: number;
  londonWeightingPercent: number;
}

export interface Fee {
  financialYear: number;
  children: number;
  amountPence: number;
  londonWeighting: boolean;
  /** What the figure rests on, in words for the match's page. */
  basis: string[];
}

/** The financial year a date falls in, by the year it starts (2026-03-31 → 2025). */
export function financialYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '04-01' ? year : year - 1;
}

export const yearLabel = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

/**
 * Whether a match pays a fee: not when the household is the child's council's own, or that of
 * whoever delivers the council's family finding, or of a partnership the council belongs to (its
 * own regional adoption agency).
 */
export function paysFee(m: { householdOwnerId: string; placingAuthorityId: string; familyFindingBy: string; councilPartnerships: readonly string[] }): boolean {
  return m.householdOwnerId !== m.placingAuthorityId && m.householdOwnerId !== m.familyFindingBy && !m.councilPartnerships.includes(m.householdOwnerId);
}

/**
 * The fee for a group of `children` placed in a financial year, from the rates held at or before
 * it (latest year first). A sibling-group rate is used where one is held for the year (3 means
 * three or more); otherwise the single-child rate for each child. London weighting applies when
 * the adopters' agency is in London.
 */
export function feeFor(rates: readonly FeeRate[], p: { financialYear: number; children: number; london: boolean; providerLabel: string }): Fee | null {
  const held = rates.filter((r) => r.financialYear <= p.financialYear);
  if (held.length === 0) return null;
  const year = Math.max(...held.map((r) => r.financialYear));
  const ofYear = held.filter((r) => r.financialYear === year);
  const basis: string[] = [];
  if (year !== p.financialYear) basis.push(`No ${p.providerLabel} rate is held for ${yearLabel(p.financialYear)}: the ${yearLabel(year)} rate is used`);
  const band = Math.min(p.children, 3);
  const group = p.children > 1 ? ofYear.find((r) => r.children === band) : undefined;
  const single = ofYear.find((r) => r.children === 1);
  let amount: number;
  let weighting: number;
  if (group) {
    amount = group.amountPence;
    weighting = group.londonWeightingPercent;
    basis.push(`The ${p.providerLabel} rate for ${band === 3 ? 'three or more children' : 'two children'} in ${yearLabel(year)}`);
  } else if (single) {
    amount = single.amountPence * p.children;
    weighting = single.londonWeightingPercent;
    basis.push(p.children > 1
      ? `No sibling-group rate is held for ${yearLabel(year)}: ${p.children} × the single-child ${p.providerLabel} rate`
      : `The single-child ${p.providerLabel} rate in ${yearLabel(year)}`);
  } else {
    return null;
  }
  const london = p.london && weighting > 0;
  if (london) {
    amount = Math.round(amount * (100 + weighting) / 100);
    basis.push(`London weighting of ${weighting}%`);
  }
  return { financialYear: year, children: p.children, amountPence: amount, londonWeighting: london, basis };
}

export const pounds = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

/** A recorded fee as a page shows it. */
export function formatFee(f: { amountPence: number; financialYear: number; children: number; londonWeighting: boolean; payerName: string; payeeName: string; providerKind: string }) {
  return {
    amount: pounds(f.amountPence), year: yearLabel(f.financialYear), children: f.children, londonWeighting: f.londonWeighting, payer: f.payerName, payee: f.payeeName,
    kind: f.providerKind === 'vaa' ? 'Voluntary adoption agency rate' : 'Council and regional adoption agency rate',
  };
}
