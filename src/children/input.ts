// Input schemas for child records, shared by the pages, the API and the demo generator.
import { z } from 'zod';
import { calendarDate, uuid } from '../core/validation.ts';
import {
  CATEGORIES_OF_NEED, ETHNICITIES, keysOf, LEGAL_STATUSES, MILESTONE_TYPES, NEED_CATEGORIES, PLACEMENT_PROVIDERS, PLACEMENTS,
  PREVIOUS_PERMANENCE, REASONS_CEASED, REASONS_PLACE_CHANGE, RNE, SEXES, WAITING_REASONS,
} from './codes.ts';
import { STAGES } from './model.ts';
import { normalisePostcode, URN_FORM } from './return-fields.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max, { error: `Must be ${max} characters or fewer` }).optional());
/** A code from a list: "Select the sex" when missing, "… is not a valid sex code" when wrong. */
const code = <T extends object>(codes: T, what: string) =>
  z.enum(keysOf(codes), { error: (issue) => (issue.input === undefined || issue.input === '' ? `Select the ${what}` : `${String(issue.input)} is not a valid ${what}`) });

/** A UK postcode, written as the return writes it ("HR1 2AB"); a clear error names the field. */
const postcode = (what: string) => z.string({ error: `Enter the ${what}` }).transform((v, ctx) => {
  const normal = normalisePostcode(v);
  if (normal === null) ctx.addIssue({ code: 'custom', message: `Enter the ${what} as a UK postcode, like HR1 2AB` });
  return normal ?? v;
});

export const needInput = z.object({ category: code(NEED_CATEGORIES, 'need'), notes: optionalText(2000) });
export const birthFamilyInput = z.object({
  name: z.string({ error: 'Enter the name' }).trim().min(1, { error: 'Enter the name' }).max(200),
  relationship: z.string({ error: 'Enter the relationship' }).trim().min(1, { error: 'Enter the relationship' }).max(100),
  area: optionalText(200),
});

/** MOTHER as the return codes it: yes/true/1 → '1', no/false/0 → '0'; blank is no answer (null on a change: cleared). */
function motherValue(v: unknown): unknown {
  if (v === 'yes' || v === true || v === 'true' || v === '1' || v === 1) return '1';
  if (v === 'no' || v === false || v === 'false' || v === '0' || v === 0) return '0';
  return v === null ? undefined : blank(v);
}

const childDetails = {
  firstName: z.string({ error: 'Enter the first name' }).trim().min(1, { error: 'Enter the first name' }).max(100),
  lastName: z.string({ error: 'Enter the last name' }).trim().min(1, { error: 'Enter the last name' }).max(100),
  dateOfBirth: calendarDate('the date of birth'),
  sex: code(SEXES, 'sex (M, F or U)'),
  ethnicity: code(ETHNICITIES, 'ethnicity code'),
  upn: z.preprocess(blank, z.string().trim().toUpperCase().regex(/^([A-HJ-NP-RT-Z][0-9]{12}|[A-HJ-NP-RT-Z][0-9]{11}[A-Z]|UN[1-5])$/, { error: 'UPN must be a letter (not I, O or S) and 12 digits, or 11 digits and a letter, or UN1 to UN5' }).optional()),
  laChildRef: z.preprocess(blank, z.string().trim().max(30).regex(/^[A-Za-z0-9/_-]+$/, { error: 'Child reference may contain only letters, digits, / _ and -' }).optional()),
  disabled: z.preprocess((v) => v === 'yes' || v === true || v === 'true', z.boolean()).default(false),
  disabilityDescription: optionalText(2000),
  religion: optionalText(100),
  firstLanguage: optionalText(100),
  legalStatusNote: optionalText(500),
  socialWorkerId: z.preprocess(blank, uuid('the social worker').optional()),
  familyFinderId: z.preprocess(blank, uuid('the family finder').optional()),
  needs: z.array(needInput).max(20).default([]),
  birthFamily: z.array(birthFamilyInput).max(30).default([]),
  /** SSDA903 MOTHER: '1' she is a mother, '0' not; the form's yes/no and JSON booleans too. Checked with the sex in the service (return-fields.ts). */
  mother: z.preprocess(motherValue, z.enum(['1', '0'], { error: 'Choose yes or no for whether she is a mother' }).optional()),
  /** SSDA903 MC_DOB: her child's date of birth. */
  motherChildDob: z.preprocess((v) => (v === null ? undefined : blank(v)), calendarDate('the date of birth of her child').optional()),
};

const today = () => new Date().toISOString().slice(0, 10);

export const createChildInput = z.object({
  ...childDetails,
  placingAuthority: z.string({ error: 'Enter the placing council\'s code' }).trim().toUpperCase().regex(/^E[0-9]{8}$/, { error: 'Placing authority must be a council code like E06000019' }),
  enteredCare: calendarDate('the date the child entered care'),
  legalStatus: z.preprocess(blank, code(LEGAL_STATUSES, 'legal status code').optional()),
  placement: z.preprocess(blank, code(PLACEMENTS, 'placement code').optional()),
  placementProvider: z.preprocess(blank, code(PLACEMENT_PROVIDERS, 'placement provider code').optional()),
  /** The person checked the likely duplicates they were shown, and this is another child: register it. */
  confirmNotDuplicate: z.preprocess((v) => v === true || v === 'true' || v === 'yes', z.boolean()),
}).superRefine((c, ctx) => {
  if (c.enteredCare < c.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['enteredCare'], message: `Date entered care (${c.enteredCare}) cannot be before the date of birth (${c.dateOfBirth})` });
  if (c.dateOfBirth > today()) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth cannot be in the future' });
  if (!c.disabled && c.disabilityDescription) ctx.addIssue({ code: 'custom', path: ['disabilityDescription'], message: 'Describe a disability only if the child is disabled' });
});
export type CreateChildInput = z.output<typeof createChildInput>;

// Optional text cleared on an edit form becomes null (cleared), not "unchanged".
const clearableText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max, { error: `Must be ${max} characters or fewer` }).nullable().optional());

/** Only what is sent changes: no defaults here, or a partial update would wipe needs and birth family. */
export const updateChildInput = z.object({
  ...childDetails,
  upn: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), childDetails.upn.nullable()),
  disabled: z.preprocess((v) => (v === undefined ? undefined : v === 'yes' || v === true || v === 'true'), z.boolean().optional()),
  disabilityDescription: clearableText(2000),
  religion: clearableText(100),
  firstLanguage: clearableText(100),
  legalStatusNote: clearableText(500),
  socialWorkerId: z.preprocess((v) => (v === '' ? null : v), uuid('the social worker').nullable().optional()),
  familyFinderId: z.preprocess((v) => (v === '' ? null : v), uuid('the family finder').nullable().optional()),
  needs: z.array(needInput).max(20).optional(),
  birthFamily: z.array(birthFamilyInput).max(30).optional(),
  mother: z.preprocess((v) => (v === null || v === '' ? null : motherValue(v)), z.enum(['1', '0'], { error: 'Choose yes or no for whether she is a mother' }).nullable().optional()),
  motherChildDob: z.preprocess((v) => (v === '' ? null : v), calendarDate('the date of birth of her child').nullable().optional()),
}).partial().superRefine((c, ctx) => {
  if (c.dateOfBirth && c.dateOfBirth > today()) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth cannot be in the future' });
});
export type UpdateChildInput = z.output<typeof updateChildInput>;

export const milestoneInput = z.object({
  type: code(MILESTONE_TYPES, 'milestone type'),
  date: calendarDate('the date'),
  code: z.preprocess(blank, z.string().trim().toUpperCase().optional()),
  reason: z.preprocess(blank, z.string().trim().toUpperCase().optional()),
  notes: optionalText(4000),
}).transform((m, ctx) => {
  // One optional code per type: the reversal reason, the order type, the placement, the kind of authority or placement.
  const raw = m.code ?? m.reason;
  const allowed: Partial<Record<typeof m.type, readonly string[]>> = {
    'plan-reversed': ['RD1', 'RD2', 'RD3', 'RD4'], 'adoption-order': ['E11', 'E12'], 'placed-for-adoption': ['A3', 'A4', 'A5', 'A6'],
    'placement-order': ['ORDER', 'CONSENT'], 'early-permanence': ['FFA', 'CONCURRENT'],
  };
  const defaults: Partial<Record<typeof m.type, string>> = { 'placement-order': 'ORDER' };
  const list = allowed[m.type];
  if (!list) {
    if (raw) ctx.addIssue({ code: 'custom', path: ['code'], message: `${MILESTONE_TYPES[m.type]} takes no code` });
    return { ...m, code: null };
  }
  const value = raw ?? defaults[m.type];
  if (!value || !list.includes(value)) {
    ctx.addIssue({ code: 'custom', path: ['code'], message: `${MILESTONE_TYPES[m.type]} needs a code: one of ${list.join(', ')}` });
    return { ...m, code: null };
  }
  return { ...m, code: ['ORDER', 'CONSENT', 'FFA', 'CONCURRENT'].includes(value) ? value.toLowerCase() : value };
});
export type MilestoneInput = z.output<typeof milestoneInput>;

export const episodeInput = z.object({
  startDate: calendarDate('the start date'),
  rne: code(RNE, 'reason for new episode (RNE)'),
  legalStatus: z.preprocess(blank, code(LEGAL_STATUSES, 'legal status code').optional()),
  placement: z.preprocess(blank, code(PLACEMENTS, 'placement code').optional()),
  placementProvider: z.preprocess(blank, code(PLACEMENT_PROVIDERS, 'placement provider code').optional()),
  endDate: z.preprocess(blank, calendarDate('the end date').optional()),
  reasonCeased: z.preprocess(blank, code(REASONS_CEASED, 'reason episode ceased (REC)').optional()),
  cin: z.preprocess(blank, code(CATEGORIES_OF_NEED, 'category of need (CIN)').optional()),
  /** Why the placement changed: given with the new episode, kept on the episode it ends (episodes-service.ts). */
  reasonPlaceChange: z.preprocess(blank, code(REASONS_PLACE_CHANGE, 'reason for the placement change').optional()),
  homePostcode: z.preprocess(blank, postcode('home postcode (HOME_POST)').optional()),
  placementPostcode: z.preprocess(blank, postcode('placement postcode (PL_POST)').optional()),
  urn: z.preprocess(blank, z.string().trim().toUpperCase().regex(URN_FORM, { error: 'URN must be an Ofsted URN (SC and 6 digits, like SC123456), a 6-digit DfE URN, or XXXXXXX if it is not known' }).optional()),
});
export type EpisodeInput = z.output<typeof episodeInput>;

/** SSDA903 PrevPerm: the permanence the child had before this period of care (rules in return-fields.ts). */
export const previousPermanenceInput = z.object({
  previousOrder: code(PREVIOUS_PERMANENCE, 'previous permanence (PREV_PERM)'),
  laCode: z.preprocess((v) => (v === null ? undefined : blank(v)), z.string().trim().toUpperCase().regex(/^([0-9]{3}|NIR|SCO|WAL|NUK)$/, { error: 'Council must be a 3-digit DfE LA number (999 if not known), or NIR, SCO, WAL or NUK outside England' }).optional()),
  orderDate: z.preprocess((v) => (v === null ? undefined : blank(v)), calendarDate('the date of the order').optional()),
});

export const waitingInput = z.object({
  reasons: z.array(z.object({ reason: code(WAITING_REASONS, 'reason'), notes: optionalText(2000) })).max(10),
});

export const waitingReviewInput = z.object({
  reviewDate: calendarDate('the review date'),
  summary: z.string({ error: 'Enter what the review found' }).trim().min(1, { error: 'Enter what the review found' }).max(4000),
});

export const siblingGroupInput = z.object({
  name: z.string({ error: 'Enter a name for the group' }).trim().min(1, { error: 'Enter a name for the group' }).max(200),
  childIds: z.array(uuid('a child')).min(2, { error: 'A sibling group needs at least two children' }).max(12),
});

export const siblingDecisionInput = z.object({
  decision: z.enum(['together', 'apart'], { error: 'Select whether the children are to be placed together or apart' }),
  date: calendarDate('the date of the decision'),
  reasons: z.string({ error: 'Enter the reasons for the decision' }).trim().min(1, { error: 'Enter the reasons for the decision' }).max(4000),
});

export const childListQuery = z.object({
  la: z.preprocess(blank, z.string().trim().toUpperCase().optional()),
  stage: z.preprocess(blank, z.enum(keysOf(STAGES), { error: 'Select a valid stage' }).optional()),
  factor: z.preprocess(blank, z.enum(['sibling-group', 'disabled', 'minority-ethnic', 'aged-5-plus', 'in-care-21-months', 'any'], { error: 'Select a valid factor' }).optional()),
  overdue: z.preprocess((v) => v === 'yes' || v === 'true' || v === true, z.boolean()).default(false),
  worker: z.preprocess(blank, uuid('the worker').optional()),
  q: z.preprocess(blank, z.string().trim().max(100).optional()),
  sort: z.preprocess(blank, z.enum(['name', 'age', 'days-in-care', 'stage'], { error: 'Sort by name, age, days-in-care or stage' }).default('name')),
  limit: z.coerce.number().int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }).default(50),
  offset: z.coerce.number().int().min(0, { error: 'offset must be 0 or more' }).default(0),
});
export type ChildListQuery = z.output<typeof childListQuery>;
