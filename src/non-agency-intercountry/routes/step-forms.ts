// The forms for each step of a case, by step: title, button, the message after saving, and the
// fields (core/http/form-fields.ts). Both record types' step pages draw from here; a step's form shows the
// values already recorded, so a recorded step can be corrected.
import { dateParts, one, dateFromParts, type Body } from '../../core/http/forms.ts';
import { DECISIONS, INTERCOUNTRY_OUTCOMES, type IntercountryStep } from '../intercountry-model.ts';
import { NON_AGENCY_OUTCOMES, type NonAgencyStep } from '../non-agency-model.ts';
import { dateField, inputField, radioField, type Field } from '../../core/http/form-fields.ts';

export interface StepForm {
  title: string;
  button: string;
  flash: string;
  fields: Field[];
}

export const NON_AGENCY_FORMS: Record<NonAgencyStep, StepForm> = {
  application: {
    title: 'Application to court', button: 'Save the application', flash: 'The application to court has been recorded.',
    fields: [dateField('appliedOn', 'Date the application was made', 'At least 3 months and at most 2 years after the notice of intention. For example, 27 3 2026'), inputField('court', 'Court', 'For example, Family Court at Worcester'), inputField('courtCaseNumber', 'Case number (optional)')],
  },
  'report-requested': {
    title: 'Court report requested', button: 'Save the request', flash: 'The court\'s request for a report has been recorded.',
    fields: [dateField('reportRequestedOn', 'Date the court asked for the report'), dateField('reportDueOn', 'Date the report is due')],
  },
  'report-filed': {
    title: 'Court report filed', button: 'Save', flash: 'The court report has been recorded as filed.',
    fields: [dateField('reportFiledOn', 'Date the report was filed with the court')],
  },
  outcome: {
    title: 'Outcome', button: 'Record the outcome and close the case', flash: 'The outcome has been recorded and the case closed.',
    fields: [radioField('outcome', 'Outcome', NON_AGENCY_OUTCOMES), dateField('outcomeOn', 'Date of the outcome')],
  },
};

export const INTERCOUNTRY_FORMS: Record<IntercountryStep, StepForm> = {
  commissioned: {
    title: 'Assessment commissioned', button: 'Save', flash: 'The assessment has been recorded as commissioned.',
    fields: [inputField('assessmentProvider', 'Commissioned from', 'For example, a specialist inter-country adoption assessment agency'), dateField('assessmentCommissionedOn', 'Date commissioned')],
  },
  'assessment-completed': { title: 'Assessment completed', button: 'Save', flash: 'The assessment has been recorded as completed.', fields: [dateField('assessmentCompletedOn', 'Date completed')] },
  panel: { title: 'Panel recommendation', button: 'Save', flash: 'The panel\'s recommendation has been recorded.', fields: [dateField('panelOn', 'Date of the panel\'s recommendation')] },
  decision: { title: 'Agency decision', button: 'Save the decision', flash: 'The agency decision has been recorded.', fields: [radioField('decision', 'Decision', DECISIONS), dateField('decisionOn', 'Date of the decision')] },
  'papers-sent': { title: 'Papers sent to the DfE', button: 'Save', flash: 'The papers have been recorded as sent to the DfE.', fields: [dateField('dfePapersSentOn', 'Date the papers were sent to the DfE')] },
  certificate: { title: 'Certificate of eligibility', button: 'Save', flash: 'The certificate of eligibility has been recorded.', fields: [dateField('certificateIssuedOn', 'Date the DfE issued the certificate')] },
  matched: {
    title: 'Child proposed', button: 'Save', flash: 'The child proposed has been recorded.',
    fields: [inputField('childName', 'Child\'s full name'), dateField('childDateOfBirth', 'Child\'s date of birth'), dateField('matchedOn', 'Date the child was proposed')],
  },
  arrived: { title: 'Arrival in England', button: 'Save', flash: 'The child\'s arrival has been recorded.', fields: [dateField('arrivedOn', 'Date the child arrived in England')] },
  'order-applied': { title: 'Application for an adoption order', button: 'Save', flash: 'The application for an adoption order has been recorded.', fields: [dateField('orderAppliedOn', 'Date of the application')] },
  outcome: {
    title: 'Outcome', button: 'Record the outcome and close the case', flash: 'The outcome has been recorded and the case closed.',
    fields: [radioField('outcome', 'Outcome', INTERCOUNTRY_OUTCOMES), dateField('outcomeOn', 'Date of the outcome')],
  },
};

/** The form's input from a urlencoded body: date inputs joined, other fields as given. */
export function inputOf(fields: readonly Field[], body: Body): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, f.kind === 'date' ? dateFromParts(body, f.name) : one(body, f.name)]));
}

/** The values recorded on the record, as the form's fields show them. */
export function valuesOf(fields: readonly Field[], record: Record<string, unknown>): Body {
  return Object.assign({}, ...fields.map((f) => {
    const v = record[f.name];
    if (v === null || v === undefined) return {};
    return f.kind === 'date' ? dateParts(f.name, String(v)) : { [f.name]: String(v) };
  })) as Body;
}
