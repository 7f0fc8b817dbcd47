// Input schemas for non-agency and inter-country adoptions, shared by the pages, the API and the
// demo. Each error names its field. A step's input is its fields alone; the model checks the
// record as it would be with them (model files).
import { z } from 'zod';
import { blank, calendarDate, oneOf, optionalText, requiredText, uuid } from '../core/validation.ts';
import { DECISIONS, INTERCOUNTRY_OUTCOMES, INTERCOUNTRY_STEPS, type IntercountryStep } from './intercountry-model.ts';
import { NON_AGENCY_OUTCOMES, NON_AGENCY_STEPS, RELATIONSHIPS, type NonAgencyStep } from './non-agency-model.ts';

const yesNo = (what: string) => z.preprocess((v) => (v === 'yes' || v === 'true' || v === true ? true : v === 'no' || v === 'false' || v === false ? false : v), z.boolean({ error: `Select ${what}` }));

const applicants = {
  applicant1Name: requiredText('the applicant\'s full name', 200),
  applicant2Name: optionalText('the second applicant\'s full name', 200),
};

export const openNonAgencyInput = z.object({
  councilId: uuid('the council that received the notice'),
  ...applicants,
  relationship: oneOf(RELATIONSHIPS, 'the applicants\' relationship to the child'),
  childName: requiredText('the child\'s full name', 200),
  childDateOfBirth: calendarDate('the child\'s date of birth'),
  noticeReceivedOn: calendarDate('the date the notice of intention was received'),
  residenceStartedOn: calendarDate('the date the child began living with the applicants'),
});
export type OpenNonAgencyInput = z.output<typeof openNonAgencyInput>;

/** Each step's fields. */
export const nonAgencyStepInputs = {
  application: z.object({ appliedOn: calendarDate('the date of the application'), court: requiredText('the court', 200), courtCaseNumber: optionalText('the case number', 50) }),
  'report-requested': z.object({ reportRequestedOn: calendarDate('the date the report was requested'), reportDueOn: calendarDate('the date the report is due') }),
  'report-filed': z.object({ reportFiledOn: calendarDate('the date the report was filed') }),
  outcome: z.object({ outcome: oneOf(NON_AGENCY_OUTCOMES, 'the outcome'), outcomeOn: calendarDate('the date of the outcome') }),
} satisfies Record<NonAgencyStep, z.ZodType>;

export const openIntercountryInput = z.object({
  councilId: uuid('the council whose agency assesses the applicants'),
  ...applicants,
  country: requiredText('the child\'s country', 100),
  hague: yesNo('whether it is a Hague Convention country'),
  enquiryOn: calendarDate('the date of the enquiry'),
});
export type OpenIntercountryInput = z.output<typeof openIntercountryInput>;

export const intercountryStepInputs = {
  commissioned: z.object({ assessmentProvider: requiredText('who the assessment is commissioned from', 200), assessmentCommissionedOn: calendarDate('the date the assessment was commissioned') }),
  'assessment-completed': z.object({ assessmentCompletedOn: calendarDate('the date the assessment was completed') }),
  panel: z.object({ panelOn: calendarDate('the date of the panel\'s recommendation') }),
  decision: z.object({ decision: oneOf(DECISIONS, 'the agency decision'), decisionOn: calendarDate('the date of the agency decision') }),
  'papers-sent': z.object({ dfePapersSentOn: calendarDate('the date the papers were sent to the DfE') }),
  certificate: z.object({ certificateIssuedOn: calendarDate('the date the certificate of eligibility was issued') }),
  matched: z.object({ childName: requiredText('the child\'s full name', 200), childDateOfBirth: calendarDate('the child\'s date of birth'), matchedOn: calendarDate('the date the child was proposed') }),
  arrived: z.object({ arrivedOn: calendarDate('the date the child arrived in England') }),
  'order-applied': z.object({ orderAppliedOn: calendarDate('the date of the application for an adoption order') }),
  outcome: z.object({ outcome: oneOf(INTERCOUNTRY_OUTCOMES, 'the outcome'), outcomeOn: calendarDate('the date of the outcome') }),
} satisfies Record<IntercountryStep, z.ZodType>;

export const nonAgencyStep = oneOf(NON_AGENCY_STEPS, 'the step');
export const intercountryStep = oneOf(INTERCOUNTRY_STEPS, 'the step');

const paging = {
  limit: z.coerce.number().int().min(1, { error: 'limit must be 1 to 200' }).max(200, { error: 'limit must be 1 to 200' }).default(25),
  offset: z.coerce.number().int().min(0, { error: 'offset must be 0 or more' }).default(0),
};

export const listQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()),
  council: z.preprocess(blank, uuid('the council').optional()),
  /** open: no outcome yet; closed: an outcome recorded; all (the default). */
  status: z.preprocess(blank, z.enum(['open', 'closed', 'all'], { error: 'status must be open, closed or all' }).default('all')),
  ...paging,
});
export type ListQuery = z.output<typeof listQuery>;
