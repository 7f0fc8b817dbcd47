// Every rule this validator applies, in plain English for the report page, the CLI's
// `mercia rules 903` and the catalogue page: its tables, its severity and the collection
// years it applies in. Rule numbers are the DfE's (DOMAIN.md appendix; the public validator
// data-to-insight/csc-validator-be-903 for the exact conditions). 'FORMAT' covers checks
// with no DfE number that Mercia needs before it can store a child. Rules whose DfE text
// says "should" are warnings; the rest are errors.

import { SUPPORTED_END_YEARS, yearEnding, type Severity, type TableName } from '../model.ts';

export interface RuleInfo {
  rule: string;
  /** The tables whose fields the rule reads (the first is where it is usually reported). */
  tables: readonly TableName[];
  description: string;
  severity: Severity;
  /** First collection year it applies in, as the year the collection ends (2026 for 2025/26); null: every year Mercia knows. */
  from: number | null;
  /** Last collection year it applies in; null: still in force. */
  to: number | null;
}

type Years = { from?: number; to?: number };
const H: readonly TableName[] = ['Header'];
const E: readonly TableName[] = ['Episodes'];
const HE: readonly TableName[] = ['Header', 'Episodes'];
const A: readonly TableName[] = ['AD1'];
const P: readonly TableName[] = ['PlacedAdoption'];
const PP: readonly TableName[] = ['PrevPerm'];

function rule(severity: Severity, id: string, tables: readonly TableName[], description: string, years: Years = {}): RuleInfo {
  return { rule: id, tables, description, severity, from: years.from ?? null, to: years.to ?? null };
}
const e = (id: string, tables: readonly TableName[], description: string, years?: Years) => rule('error', id, tables, description, years);
const w = (id: string, tables: readonly TableName[], description: string, years?: Years) => rule('warning', id, tables, description, years);

/** What Mercia does where a DfE rule needs postcode or Ofsted reference data that Mercia does not hold. */
export const POSTCODE_NOTE = 'Mercia holds no postcode directory (ONS NSPL): it checks that a postcode has the form of a UK postcode, not that it exists, and cannot work out the placement\'s local authority or distance from it.';

export const RULES: readonly RuleInfo[] = [
  // formats and code lists
  e('FORMAT', ['Header', 'Episodes', 'AD1', 'PlacedAdoption', 'PrevPerm'], 'Dates are real dd/mm/yyyy dates; DECOM and RNE are given; UPN has the DfE form; REASON_PLACE_CHANGE is in the year\'s list; one Header and one PrevPerm row per child; episodes have distinct start dates and fall within the collection year; values fit the lengths Mercia keeps.'),
  e('101', H, 'Sex is given and valid for the collection year (1/2 until 2023/24, M/F/U from 2024/25).'),
  e('102', H, 'Date of birth in Header is given and is a valid date.'),
  e('103', H, 'Ethnicity is given and is a valid code.'),
  e('112', A, 'AD1 DATE_INT, if given, is a valid date.'),
  e('113', A, 'AD1 DATE_MATCH, if given, is a valid date.'),
  e('114', A, 'AD1 FOSTER_CARE is 0 or 1.'),
  e('115', P, 'DATE_PLACED, if given, is a valid date.'),
  e('116', P, 'DATE_PLACED_CEASED, if given, is a valid date.'),
  e('120', P, 'REASON_PLACED_CEASED is RD1–RD4.'),
  e('143', E, 'Reason for new episode (RNE) is a valid code.'),
  e('144', E, 'Legal status (LS) is a valid code.'),
  e('145', E, 'Category of need (CIN) is given and is a valid code (N1–N8).'),
  e('146', E, 'Placement type (PLACE) is valid for the collection year.'),
  e('149', E, 'Reason episode ceased (REC) is a valid code.'),
  e('165', H, 'MOTHER, if given, is 0 or 1, and is not given for a boy (a girl looked after with MOTHER blank is reported under 393 and 607).'),
  e('171', H, 'Date of birth of the mother\'s child (MC_DOB), if given, is a valid date.'),
  e('174', H, 'MC_DOB is not recorded for a child whose sex is male.'),
  e('175', A, 'AD1 NB_ADOPTR is 1 or 2.'),
  e('176', A, 'AD1 SEX_ADOPTR is M1, F1, MM, FF or MF.'),
  e('177', A, 'AD1 LS_ADOPTR is L0, L11, L12, L2, L3 or L4.'),
  e('178', E, 'Placement provider (PLACE_PROVIDER), if given, is PR0–PR5, and is not given for placements that have no provider (T0–T4 and Z1 until 2024/25; T0–T3 and Z11–Z14 from 2025/26).'),
  e('631', PP, 'Previous permanence (PREV_PERM) is P1–P4 or Z1.'),
  e('633', PP, 'LA_PERM, if given, is a local authority number (three digits), 999, NIR, SCO, WAL or NUK. Mercia checks the form, not the DfE\'s list of authority numbers.'),
  // Header with Episodes
  w('209', H, 'A child of school age (4 or over on 31 August of the year before the collection starts) should not have the unknown-UPN code UN1.'),
  e('302', HE, 'The child\'s first episode does not start (DECOM) before the child\'s date of birth.'),
  e('351', H, 'The child was not over 21 at the start of the collection year.'),
  e('352', HE, 'A child who started to be looked after (RNE S) was under 18 on that day.'),
  e('393', HE, 'A girl looked after (any episode with LS other than V3/V4) has MOTHER completed.'),
  e('442', HE, 'A child looked after (any episode with LS other than V3/V4) has a UPN (or a UN code in its place).'),
  e('607', HE, 'A girl who ceased to be looked after in the year (REC other than X1, LS other than V3/V4) has MOTHER completed.'),
  e('625', HE, 'MC_DOB is not after the end of the collection year, nor after the date the child ceased to be looked after (DEC of the final episode).'),
  // structure and integrity
  e('142', E, 'Every episode but the last has ended: it has a DEC and a REC.'),
  e('148', E, 'DEC and REC are both given or both blank.'),
  e('356', E, 'An episode does not cease (DEC) before it starts (DECOM).'),
  e('501', E, 'A new episode does not start before the previous episode ended (episodes do not overlap).'),
  e('INT01', ['AD1', 'Header'], 'Every child in AD1 is in Header.'),
  e('INT02', ['PlacedAdoption', 'Header'], 'Every child in PlacedAdoption is in Header.'),
  e('INT03', ['Episodes', 'Header'], 'Every child in Episodes is in Header.'),
  e('INT07', ['PrevPerm', 'Header'], 'Every child in PrevPerm is in Header.'),
  e('INT11', ['AD1', 'Header'], 'The DOB in AD1 equals the DOB in Header.'),
  e('INT12', ['PlacedAdoption', 'Header'], 'The DOB in PlacedAdoption equals the DOB in Header.'),
  e('INT16', ['PrevPerm', 'Header'], 'The DOB in PrevPerm equals the DOB in Header.'),
  e('INT31', A, 'A child has at most one AD1 row.'),
  // Episodes: sequence, codes together, placements
  e('357', E, 'A child\'s first episode that starts in the collection year has RNE S.'),
  e('355', E, 'An episode does not start and cease on the same day (less than 24 hours).'),
  e('431', E, 'An episode with RNE S (started to be looked after) does not start on or before the day the previous episode ended.'),
  e('433', E, 'An episode that continues the last (RNE P, L, T, U or B) starts on the day the previous episode ended.'),
  e('434', E, 'RNE L (legal status changed, placement not): LS differs from the previous episode and PLACE, PL_POST, URN and PLACE_PROVIDER are the same.'),
  e('435', E, 'RNE P or T (placement changed, legal status not): LS is the same as the previous episode and PLACE, PL_POST, URN or PLACE_PROVIDER differs.'),
  e('436', E, 'RNE B or U (legal status and placement changed): LS differs from the previous episode and PLACE, PL_POST, URN or PLACE_PROVIDER differs.'),
  e('504', E, 'The category of need (CIN) does not change within a period of care (an episode that follows an X1 episode on its DEC keeps its CIN).'),
  e('213', E, 'PLACE_PROVIDER is blank for temporary placements (T0–T4; also Z11–Z14 from 2025/26).'),
  e('218', E, 'An Ofsted URN is given for placements that need one (all but P1, P3, R1, R2, R5, T0–T4 and Z1 / Z11–Z14) in episodes open on or after the collection start. Placements outside England need none, but Mercia cannot tell them from the postcode, so it asks for a URN (or XXXXXXX) for every such placement.'),
  w('222', E, 'An Ofsted URN should not be recorded (other than XXXXXXX) for placements that need none (P1, P3, R1, R2, R5, T0–T4 and Z1 / Z11–Z14).'),
  e('225', E, 'The reason for placement change is recorded on the episode that ends with a change of placement: an X1 episode followed by one with RNE P, B, T or U (neither a T0–T4 placement). A reason recorded on the new episode instead is reported here.'),
  e('226', E, 'No reason for placement change is recorded for a temporary placement (T0–T4), nor on the episode before it.'),
  e('233', E, 'No reason for placement change is recorded on an episode that has not ceased (a reason on the new, open episode is the wrong convention).', { from: 2026 }),
  e('234', E, 'A child under 10 on the date of the placement change does not change placement for custody (REASON_PLACE_CHANGE CUSTOD).', { from: 2026 }),
  e('378', E, 'A child placed with parents (P1) is not looked after under a single period of section 20 accommodation (V2).'),
  e('379', E, 'A temporary placement for an unspecified reason (T4) lasts no more than seven days.'),
  e('380', E, 'A period of care does not start with a temporary placement: T0–T4 placements have RNE P or B.'),
  e('381', E, 'A period of care does not end with a temporary placement: a T0–T4 episode that ceased has REC X1.'),
  e('382', E, 'A child on short breaks (LS V3/V4) is not in a temporary placement (T0–T4).'),
  e('383', E, 'After a temporary placement (T0–T4) the child returns to the usual placement: the next episode has RNE P and the same PLACE as the one before (and, from 2025/26, the same PL_POST).'),
  e('384', E, 'A child on short breaks (LS V3/V4) is not in a long-term foster placement (U1, U4).'),
  e('387', HE, 'A child who moved into independent living (REC E5/E6) was 14 or over on the day (DEC).'),
  e('388', E, 'REC X1 is used when, and only when, a new episode starts on the day the episode ceased.'),
  e('389', HE, 'A child transferred to adult social care (REC E7) was 16 or over on the day (DEC).'),
  e('392b', E, `A child looked after (LS other than V3/V4) has HOME_POST and PL_POST recorded. Children who were once unaccompanied asylum seekers are exempt, but Mercia reads no UASC table, so it asks for both postcodes on every such episode.`),
  e('392c', E, `HOME_POST and PL_POST, if given, are valid postcodes. ${POSTCODE_NOTE} Rules 164, 169, 179, 392a, 1015 and 229 need that directory (or Ofsted's provider list) and are not checked.`),
  // AD1
  e('151', A, 'The six AD1 items are all given or all blank.'),
  e('333', A, 'If the match date is given, the decision date (DATE_INT) is given and on or before it.'),
  e('511', A, 'Two adopters cannot have a single-adopter sex code (M1/F1).'),
  e('514', A, 'A single adopter (L0) has SEX_ADOPTR M1 or F1.'),
  e('517', A, 'An unmarried different-sex couple (L3) has SEX_ADOPTR MF.'),
  e('518', A, 'An unmarried same-sex couple (L4) has SEX_ADOPTR MM or FF.'),
  e('519', A, 'Civil partners (L2) have a couple code (MM, FF or MF).'),
  e('520', A, 'A married different-sex couple (L11) has SEX_ADOPTR MF.'),
  e('524', A, 'A married same-sex couple (L12) has SEX_ADOPTR MM or FF.'),
  // PlacedAdoption
  e('119', P, 'DATE_PLACED_CEASED and REASON_PLACED_CEASED are both given or both blank.'),
  e('184', ['PlacedAdoption', 'Header'], 'The decision to place for adoption (DATE_PLACED) is not before the child\'s date of birth.'),
  e('522', P, 'DATE_PLACED is on or before DATE_PLACED_CEASED.'),
  e('563', P, 'A decision that ceased also has a DATE_PLACED.'),
  e('579', P, 'A new decision to place for adoption does not start while the previous one is open, or before it ceased.'),
  e('583', P, 'When a child has several decisions, all but the latest have a ceased date.'),
  // AD1 with PlacedAdoption
  e('523', ['PlacedAdoption', 'AD1'], 'AD1 DATE_INT equals DATE_PLACED (checked against every decision row of the child).'),
  e('525', ['AD1', 'PlacedAdoption'], 'A child whose decision to place for adoption ceased has no AD1 data.'),
  // with Episodes
  e('117', ['PlacedAdoption', 'Episodes'], 'DATE_PLACED and DATE_PLACED_CEASED are not after the collection end, nor after the DEC of the latest episode that did not end X1.'),
  e('118', ['PlacedAdoption', 'Episodes'], 'DATE_PLACED_CEASED is not before the collection start, nor before the start of the earliest episode with LS other than V3/V4.'),
  e('1003', ['PlacedAdoption', 'Episodes'], 'DATE_PLACED is not before the start of the child\'s first episode with RNE S.'),
  e('551', ['Episodes', 'PlacedAdoption'], 'A child placed for adoption (A3–A6) has a DATE_PLACED.'),
  e('552', ['PlacedAdoption', 'Episodes'], 'The latest DATE_PLACED is on or before the start of the first A3–A6 placement.'),
  e('553', ['Episodes', 'PlacedAdoption'], 'A child with a placement order (LS E1) has a decision row; while an E1 episode is open the decision shows no ceased date or reason.'),
  e('554', ['PlacedAdoption', 'Episodes'], 'DATE_PLACED is on or before the start of the first LS E1 episode.'),
  e('557', ['PlacedAdoption', 'Episodes'], 'A child in an A3–A6 placement or on LS E1 (D1 until 2023/24) who left care other than by adoption (REC not E11/E12/X1) has a ceased date and reason on every decision row.'),
  w('558', ['PlacedAdoption', 'Episodes'], 'An adopted child (E11/E12) should still have an open decision to place for adoption (Mercia checks the latest decision).'),
  e('334', ['AD1', 'Episodes'], 'AD1 DATE_INT is on or after the start of the latest period of care (latest RNE S).'),
  e('521', ['AD1', 'Episodes'], 'AD1 DATE_INT is on or before the start of every A3–A6 placement.'),
  e('331', ['AD1', 'Episodes'], 'AD1 DATE_MATCH is on or before the start of the episode that ended in adoption (E11/E12).'),
  w('582', ['Episodes', 'AD1'], 'The date of adoption (DEC of an E11/E12 episode) should not equal the match date.'),
  e('335', ['AD1', 'Episodes'], 'FOSTER_CARE agrees with the adoptive placement: 1 with A3/A5, 0 with A4/A6.'),
  e('601', ['AD1', 'Episodes'], 'A child adopted in the year who has an AD1 row has all six AD1 items.'),
  e('602', ['AD1', 'Episodes'], 'A child with AD1 data has an episode ending E11/E12 in the collection year.'),
  w('1012', ['AD1', 'PlacedAdoption', 'PrevPerm', 'Episodes'], 'A child with no episodes in the year should have no AD1, PlacedAdoption or PrevPerm rows.'),
  // Episodes: adoption
  e('390', E, 'An episode ending in adoption (E11/E12) is an A3–A6 placement.'),
  e('386', HE, 'Adoption (E11/E12) happens before the child\'s 18th birthday.'),
  e('199', E, 'A child adopted earlier in this return has no later episodes (and is not adopted twice).'),
  e('408', E, 'An A5/A6 placement (with a placement order) has LS E1.'),
  e('217', E, 'An A3/A5 placement (with the current foster carer) starting on or after 01/04/2015 has RNE S, T or U.'),
  w('336', E, 'An A3/A4 placement (other than the first episode) should follow an A3–A6 or U1–U6 placement.'),
  e('529', E, 'Provider PR3 is not used with placements A3–A6, K1, K2, P1 or U1–U6.'),
  e('432', E, 'After an episode that ended with the child leaving care, the next episode has RNE S.'),
  e('446', E, 'LS E1 is not used for episodes starting before 01/12/2005.'),
  e('516', E, 'An episode ending E45 or E46 (SGO to former foster carers) is a U1–U6 placement.'),
  // PrevPerm
  w('630', ['PrevPerm', 'Episodes'], 'A child who started to be looked after in the year (RNE S) should have previous permanence returned: a PrevPerm row with PREV_PERM, and LA_PERM and DATE_PERM unless PREV_PERM is Z1.'),
  e('632', ['PrevPerm', 'Episodes'], 'DATE_PERM, if given, is a valid date before the start of the child\'s first episode. (The DfE allows ZZ for an unknown day, month or year; Mercia stores a full date and refuses them.)'),
  e('634', ['PrevPerm', 'Episodes'], 'Previous permanence is returned only for a child who started to be looked after from 01/04/2016 (some episode starts on or after it).'),
  e('635', PP, 'LA_PERM and DATE_PERM are blank when PREV_PERM is blank or Z1 (no previous permanence).'),
  // last year's return
  e('559', P, 'A DATE_PLACED before the collection start also appears in last year\'s return.'),
  e('560', P, 'A decision still open at the end of last year appears this year with the same DATE_PLACED.'),
  e('561', P, 'A decision that ceased last year is not returned again this year.'),
  e('584', P, 'After a decision ceased last year, this year\'s DATE_PLACED is later than it.'),
];

/**
 * DfE rules on the fields Mercia writes that it does not check, and why (the catalogue page
 * and the CLI say so beside the list).
 */
export const LEFT_OUT: readonly { rules: string; reason: string }[] = [
  { rules: '164, 169, 179, 392a, 1015', reason: 'need the ONS postcode directory (placement distance, placement local authority, location in or out of the council): Mercia holds no postcode reference data; 392c checks the postcodes\' form.' },
  { rules: '219, 221, 229', reason: 'compare the URN with Ofsted\'s provider list (placement type, postcode, provider\'s authority): Mercia holds no Ofsted data.' },
  { rules: '187, 134, 1001, 165 (care-leaver part)', reason: 'need the OC3 (care leavers) table, which Mercia does not read.' },
  { rules: '503A–503J and the other checks against last year\'s Header and Episodes', reason: 'Mercia reads only last year\'s PlacedAdoption.' },
  { rules: '445, 451, 555, 556', reason: 'freeing-order (LS D1) rules, deleted from 2024/25; Mercia\'s return carries no freeing orders.' },
  { rules: 'SW*, 700–710', reason: 'social worker episodes (from 2023/24) and DoLo (2026/27) tables, which Mercia does not read.' },
];

export const SEVERITY: ReadonlyMap<string, Severity> = new Map(RULES.map((r) => [r.rule, r.severity]));

/** Whether the rule is in force in the collection year ending `endYear`. */
export function appliesIn(r: RuleInfo, endYear: number): boolean {
  return (r.from === null || endYear >= r.from) && (r.to === null || endYear <= r.to);
}

const byYear = new Map<number, { list: readonly RuleInfo[]; ids: ReadonlySet<string> }>();

function forYear(endYear: number) {
  let entry = byYear.get(endYear);
  if (!entry) {
    const list = RULES.filter((r) => appliesIn(r, endYear));
    entry = { list, ids: new Set(list.map((r) => r.rule)) };
    byYear.set(endYear, entry);
  }
  return entry;
}

/** The rules Mercia checks in the collection year ending `endYear`, in catalogue order. */
export function rulesFor(endYear: number): readonly RuleInfo[] {
  return forYear(endYear).list;
}

/** The rule numbers in force in the year (built once per year). */
export function activeRules(endYear: number): ReadonlySet<string> {
  return forYear(endYear).ids;
}

/** "2022/23 onwards", "from 2025/26", "2022/23 to 2023/24": the years a rule applies, for people. */
export function yearsText(r: RuleInfo): string {
  const first = yearEnding(r.from ?? SUPPORTED_END_YEARS[0]).label;
  if (r.to === null) return `${first} onwards`;
  return `${first} to ${yearEnding(r.to).label}`;
}
