// Input schemas for matching: the ranked lists' filters and pages, opening a link, moving it on,
// closing it with a reason, and a partnership's weights.
import { z } from 'zod';
import { calendarDate, uuid } from '../core/validation.ts';
import { FACTORS } from './model.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max, { error: `Must be ${max} characters or fewer` }).optional());
const choice = <T extends Record<string, string>>(options: T, what: string) =>
  z.enum(Object.keys(options) as [keyof T & string, ...(keyof T & string)[]], { error: `Select ${what}` });

export const TIERS = { council: 'Within the council', partnership: 'Within the partnership', 'inter-agency': 'Other agencies (inter-agency)' } as const;

export const LINK_STATUSES = {
  interest: 'Interest expressed', exploring: 'Exploring', shortlisted: 'Shortlisted', proceeding: 'Proceeding to match', matched: 'Matched', closed: 'Closed',
} as const;
export type LinkStatus = keyof typeof LINK_STATUSES;

/** The order a link moves in; it may skip forward but never go back. */
export const LINK_STEPS: readonly LinkStatus[] = ['interest', 'exploring', 'shortlisted', 'proceeding'];

export const CLOSE_REASONS = {
  'adopters-declined': 'The adopters decided not to go on', 'agency-declined': 'The child\'s agency decided not to go on',
  'child-needs': 'The household could not meet the child\'s needs', 'another-family-chosen': 'Another family was chosen for the child',
  'child-plan-changed': 'The child\'s plan changed', 'household-unavailable': 'The household is no longer available',
  'matched-elsewhere': 'The household was matched with another child', other: 'Another reason',
} as const;
export type CloseReason = keyof typeof CLOSE_REASONS;

const page = {
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }).default(20),
  offset: z.coerce.number({ error: 'offset must be a number' }).int().min(0, { error: 'offset must be 0 or more' }).max(1_000_000).default(0),
};

export const familiesQuery = z.object({
  tier: z.preprocess(blank, choice(TIERS, 'where to look').optional()),
  agency: z.preprocess(blank, uuid('an agency').optional()),
  sort: z.preprocess(blank, z.union([z.literal('score'), choice(FACTORS, 'a factor to sort by')]).default('score')),
  ...page,
});
export type FamiliesQuery = z.output<typeof familiesQuery>;

export const excludedQuery = z.object({ ...page });

export const childrenQuery = z.object({ ...page });

export const openLinkInput = z.object({
  childId: uuid('the child'),
  householdId: uuid('the household'),
  openedOn: calendarDate('the date the link was opened').optional(),
  notes: optionalText(4000),
});

export const moveLinkInput = z.object({
  status: z.enum(['exploring', 'shortlisted', 'proceeding'], { error: 'Select exploring, shortlisted or proceeding to match' }),
  on: calendarDate('the date').optional(),
  notes: optionalText(4000),
});

export const closeLinkInput = z.object({
  reason: choice(CLOSE_REASONS, 'why the link closed'),
  on: calendarDate('the date').optional(),
  notes: optionalText(4000),
}).superRefine((c, ctx) => {
  if (c.reason === 'other' && !c.notes) ctx.addIssue({ code: 'custom', path: ['notes'], message: 'Say why the link closed' });
});

const weight = (label: string) => z.coerce.number({ error: `Enter the weight for ${label}` }).min(0, { error: `The weight for ${label} must be 0 to 1` }).max(1, { error: `The weight for ${label} must be 0 to 1` });

export const settingsInput = z.object({
  linkCap: z.coerce.number({ error: 'Enter the most open links a household may have' }).int({ error: 'Enter a whole number' }).min(1, { error: 'The cap must be 1 to 20' }).max(20, { error: 'The cap must be 1 to 20' }),
  weights: z.object(Object.fromEntries(Object.entries(FACTORS).map(([k, label]) => [k, weight(label.toLowerCase())])) as Record<keyof typeof FACTORS, ReturnType<typeof weight>>),
}).superRefine((s, ctx) => {
  if (Object.values(s.weights).every((w) => w === 0)) ctx.addIssue({ code: 'custom', path: ['weights.needs'], message: 'At least one weight must be above 0' });
});
