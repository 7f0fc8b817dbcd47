// The letter telling the adopters of the agency decision maker's decision on a panel item,
// ready to print (the page's print styles) or as a PDF (casework's PDF maker). An approval or a
// "not suitable" decision uses the agency's own wording for those letters (casework's templates);
// a match and a review of approval have theirs here. A SHOBPA decision is about a child, not
// adopters: it has no letter to adopters. Pure: no I/O. Values are put in once, as plain text.
import { letterTemplate, type LetterTemplate } from '../casework/letters.ts';
import type { PdfDocument } from '../casework/pdf.ts';
import { addWorkingDays } from '../core/calendar.ts';
import { formatDate } from '../core/dates.ts';
import type { Decision, ItemKind } from './model.ts';

/** The working days adopters have to ask for a proposed "not suitable" decision to be looked at again (AAR 2005 reg 30B(4)–(5)). */
export const REPRESENTATION_WORKING_DAYS = 40;

const DECISION_MAKER = ['Yours sincerely', '', 'Agency Decision Maker', '{{agencyName}}'];

type Wording = Pick<LetterTemplate, 'heading' | 'paragraphs' | 'signOff'>;

const PANEL_LETTERS: Record<string, Wording> = {
  match: {
    heading: 'Your match with {{childNames}}',
    paragraphs: [
      'Dear {{salutation}}',
      'The adoption panel met on {{panelDate}} and recommended that {{childNames}} should be placed with you for adoption.',
      'I have considered the panel\'s recommendation, the child\'s permanence report, your prospective adopter\'s report and the proposed adoption support plan, and on {{decidedOn}} I decided that {{childNames}} should be placed with you.',
      'Your social worker and the child\'s social worker will now plan introductions with you, and will talk with you about the support you will have when {{childNames}} joins your family.',
      'The reasons for my decision are:',
      '{{reasons}}',
      'Please quote reference {{reference}} when you contact us.',
    ],
    signOff: DECISION_MAKER,
  },
  'do-not-match': {
    heading: 'The proposed match with {{childNames}}',
    paragraphs: [
      'Dear {{salutation}}',
      'The adoption panel met on {{panelDate}} to consider the proposed match with {{childNames}}. I have considered its recommendation and the reports before it, and I am sorry to tell you that on {{decidedOn}} I decided that {{childNames}} should not be placed with you.',
      'My reasons are:',
      '{{reasons}}',
      'We know this will be very hard to hear. Your social worker will be in touch to talk it through with you, and you remain approved to adopt. Please quote reference {{reference}} when you contact us.',
    ],
    signOff: DECISION_MAKER,
  },
  continue: {
    heading: 'The review of your approval to adopt',
    paragraphs: [
      'Dear {{salutation}}',
      'The adoption panel met on {{panelDate}} to consider the review of your approval. On {{decidedOn}} I decided that you continue to be approved as suitable to adopt a child.',
      'My reasons are:',
      '{{reasons}}',
      'Please tell us about any change in your household, health or work, and quote reference {{reference}} when you contact us.',
    ],
    signOff: DECISION_MAKER,
  },
  'de-register': {
    heading: 'The review of your approval to adopt: my decision',
    paragraphs: [
      'Dear {{salutation}}',
      'The adoption panel met on {{panelDate}} to consider the review of your approval. I have considered its recommendation and the review report, and I am sorry to tell you that on {{decidedOn}} I decided that you are no longer suitable to adopt a child.',
      'My reasons are:',
      '{{reasons}}',
      'If you would like this decision looked at again, you can write to me with anything you would like me to consider, or ask the Independent Review Mechanism to review it. Please do one or the other by {{respondBy}}.',
      'Your social worker is available to talk this through with you. Please quote reference {{reference}} when you contact us.',
    ],
    signOff: DECISION_MAKER,
  },
};

export interface LetterFacts {
  kind: ItemKind;
  decision: Decision;
  agencyName: string;
  /** The adopters' names and how they are greeted ("Sam and Alex"). */
  addressee: string;
  salutation: string;
  reference: string;
  panelDate: string;
  decidedOn: string;
  reasons: string;
  approvedFor: string | null;
  childNames: string | null;
  /** The address as typed on the letter page, one line each (may be empty: the letter then leaves room for it). */
  address: readonly string[];
  today: string;
}

function wordingFor(f: LetterFacts): Wording | undefined {
  if (f.kind === 'approval') return letterTemplate(f.decision === 'approve' ? 'adm-approval' : 'adm-not-suitable');
  if (f.kind === 'match' || f.kind === 'review') return PANEL_LETTERS[f.decision];
  return undefined;
}

/** Whether a decision of this kind is told to adopters by letter. */
export function hasLetter(kind: ItemKind): boolean {
  return kind !== 'shobpa';
}

/** The letter for the decision, or undefined for one that is not told to adopters (SHOBPA). */
export function decisionLetter(f: LetterFacts): PdfDocument | undefined {
  const wording = wordingFor(f);
  if (!wording) return undefined;
  const values: Record<string, string> = {
    agencyName: f.agencyName, salutation: f.salutation, reference: f.reference, panelDate: formatDate(f.panelDate), decidedOn: formatDate(f.decidedOn),
    reasons: f.reasons, approvedFor: f.approvedFor ?? 'the children the panel advised on', childNames: f.childNames ?? '',
    respondBy: formatDate(addWorkingDays(f.decidedOn, REPRESENTATION_WORKING_DAYS)),
  };
  const fill = (s: string) => s.replace(/\{\{([A-Za-z]+)\}\}/g, (_, name: string) => values[name] ?? '');
  return {
    title: fill(wording.heading), sender: f.agencyName, address: [f.addressee, ...f.address], date: f.today, reference: f.reference,
    paragraphs: [...wording.paragraphs.map(fill), wording.signOff.map(fill).join('\n')], footer: 'OFFICIAL-SENSITIVE',
  };
}
