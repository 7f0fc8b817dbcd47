// The SSDA903 return as Mercia reads and writes it (DOMAIN.md §4 and its appendix): the
// tables and their exact column sets, collection years, the code lists that differ between
// years, DfE dates (dd/mm/yyyy), the order children are written in, and what a finding is.
// Pure: no I/O. The reader, the rules, the writer and the synthetic generator all share it.

/** The five tables Mercia reads and writes, with the DfE column names in the DfE order. */
export const TABLES = {
  Header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  Episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  AD1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  PlacedAdoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
  PrevPerm: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
} as const;
export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
export type Column<T extends TableName> = (typeof TABLES)[T][number];

/** The suggested file name of each table (file names are ignored when reading). */
export const FILE_NAMES: Record<TableName, string> = {
  Header: 'header.csv', Episodes: 'episodes.csv', AD1: 'ad1.csv', PlacedAdoption: 'placed_for_adoption.csv', PrevPerm: 'previous_permanence.csv',
};

/** Tables of the return that are not about adoption: recognised, accepted and ignored. */
export const IGNORED_TABLES: Record<string, readonly string[]> = {
  Reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  UASC: ['CHILD', 'SEX', 'DOB', 'DUC'],
  OC2: ['CHILD', 'DOB', 'SDQ_SCORE', 'SDQ_REASON', 'CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'],
  OC3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  Missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  SWEpisodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
  DoLo: ['CHILD', 'DOB', 'DOLO_START', 'DOLO_END'],
};

export const DATE_COLUMNS: ReadonlySet<string> = new Set([
  'DOB', 'MC_DOB', 'DECOM', 'DEC', 'DATE_INT', 'DATE_MATCH', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'DATE_PERM',
]);

/** One data row: where it came from and its cells (trimmed, upper-cased, empty as null). */
export interface Row<T extends TableName> {
  file: string;
  line: number;
  values: Record<Column<T>, string | null>;
}

/** Every row about one child, from every table. Validation and import go child by child. */
export interface ChildGroup {
  child: string;
  header: Row<'Header'>[];
  episodes: Row<'Episodes'>[];
  ad1: Row<'AD1'>[];
  placed: Row<'PlacedAdoption'>[];
  prevPerm: Row<'PrevPerm'>[];
}

export type Severity = 'error' | 'warning';

/** One problem found in a return. `rule` is the DfE rule number (e.g. '523', 'INT01') or 'FORMAT'. */
export interface Finding {
  file: string;
  line: number | null;
  column: string | null;
  rule: string;
  message: string;
  severity: Severity;
  child: string | null;
}

// ---- collection years ------------------------------------------------------------------

/** A collection year: 2024/25 runs 1 April 2024 to 31 March 2025. Named by its label. */
export interface CollectionYear {
  label: string;
  /** The calendar year it ends in, e.g. 2025 for 2024/25. */
  endYear: number;
  start: string;
  end: string;
}

/** The years whose code lists Mercia knows (DOMAIN.md §4.2). */
export const SUPPORTED_END_YEARS = [2023, 2024, 2025, 2026, 2027] as const;

export function yearEnding(endYear: number): CollectionYear {
  return { label: `${endYear - 1}/${String(endYear % 100).padStart(2, '0')}`, endYear, start: `${endYear - 1}-04-01`, end: `${endYear}-03-31` };
}

/**
 * Reads '2024/25', '2024-25' or '2025' (the year the collection ends, as the DfE names the
 * return). Null if it is not one of those forms or not a supported year.
 */
export function parseCollectionYear(text: string): CollectionYear | null {
  const t = text.trim();
  let endYear: number | null = null;
  const pair = /^(\d{4})[/-](\d{2})$/.exec(t);
  if (pair) {
    const start = Number(pair[1]);
    if ((start + 1) % 100 !== Number(pair[2])) return null;
    endYear = start + 1;
  } else if (/^\d{4}$/.test(t)) {
    endYear = Number(t);
  }
  if (endYear === null || !(SUPPORTED_END_YEARS as readonly number[]).includes(endYear)) return null;
  return yearEnding(endYear);
}

// ---- code lists by year (DOMAIN.md §4.2 and the appendix) ---------------------------------

const PLACE_2022 = ['A3', 'A4', 'A5', 'A6', 'H5', 'K1', 'K2', 'P1', 'P2', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1', 'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z1'];
const PLACE_2024 = [...PLACE_2022, 'K3'];
const PLACE_2025 = [...PLACE_2024.filter((c) => !['H5', 'P2', 'Z1'].includes(c)), 'Z11', 'Z12', 'Z13', 'Z14'];

export interface CodeLists {
  SEX: readonly string[];
  ETHNIC: readonly string[];
  RNE: readonly string[];
  LS: readonly string[];
  CIN: readonly string[];
  PLACE: readonly string[];
  PLACE_PROVIDER: readonly string[];
  REC: readonly string[];
  REASON_PLACE_CHANGE: readonly string[];
  MOTHER: readonly string[];
  FOSTER_CARE: readonly string[];
  NB_ADOPTR: readonly string[];
  SEX_ADOPTR: readonly string[];
  LS_ADOPTR: readonly string[];
  REASON_PLACED_CEASED: readonly string[];
  PREV_PERM: readonly string[];
}

export function codeLists(year: CollectionYear): CodeLists {
  const y = year.endYear;
  return {
    // SEX is 1/2 until 2023/24 and M/F/U from 2024/25 (rule 101).
    SEX: y <= 2024 ? ['1', '2'] : ['M', 'F', 'U'],
    ETHNIC: ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT'],
    RNE: ['S', 'L', 'P', 'T', 'B', 'U'],
    LS: ['C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4'],
    CIN: ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'],
    PLACE: y <= 2024 ? PLACE_2022 : y === 2025 ? PLACE_2024 : PLACE_2025,
    PLACE_PROVIDER: ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'],
    REC: ['E11', 'E12', 'E2', 'E3', 'E4A', 'E4B', 'E13', 'E41', 'E45', 'E46', 'E47', 'E48', 'E5', 'E6', 'E7', 'E8', 'E9', 'E14', 'E15', 'E16', 'E17', 'X1'],
    REASON_PLACE_CHANGE: ['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'CUSTOD', 'OTHER'],
    MOTHER: ['0', '1'],
    FOSTER_CARE: ['0', '1'],
    NB_ADOPTR: ['1', '2'],
    SEX_ADOPTR: ['M1', 'F1', 'MM', 'FF', 'MF'],
    LS_ADOPTR: ['L0', 'L11', 'L12', 'L2', 'L3', 'L4'],
    REASON_PLACED_CEASED: ['RD1', 'RD2', 'RD3', 'RD4'],
    PREV_PERM: ['P1', 'P2', 'P3', 'P4', 'Z1'],
  };
}

/** Mercia stores sex as M/F/U; returns before 2024/25 code it 1 (male) / 2 (female). */
export function sexToReturn(sex: 'M' | 'F' | 'U', year: CollectionYear): string {
  if (year.endYear > 2024) return sex;
  return sex === 'M' ? '1' : sex === 'F' ? '2' : 'U';
}

export function sexFromReturn(code: string): 'M' | 'F' | 'U' | null {
  return ({ '1': 'M', '2': 'F', M: 'M', F: 'F', U: 'U' } as const)[code as '1'] ?? null;
}

// ---- dates ---------------------------------------------------------------------------------

const DFE_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** dd/mm/yyyy to YYYY-MM-DD; null if the text is not a real date in that form. */
export function parseDfeDate(text: string | null): string | null {
  if (text === null) return null;
  const m = DFE_DATE.exec(text);
  if (!m) return null;
  const [, d, mo, y] = m as unknown as [string, string, string, string];
  // Nothing in a return happened before 1900 (and the database has no year 0).
  if (Number(y) < 1900) return null;
  const iso = `${y}-${mo}-${d}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) return null;
  return iso;
}

/** YYYY-MM-DD to dd/mm/yyyy. */
export function formatDfeDate(iso: string | null): string | null {
  if (iso === null) return null;
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// ---- the order children are written in --------------------------------------------------------

/** Only ASCII digits, at least one (what /^\d+$/ matches). */
function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The one order of CHILD ids used everywhere: numeric ids in numeric order, then the rest by
 * character code. Files sorted this way can be read child by child without holding them whole.
 * Written without regular expressions: a return's reading calls it a few times per row.
 */
export function compareChild(a: string, b: string): number {
  if (a === b) return 0;
  const an = allDigits(a);
  const bn = allDigits(b);
  if (an !== bn) return an ? -1 : 1;
  if (an) {
    // Leading zeros do not count (one digit always stays).
    let ai = 0;
    let bi = 0;
    while (ai < a.length - 1 && a.charCodeAt(ai) === 48) ai++;
    while (bi < b.length - 1 && b.charCodeAt(bi) === 48) bi++;
    const al = a.length - ai;
    const bl = b.length - bi;
    if (al !== bl) return al - bl;
    for (let k = 0; k < al; k++) {
      const d = a.charCodeAt(ai + k) - b.charCodeAt(bi + k);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
