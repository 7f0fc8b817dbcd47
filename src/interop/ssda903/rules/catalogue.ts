// Every rule this validator applies, in plain English for the report page, with its severity.
// Rule numbers are the DfE's (DOMAIN.md appendix; the public validator
// data-to-insight/csc-validator-be-903 for the exact conditions). 'FORMAT' covers checks
// with no DfE number that Mercia needs before it can store a child. Rules whose DfE text
// says "should" are warnings; the rest are errors.

import type { Severity } from '../model.ts';

export interface RuleInfo {
  rule: string;
  description: string;
  severity: Severity;
}

const e = (rule: string, description: string): RuleInfo => ({ rule, description, severity: 'error' });
const w = (rule: string, description: string): RuleInfo => ({ rule, description, severity: 'warning' });

export const RULES: readonly RuleInfo[] = [
  // formats and code lists
  e('FORMAT', 'Dates are real dd/mm/yyyy dates; DECOM and RNE are given; UPN has the DfE form; codes with no DfE number (PLACE_PROVIDER, REASON_PLACE_CHANGE, MOTHER) are in the year\'s list; one Header row per child; episodes have distinct start dates, DEC and REC together, and do not overlap.'),
  e('101', 'Sex is given and valid for the collection year (1/2 until 2023/24, M/F/U from 2024/25).'),
  e('102', 'Date of birth in Header is given and is a valid date.'),
  e('103', 'Ethnicity is given and is a valid code.'),
  e('112', 'AD1 DATE_INT, if given, is a valid date.'),
  e('113', 'AD1 DATE_MATCH, if given, is a valid date.'),
  e('114', 'AD1 FOSTER_CARE is 0 or 1.'),
  e('115', 'DATE_PLACED, if given, is a valid date.'),
  e('116', 'DATE_PLACED_CEASED, if given, is a valid date.'),
  e('120', 'REASON_PLACED_CEASED is RD1–RD4.'),
  e('143', 'Reason for new episode (RNE) is a valid code.'),
  e('144', 'Legal status (LS) is a valid code.'),
  e('145', 'Category of need (CIN) is a valid code.'),
  e('146', 'Placement type (PLACE) is valid for the collection year.'),
  e('149', 'Reason episode ceased (REC) is a valid code.'),
  e('175', 'AD1 NB_ADOPTR is 1 or 2.'),
  e('176', 'AD1 SEX_ADOPTR is M1, F1, MM, FF or MF.'),
  e('177', 'AD1 LS_ADOPTR is L0, L11, L12, L2, L3 or L4.'),
  e('631', 'Previous permanence (PREV_PERM) is P1–P4 or Z1.'),
  // structure and integrity
  e('356', 'An episode does not cease (DEC) before it starts (DECOM).'),
  e('INT01', 'Every child in AD1 is in Header.'),
  e('INT02', 'Every child in PlacedAdoption is in Header.'),
  e('INT03', 'Every child in Episodes is in Header.'),
  e('INT07', 'Every child in PrevPerm is in Header.'),
  e('INT11', 'The DOB in AD1 equals the DOB in Header.'),
  e('INT12', 'The DOB in PlacedAdoption equals the DOB in Header.'),
  e('INT16', 'The DOB in PrevPerm equals the DOB in Header.'),
  e('INT31', 'A child has at most one AD1 row.'),
  // AD1
  e('151', 'The six AD1 items are all given or all blank.'),
  e('333', 'If the match date is given, the decision date (DATE_INT) is given and on or before it.'),
  e('511', 'Two adopters cannot have a single-adopter sex code (M1/F1).'),
  e('514', 'A single adopter (L0) has SEX_ADOPTR M1 or F1.'),
  e('517', 'An unmarried different-sex couple (L3) has SEX_ADOPTR MF.'),
  e('518', 'An unmarried same-sex couple (L4) has SEX_ADOPTR MM or FF.'),
  e('519', 'Civil partners (L2) have a couple code (MM, FF or MF).'),
  e('520', 'A married different-sex couple (L11) has SEX_ADOPTR MF.'),
  e('524', 'A married same-sex couple (L12) has SEX_ADOPTR MM or FF.'),
  // PlacedAdoption
  e('119', 'DATE_PLACED_CEASED and REASON_PLACED_CEASED are both given or both blank.'),
  e('184', 'The decision to place for adoption (DATE_PLACED) is not before the child\'s date of birth.'),
  e('522', 'DATE_PLACED is on or before DATE_PLACED_CEASED.'),
  e('563', 'A decision that ceased also has a DATE_PLACED.'),
  e('579', 'A new decision to place for adoption does not start while the previous one is open, or before it ceased.'),
  e('583', 'When a child has several decisions, all but the latest have a ceased date.'),
  // AD1 with PlacedAdoption
  e('523', 'AD1 DATE_INT equals DATE_PLACED (checked against every decision row of the child).'),
  e('525', 'A child whose decision to place for adoption ceased has no AD1 data.'),
  // with Episodes
  e('117', 'DATE_PLACED and DATE_PLACED_CEASED are not after the collection end, nor after the DEC of the latest episode that did not end X1.'),
  e('118', 'DATE_PLACED_CEASED is not before the collection start, nor before the start of the earliest episode with LS other than V3/V4.'),
  e('1003', 'DATE_PLACED is not before the start of the child\'s first episode with RNE S.'),
  e('551', 'A child placed for adoption (A3–A6) has a DATE_PLACED.'),
  e('552', 'The latest DATE_PLACED is on or before the start of the first A3–A6 placement.'),
  e('553', 'A child with a placement order (LS E1) has a decision row; while an E1 episode is open the decision shows no ceased date or reason.'),
  e('554', 'DATE_PLACED is on or before the start of the first LS E1 episode.'),
  e('557', 'A child in an A3–A6 placement or on LS E1 (D1 until 2023/24) who left care other than by adoption (REC not E11/E12/X1) has a ceased date and reason on every decision row.'),
  w('558', 'An adopted child (E11/E12) should still have an open decision to place for adoption (Mercia checks the latest decision).'),
  e('334', 'AD1 DATE_INT is on or after the start of the latest period of care (latest RNE S).'),
  e('521', 'AD1 DATE_INT is on or before the start of every A3–A6 placement.'),
  e('331', 'AD1 DATE_MATCH is on or before the start of the episode that ended in adoption (E11/E12).'),
  w('582', 'The date of adoption (DEC of an E11/E12 episode) should not equal the match date.'),
  e('335', 'FOSTER_CARE agrees with the adoptive placement: 1 with A3/A5, 0 with A4/A6.'),
  e('601', 'A child adopted in the year who has an AD1 row has all six AD1 items.'),
  e('602', 'A child with AD1 data has an episode ending E11/E12 in the collection year.'),
  w('1012', 'A child with no episodes in the year should have no AD1, PlacedAdoption or PrevPerm rows.'),
  // Episodes
  e('390', 'An episode ending in adoption (E11/E12) is an A3–A6 placement.'),
  e('386', 'Adoption (E11/E12) happens before the child\'s 18th birthday.'),
  e('199', 'A child adopted earlier in this return has no later episodes (and is not adopted twice).'),
  e('408', 'An A5/A6 placement (with a placement order) has LS E1.'),
  e('217', 'An A3/A5 placement (with the current foster carer) starting on or after 01/04/2015 has RNE S, T or U.'),
  w('336', 'An A3/A4 placement (other than the first episode) should follow an A3–A6 or U1–U6 placement.'),
  e('529', 'Provider PR3 is not used with placements A3–A6, K1, K2, P1 or U1–U6.'),
  e('432', 'After an episode that ended with the child leaving care, the next episode has RNE S.'),
  e('446', 'LS E1 is not used for episodes starting before 01/12/2005.'),
  e('516', 'An episode ending E45 or E46 (SGO to former foster carers) is a U1–U6 placement.'),
  // last year's return
  e('559', 'A DATE_PLACED before the collection start also appears in last year\'s return.'),
  e('560', 'A decision still open at the end of last year appears this year with the same DATE_PLACED.'),
  e('561', 'A decision that ceased last year is not returned again this year.'),
  e('584', 'After a decision ceased last year, this year\'s DATE_PLACED is later than it.'),
];

export const SEVERITY: ReadonlyMap<string, Severity> = new Map(RULES.map((r) => [r.rule, r.severity]));
