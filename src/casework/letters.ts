// Letters the agency sends, held as data: each template says which record it is for, the fields
// it needs and its wording with {{placeholders}}. fillLetter checks the fields and returns a
// PdfDocument (renderPdf makes the PDF). Pure: no I/O.
//
// Wording is plain and kind, and signed by role, never by a person's name: the letter outlives
// whoever holds the post. The process it describes is the one in England (Adoption Agencies
// Regulations 2005 as amended): Stage 1, pre-assessment, up to two months; a break of up to six
// months; Stage 2, assessment, four months; the panel's recommendation and the Agency Decision
// Maker's decision, with 40 working days to ask for a proposed "not suitable" decision to be
// looked at again by the decision maker or the Independent Review Mechanism.
import { lowerFirst } from '../core/text.ts';
import { formatDate, isCalendarDate } from '../core/dates.ts';
import { ValidationError, type FieldError } from '../core/errors.ts';
import { textFault } from '../core/text.ts';
import type { PdfDocument } from './pdf.ts';

/**
 * text: one line in a sentence (a name); lines: several lines (an address); paragraphs: text
 * whose line breaks are kept (reasons, from a text area); date: `YYYY-MM-DD`, written
 * "2 January 2026".
 */
export type LetterFieldKind = 'text' | 'lines' | 'paragraphs' | 'date';

export interface LetterField {
  name: string;
  label: string;
  kind: LetterFieldKind;
  /** A date of something that has happened (a decision, a panel): not after the letter's date. */
  past?: boolean;
}

/** The longest value each kind of field takes: a letter is a page or two, and making its PDF holds the process. */
export const FIELD_MAX_LENGTH: Record<LetterFieldKind, number> = { text: 200, lines: 600, paragraphs: 6000, date: 10 };

export interface LetterTemplate {
  id: string;
  title: string;
  category: 'letter';
  appliesTo: 'household' | 'enquiry';
  /** The protective marking at the foot of each page. */
  marking: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  /** Every field is required. */
  fields: readonly LetterField[];
  /** The heading of the letter, which may hold placeholders. */
  heading: string;
  /** From "Dear …" to the sign-off, one paragraph each. */
  paragraphs: readonly string[];
  /** The closing and the signatory's role, one line each. */
  signOff: readonly string[];
}

// Fields every letter has: who it is from and to, and the reference the reader quotes back.
const COMMON: readonly LetterField[] = [
  { name: 'agencyName', label: 'Agency name', kind: 'text' },
  { name: 'addressee', label: 'Name on the envelope', kind: 'text' },
  { name: 'address', label: 'Address', kind: 'lines' },
  { name: 'salutation', label: 'Name after "Dear"', kind: 'text' },
  { name: 'reference', label: 'Reference', kind: 'text' },
];

const date = (name: string, label: string): LetterField => ({ name, label, kind: 'date', past: name !== 'respondBy' });
const text = (name: string, label: string): LetterField => ({ name, label, kind: 'text' });
const longText = (name: string, label: string): LetterField => ({ name, label, kind: 'paragraphs' });

const ASSESSMENT_MANAGER = ['Yours sincerely', '', 'Team Manager, Adopter Assessment', '{{agencyName}}'];
const DECISION_MAKER = ['Yours sincerely', '', 'Agency Decision Maker', '{{agencyName}}'];

export const LETTER_TEMPLATES: readonly LetterTemplate[] = [
  {
    id: 'stage-1-proceed',
    title: 'Stage 1 decision: go on to Stage 2',
    category: 'letter',
    appliesTo: 'household',
    marking: 'OFFICIAL-SENSITIVE',
    fields: [...COMMON, date('decidedOn', 'Date of the Stage 1 decision')],
    heading: 'Your application to adopt: you can go on to Stage 2',
    paragraphs: [
      'Dear {{salutation}}',
      'Thank you for the time and thought you have given to Stage 1 of your application to adopt with {{agencyName}}.',
      'We have looked at everything gathered during Stage 1, including your checks, your references and the preparation you have done. On {{decidedOn}} we decided that you can go on to Stage 2, the assessment.',
      'When you are ready to start Stage 2, please let us know in writing. You can take a break of up to six months first if you need one. If we have not heard from you within six months of our decision, we will close your application, and you would be welcome to register your interest again.',
      'Stage 2 usually takes four months. Your social worker will meet you at home several times to get to know you, and will write a report about you, the prospective adopter\'s report. You will see the report and can comment on it before it goes to the adoption panel.',
      'If you have any questions, please contact us and quote reference {{reference}}.',
    ],
    signOff: ASSESSMENT_MANAGER,
  },
  {
    id: 'stage-1-not-proceed',
    title: 'Stage 1 decision: not to go on to Stage 2',
    category: 'letter',
    appliesTo: 'household',
    marking: 'OFFICIAL-SENSITIVE',
    fields: [...COMMON, date('decidedOn', 'Date of the Stage 1 decision'), longText('reasons', 'Reasons for the decision')],
    heading: 'Your application to adopt: our Stage 1 decision',
    paragraphs: [
      'Dear {{salutation}}',
      'Thank you for the time and care you have put into Stage 1 of your application to adopt with {{agencyName}}.',
      'We are sorry to tell you that on {{decidedOn}} we decided that your application should not go on to Stage 2.',
      'The reasons for our decision are:',
      '{{reasons}}',
      'We know this will be disappointing. Your social worker would be glad to talk the decision through with you and to explain anything in this letter.',
      'If you are unhappy with the decision, or with how your application was handled, you can make a complaint. Please contact us, quoting reference {{reference}}, and we will send you details of our complaints procedure.',
    ],
    signOff: ASSESSMENT_MANAGER,
  },
  {
    id: 'adm-approval',
    title: 'Agency decision: approved to adopt',
    category: 'letter',
    appliesTo: 'household',
    marking: 'OFFICIAL-SENSITIVE',
    fields: [
      ...COMMON,
      date('panelDate', 'Date of the adoption panel'),
      date('decidedOn', 'Date of the decision'),
      text('approvedFor', 'The children the panel advised on (for example, one child aged up to 4)'),
    ],
    heading: 'Your application to adopt: approval',
    paragraphs: [
      'Dear {{salutation}}',
      'I am delighted to tell you that you have been approved as suitable to adopt a child.',
      'The adoption panel met on {{panelDate}} and recommended your approval. I have considered the panel\'s recommendation, your prospective adopter\'s report and the other information about you, and on {{decidedOn}} I decided that you are suitable to adopt.',
      'The panel advised that you would be best placed to care for {{approvedFor}}. This will guide how we look for a child for you, and we will talk with you first about any child outside it.',
      'Your social worker will be in touch soon to talk about family finding and the support available to you before and after a child joins your family.',
      'We will review your approval if your circumstances change, and if a child has not been placed with you within a year. Please tell us about any change in your household, health or work.',
      'Congratulations, and thank you for all you have shared with us during your assessment. Please quote reference {{reference}} when you contact us.',
    ],
    signOff: DECISION_MAKER,
  },
  {
    id: 'adm-not-suitable',
    title: 'Agency decision: not approved to adopt',
    category: 'letter',
    appliesTo: 'household',
    marking: 'OFFICIAL-SENSITIVE',
    fields: [
      ...COMMON,
      date('panelDate', 'Date of the adoption panel'),
      date('decidedOn', 'Date of the decision'),
      longText('reasons', 'Reasons for the decision'),
      date('respondBy', 'Last day to ask for the decision to be looked at again'),
    ],
    heading: 'Your application to adopt: my decision',
    paragraphs: [
      'Dear {{salutation}}',
      'Thank you for everything you have shared with us during your assessment.',
      'The adoption panel met on {{panelDate}} to consider your application. I have considered the panel\'s recommendation, your prospective adopter\'s report and your comments on it. I am sorry to tell you that on {{decidedOn}} I decided that I do not propose to approve you as suitable to adopt a child.',
      'My reasons are:',
      '{{reasons}}',
      'This decision is not yet final. If you would like it looked at again, you can either write to me with anything you would like me to consider, or ask the Independent Review Mechanism, which is independent of {{agencyName}}, to review your application. Please do one or the other by {{respondBy}}. If we have not heard from you by then, the decision will become final.',
      'We know this is hard news. Your social worker is available to talk it through with you and to help you decide what you would like to do. Please quote reference {{reference}} when you contact us.',
    ],
    signOff: DECISION_MAKER,
  },
  {
    id: 'information-pack',
    title: 'Information pack covering letter',
    category: 'letter',
    appliesTo: 'enquiry',
    marking: 'OFFICIAL',
    fields: [...COMMON, date('enquiredOn', 'Date of the enquiry')],
    heading: 'Thinking about adoption: your information pack',
    paragraphs: [
      'Dear {{salutation}}',
      'Thank you for getting in touch on {{enquiredOn}} about adopting with {{agencyName}}. Please find our information pack enclosed.',
      'The pack tells you about the children who are waiting for families, how the adoption process works, and the support we offer before and after a child joins your family.',
      'When you are ready, the first step is to register your interest with us. We will talk with you and, if we agree to go ahead together, Stage 1 begins. Stage 1 takes up to two months and includes checks, references and preparation training. Stage 2, the assessment, usually takes four months.',
      'You are welcome to come to one of our information events, or to contact us with any questions, quoting reference {{reference}}. There is no obligation, and no question is too small.',
    ],
    signOff: ['Best wishes', '', 'Recruitment and Enquiries Team', '{{agencyName}}'],
  },
];

const BY_ID = new Map(LETTER_TEMPLATES.map((t) => [t.id, t]));

export function letterTemplate(id: string): LetterTemplate | undefined {
  return BY_ID.get(id);
}

const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;

/** The placeholder names a piece of template text uses, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (m) => m[1]!))];
}

/**
 * The letter as a document to render. Throws a ValidationError naming every field that is
 * missing, blank or not what its kind needs, or `templateId` when there is no such template.
 * Values are used as plain text: each is put in once, and a value that happens to contain
 * `{{…}}` is printed as typed, never filled in again.
 */
export function fillLetter(templateId: string, fields: Readonly<Record<string, string | undefined>>, today: string): PdfDocument {
  const template = BY_ID.get(templateId);
  if (!template) throw ValidationError.of('templateId', `There is no letter template "${templateId}"`);
  if (!isCalendarDate(today)) throw ValidationError.of('today', 'Enter a real date in the form YYYY-MM-DD');
  const { values, errors } = readFields(template, fields, today);
  // The time to ask for a decision to be looked at again runs from the decision.
  const [decided, respondBy] = [fields.decidedOn?.trim(), fields.respondBy?.trim()];
  if (template.fields.some((f) => f.name === 'respondBy') && values.has('respondBy') && values.has('decidedOn') && respondBy! <= decided!) {
    errors.push({ field: 'respondBy', message: 'The last day to ask for the decision to be looked at again must be after the date of the decision' });
  }
  if (errors.length) throw new ValidationError(errors);
  // One pass over the template text: what a value contains is never looked at again.
  const fill = (s: string) => s.replace(PLACEHOLDER, (_, name: string) => values.get(name) ?? '');
  const addressLines = (values.get('address') ?? '').split('\n');
  return {
    title: fill(template.heading),
    sender: values.get('agencyName'),
    address: [values.get('addressee') ?? '', ...addressLines],
    date: today,
    reference: values.get('reference'),
    paragraphs: [...template.paragraphs.map(fill), template.signOff.map(fill).join('\n')],
    footer: template.marking,
  };
}

function readFields(template: LetterTemplate, fields: Readonly<Record<string, string | undefined>>, today: string) {
  const values = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const field of template.fields) {
    // Own properties only: a field named like Object.prototype's members is not "given".
    const raw = Object.hasOwn(fields, field.name) ? fields[field.name] : undefined;
    const value = typeof raw === 'string' ? normalise(raw, field.kind) : '';
    if (!value) {
      errors.push({ field: field.name, message: `Enter ${lowerFirst(field.label)}` });
      continue;
    }
    if (value.length > FIELD_MAX_LENGTH[field.kind]) {
      errors.push({ field: field.name, message: `${field.label} must be ${FIELD_MAX_LENGTH[field.kind].toLocaleString('en-GB')} characters or fewer` });
      continue;
    }
    const fault = textFault(value);
    if (fault) {
      errors.push({ field: field.name, message: `${field.label} ${fault}` });
      continue;
    }
    if (field.kind === 'date') {
      if (!isCalendarDate(value)) {
        errors.push({ field: field.name, message: `${field.label} must be a real date in the form YYYY-MM-DD` });
        continue;
      }
      if (field.past && value > today) {
        errors.push({ field: field.name, message: `${field.label} must be today or earlier` });
        continue;
      }
      values.set(field.name, formatDate(value));
    } else {
      values.set(field.name, value);
    }
  }
  return { values, errors };
}

// Line breaks stay only in lines and paragraphs; a name or a date is one line, so a stray
// line break cannot split a sentence. Blank lines, runs of spaces and outer spaces go.
function normalise(raw: string, kind: LetterFieldKind): string {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[\t ]+/g, ' ').trim()).filter(Boolean);
  return lines.join(kind === 'lines' || kind === 'paragraphs' ? '\n' : ' ');
}

