// Input schemas for the panel, shared by the pages, the API and the demo. Each error names its field.
import { z } from 'zod';
import { calendarDate, uuid } from '../core/validation.ts';
import { ALL_DECISIONS, ITEM_KINDS, MEMBER_ROLES } from './model.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (what: string, max: number) => z.string({ error: `Enter ${what}` }).trim().min(1, { error: `Enter ${what}` })
  .max(max, { error: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer` });
const optionalText = (what: string, max: number) => z.preprocess(blank, z.string().trim().max(max, { error: `${what} must be ${max} characters or fewer` }).optional());
const oneOf = <T extends Record<string, string>>(codes: T, what: string) =>
  z.enum(Object.keys(codes) as [keyof T & string, ...(keyof T & string)[]], { error: (issue) => (issue.input === undefined || issue.input === '' ? `Select ${what}` : `${String(issue.input)} is not a valid ${what.replace(/^the /, '')}`) });
const yesNo = z.preprocess((v) => v === 'yes' || v === true || v === 'true', z.boolean());
const whole = (what: string, min: number, max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
  z.number({ error: `Enter ${what} as a whole number` }).int({ error: `Enter ${what} as a whole number` })
    .min(min, { error: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${min} or more` }).max(max, { error: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} or fewer` }));
const ids = (what: string) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(uuid(what)).max(100, { error: `Select up to 100 ${what}s` }));

export const panelInput = z.object({
  name: text('the name of the panel', 200),
  /** The owner: the person's own organisation unless named. */
  ownerId: z.preprocess(blank, uuid('the organisation the panel belongs to').optional()),
  quorumMinPresent: z.preprocess(blank, whole('the number of members present for a quorum', 1, 20).optional()),
  quorumChairOrVice: z.preprocess(blank, yesNo.optional()),
  /** Years of post-qualifying experience a social work member needs for the quorum; "none" when no social worker is needed. */
  quorumSocialWorkerYears: z.preprocess((v) => (v === 'none' ? null : blank(v)), whole('the social work member\'s years of experience', 0, 40).nullable().optional()),
  quorumIndependent: z.preprocess(blank, yesNo.optional()),
  decisionWorkingDays: z.preprocess(blank, whole('the working days the decision maker has', 1, 60).optional()),
});
export type PanelInput = z.output<typeof panelInput>;

export const memberInput = z.object({
  name: text('the member\'s name', 200),
  role: oneOf(MEMBER_ROLES, 'the member\'s role'),
  staffId: z.preprocess(blank, uuid('the member\'s Mercia account').optional()),
  pqeYears: z.preprocess(blank, whole('the years of post-qualifying experience', 0, 60).optional()),
  personalExperience: yesNo.default(false),
  joinedOn: calendarDate('the date the member joined'),
});
export type MemberInput = z.output<typeof memberInput>;

export const meetingInput = z.object({
  date: calendarDate('the date of the meeting'),
  venue: text('the venue', 200),
  papersUntil: calendarDate('the last day members may read the papers'),
  expected: ids('member'),
});
export type MeetingInput = z.output<typeof meetingInput>;

/** An agenda item: a household (by id, or reference on the page) for an approval or review, a link for a match, a child for SHOBPA. */
export const itemInput = z.object({
  kind: oneOf(ITEM_KINDS, 'the kind of item'),
  householdId: z.preprocess(blank, uuid('the household').optional()),
  reference: z.preprocess(blank, z.string().trim().max(30, { error: 'Reference must be 30 characters or fewer' }).optional()),
  linkId: z.preprocess(blank, uuid('the link').optional()),
  childId: z.preprocess(blank, uuid('the child').optional()),
}).superRefine((i, ctx) => {
  if ((i.kind === 'approval' || i.kind === 'review') && !i.householdId && !i.reference) ctx.addIssue({ code: 'custom', path: ['householdId'], message: 'Select the household' });
  if (i.kind === 'match' && !i.linkId) ctx.addIssue({ code: 'custom', path: ['linkId'], message: 'Select the link to be matched' });
  if (i.kind === 'shobpa' && !i.childId) ctx.addIssue({ code: 'custom', path: ['childId'], message: 'Select the child' });
});
export type ItemInput = z.output<typeof itemInput>;

export const attendanceInput = z.object({
  attendance: z.array(z.object({ memberId: uuid('the member'), attended: yesNo }), { error: 'Record who attended' }).min(1, { error: 'Record whether at least one member attended' }),
});
export type AttendanceInput = z.output<typeof attendanceInput>;

export const recommendationInput = z.object({
  recommendation: oneOf(ALL_DECISIONS, 'the panel\'s recommendation'),
  reasons: text('the panel\'s reasons', 6000),
  approvedFor: optionalText('The panel\'s advice', 200),
  dissent: z.preprocess((v) => v ?? [], z.array(z.object({ memberId: uuid('the member who dissents'), reason: text('the reason for the dissent', 2000) })).max(20)),
});
export type RecommendationInput = z.output<typeof recommendationInput>;

export const papersInput = z.object({ documentIds: ids('document') });

export const minutesInput = z.object({ minutes: optionalText('The minutes', 20000) });

export const decisionInput = z.object({
  itemId: uuid('the agenda item'),
  decision: oneOf(ALL_DECISIONS, 'the decision'),
  reasons: text('the reasons for the decision', 6000),
  decidedOn: calendarDate('the date of the decision'),
});
export type DecisionInput = z.output<typeof decisionInput>;
