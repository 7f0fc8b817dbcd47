// Input schemas for households, shared by the pages, the API and the demo generator.
import { z } from 'zod';
import { ETHNICITIES, keysOf, SEXES } from '../children/codes.ts';
import { calendarDate, uuid } from '../core/validation.ts';
import {
  CHECK_KINDS, CHECK_STATUSES, EVENT_TYPES, FAST_TRACK, LEAVING_REASONS, NEEDS, OUTCOMES, PAR_STATUSES, RELATIONSHIPS,
  STAGES, STATUSES, TOLERANCES,
} from './model.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** A short list typed as "Urdu, Punjabi": up to 10 entries of 60 characters, blanks dropped. */
const wordList = (what: string) => z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((w) => w.trim()).filter(Boolean) : v ?? []),
  z.array(z.string().max(60, { error: `Each ${what} must be 60 characters or fewer` })).max(10, { error: `List up to 10, separated by commas` }),
);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max, { error: `Must be ${max} characters or fewer` }).optional());
const clearableText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max, { error: `Must be ${max} characters or fewer` }).nullable().optional());
const code = <T extends object>(codes: T, what: string) =>
  z.enum(keysOf(codes), { error: (issue) => (issue.input === undefined || issue.input === '' ? `Select the ${what}` : `${String(issue.input)} is not a valid ${what}`) });
const yesNo = z.preprocess((v) => v === 'yes' || v === true || v === 'true', z.boolean());
const optionalDate = (label: string) => z.preprocess(blank, calendarDate(label).optional());
const today = () => new Date().toISOString().slice(0, 10);

export const applicantInput = z.object({
  firstName: z.string({ error: 'Enter the first name' }).trim().min(1, { error: 'Enter the first name' }).max(100),
  lastName: z.string({ error: 'Enter the last name' }).trim().min(1, { error: 'Enter the last name' }).max(100),
  dateOfBirth: calendarDate('the date of birth'),
  sex: code(SEXES, 'sex (M, F or U)'),
  ethnicity: code(ETHNICITIES, 'ethnicity code'),
  disabled: yesNo.default(false),
});
export type ApplicantInput = z.output<typeof applicantInput>;

export const memberInput = z.object({
  name: z.string({ error: 'Enter the name' }).trim().min(1, { error: 'Enter the name' }).max(200),
  relationship: z.string({ error: 'Enter their relationship to the applicants' }).trim().min(1, { error: 'Enter their relationship to the applicants' }).max(100),
  dateOfBirth: calendarDate('the date of birth'),
});

const householdDetails = {
  relationship: code(RELATIONSHIPS, 'relationship'),
  homeCouncil: z.preprocess(blank, z.string().trim().toUpperCase().regex(/^E[0-9]{8}$/, { error: 'Home council must be a council code like E06000019' }).optional()),
  interestFfa: yesNo.default(false),
  interestConcurrent: yesNo.default(false),
};

export const createHouseholdInput = z.object({
  ...householdDetails,
  fastTrack: z.preprocess(blank, code(FAST_TRACK, 'fast track (previous-adopter or foster-carer)').optional()),
  roiAcceptedOn: optionalDate('the date the registration of interest was accepted'),
  reference: z.preprocess(blank, z.string().trim().max(30).regex(/^[A-Za-z0-9/_-]+$/, { error: 'Reference may contain only letters, digits, / _ and -' }).optional()),
  applicants: z.array(applicantInput, { error: 'Enter the applicants' }).min(1, { error: 'Enter at least one applicant' }).max(2, { error: 'A household has one or two applicants' }),
  members: z.array(memberInput).max(12).default([]),
  /** The person checked the likely duplicates they were shown, and this is another household: create it. */
  confirmNotDuplicate: z.preprocess((v) => v === true || v === 'true' || v === 'yes', z.boolean()),
}).superRefine((h, ctx) => {
  h.applicants.forEach((a, i) => {
    if (a.dateOfBirth > today()) ctx.addIssue({ code: 'custom', path: ['applicants', i, 'dateOfBirth'], message: 'Date of birth cannot be in the future' });
  });
});
export type CreateHouseholdInput = z.output<typeof createHouseholdInput>;

export const updateHouseholdInput = z.object({
  relationship: code(RELATIONSHIPS, 'relationship').optional(),
  homeCouncil: z.preprocess((v) => (v === '' ? null : v), z.string().trim().toUpperCase().regex(/^E[0-9]{8}$/, { error: 'Home council must be a council code like E06000019' }).nullable().optional()),
  interestFfa: z.preprocess((v) => (v === undefined ? undefined : v === 'yes' || v === true || v === 'true'), z.boolean().optional()),
  interestConcurrent: z.preprocess((v) => (v === undefined ? undefined : v === 'yes' || v === true || v === 'true'), z.boolean().optional()),
  assessingWorkerId: z.preprocess((v) => (v === '' ? null : v), uuid('the assessing social worker').nullable().optional()),
  applicants: z.array(applicantInput).min(1).max(2, { error: 'A household has one or two applicants' }).optional(),
});
export type UpdateHouseholdInput = z.output<typeof updateHouseholdInput>;

export const checkInput = z.object({
  kind: code(CHECK_KINDS, 'kind of check'),
  subject: z.string({ error: 'Enter who or what was checked' }).trim().min(1, { error: 'Enter who or what was checked' }).max(200),
  relative: yesNo.default(false),
  status: code(CHECK_STATUSES, 'status of the check').default('requested'),
  requestedOn: calendarDate('the date requested'),
  receivedOn: optionalDate('the date received'),
  issuedOn: optionalDate('the date of issue'),
  expiresOn: optionalDate('the expiry date'),
  notes: optionalText(2000),
});
export type CheckInput = z.output<typeof checkInput>;

export const updateCheckInput = z.object({
  status: code(CHECK_STATUSES, 'status of the check').optional(),
  relative: z.preprocess((v) => (v === undefined ? undefined : v === 'yes' || v === true || v === 'true'), z.boolean().optional()),
  receivedOn: z.preprocess((v) => (v === '' ? null : v), calendarDate('the date received').nullable().optional()),
  issuedOn: z.preprocess((v) => (v === '' ? null : v), calendarDate('the date of issue').nullable().optional()),
  expiresOn: z.preprocess((v) => (v === '' ? null : v), calendarDate('the expiry date').nullable().optional()),
  notes: clearableText(2000),
});

export const stageEventInput = z.object({
  type: code(EVENT_TYPES, 'kind of event'),
  date: calendarDate('the date'),
  outcome: z.preprocess(blank, code(OUTCOMES, 'decision').optional()),
  parStatus: z.preprocess(blank, code(PAR_STATUSES, 'report status (draft, quality-assured or final)').optional()),
  status: z.preprocess(blank, code(STATUSES, 'status').optional()),
  reason: z.preprocess(blank, code(LEAVING_REASONS, 'reason (withdrew, put-on-hold or refused)').optional()),
  staffId: z.preprocess(blank, uuid('the social worker').optional()),
  notes: optionalText(4000),
}).superRefine((e, ctx) => {
  const only = (field: 'outcome' | 'parStatus' | 'status', types: string[], what: string) => {
    if (e[field] !== undefined && !types.includes(e.type)) ctx.addIssue({ code: 'custom', path: [field], message: `${EVENT_TYPES[e.type]} takes no ${what}` });
    if (e[field] === undefined && types.includes(e.type)) ctx.addIssue({ code: 'custom', path: [field], message: `Select the ${what}` });
  };
  only('outcome', ['stage-1-decision', 'adm-decision'], 'decision');
  only('parStatus', ['par-status'], 'report status');
  only('status', ['status-change'], 'new status');
  if (e.outcome && e.type === 'stage-1-decision' && !['proceed', 'not-proceed'].includes(e.outcome)) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'The Stage 1 decision is proceed or not-proceed' });
  if (e.outcome && e.type === 'adm-decision' && !['approved', 'not-suitable'].includes(e.outcome)) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'The agency decision maker\'s decision is approved or not-suitable' });
});
export type StageEventBody = z.output<typeof stageEventInput>;

const tolerance = (need: string) => code(TOLERANCES, `tolerance for ${need.toLowerCase()}`);
const ages = z.coerce.number({ error: 'Enter an age in years' }).int({ error: 'Enter a whole number of years' }).min(0, { error: 'Age must be 0 to 17' }).max(17, { error: 'Age must be 0 to 17' });
const count = z.coerce.number({ error: 'Enter a number of children' }).int({ error: 'Enter a whole number' }).min(1, { error: 'Number of children must be 1 to 6' }).max(6, { error: 'Number of children must be 1 to 6' });

export const termsInput = z.object({
  minChildren: count, maxChildren: count, minAge: ages, maxAge: ages,
  childSex: z.preprocess((v) => (v === '' || v === undefined ? 'any' : v), z.enum(['any', 'M', 'F'], { error: 'Select any, M or F' })),
  siblingGroup: yesNo.default(false),
  tolerances: z.object(Object.fromEntries(Object.entries(NEEDS).map(([k, label]) => [k, tolerance(label)])) as Record<keyof typeof NEEDS, ReturnType<typeof tolerance>>),
  ethnicityConsiderations: optionalText(2000),
  religionConsiderations: optionalText(2000),
  languageConsiderations: optionalText(2000),
  areasToAvoid: optionalText(2000),
  religions: wordList('religion'),
  languages: wordList('language'),
  avoidCouncilIds: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(uuid('a council')).max(50)),
}).superRefine((t, ctx) => {
  if (t.maxChildren < t.minChildren) ctx.addIssue({ code: 'custom', path: ['maxChildren'], message: `Most children (${t.maxChildren}) cannot be fewer than the fewest (${t.minChildren})` });
  if (t.maxAge < t.minAge) ctx.addIssue({ code: 'custom', path: ['maxAge'], message: `Oldest age (${t.maxAge}) cannot be below the youngest (${t.minAge})` });
  if (t.siblingGroup && t.maxChildren < 2) ctx.addIssue({ code: 'custom', path: ['maxChildren'], message: 'A sibling group is two or more children: raise the most children' });
});
export type TermsInput = z.output<typeof termsInput>;

export const householdListQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()),
  status: z.preprocess(blank, code(STATUSES, 'status').optional()),
  stage: z.preprocess(blank, code(STAGES, 'stage').optional()),
  limit: z.coerce.number().int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }).default(50),
  offset: z.coerce.number().int().min(0, { error: 'offset must be 0 or more' }).default(0),
});
export type HouseholdListQuery = z.output<typeof householdListQuery>;

/** How the pool sorts: longest waiting since approval first (the default), or by reference, agency or where they live. */
export const POOL_SORTS = { waiting: 'Longest waiting first', reference: 'Reference', agency: 'Agency', council: 'Where they live' } as const;

export const poolQuery = z.object({
  children: z.preprocess(blank, z.coerce.number().int().min(1, { error: 'Number of children must be 1 to 6' }).max(6, { error: 'Number of children must be 1 to 6' }).optional()),
  age: z.preprocess(blank, z.coerce.number().int().min(0, { error: 'Age must be 0 to 17' }).max(17, { error: 'Age must be 0 to 17' }).optional()),
  siblingGroup: z.preprocess((v) => v === 'yes' || v === 'true' || v === true, z.boolean()).default(false),
  need: z.preprocess(blank, code(NEEDS, 'need').optional()),
  tolerance: z.preprocess(blank, code(TOLERANCES, 'tolerance').optional()),
  sort: z.preprocess(blank, code(POOL_SORTS, 'how to sort').default('waiting')),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }).default(25),
  offset: z.coerce.number({ error: 'offset must be a number' }).int().min(0, { error: 'offset must be 0 or more' }).default(0),
}).superRefine((p, ctx) => {
  if (p.tolerance && !p.need) ctx.addIssue({ code: 'custom', path: ['need'], message: 'Select the need the tolerance is for' });
});
export type PoolQuery = z.output<typeof poolQuery>;
