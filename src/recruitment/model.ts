// The front door's rules: what an enquirer may tell us, when an information pack and an ROI
// decision are due (5 working days each), where an enquiry stands, and the conversion funnel's
// percentages. Pure functions only.
import { addWorkingDays } from '../core/calendar.ts';

export const HEARD_FROM = {
  website: 'Website', 'social-media': 'Social media', 'friend-or-family': 'Friend or family', event: 'An event', advert: 'Advert', other: 'Other',
} as const;
export type HeardFrom = keyof typeof HEARD_FROM;

export const SOURCES = {
  'web-form': 'Online enquiry form', api: 'Partner website (API)', phone: 'Phone call', email: 'Email', event: 'At an event', other: 'Other',
} as const;

export const CONTACT_METHODS = {
  phone: 'Phone', email: 'Email', letter: 'Letter', 'in-person': 'In person', video: 'Video call', 'text-message': 'Text message',
} as const;

export const STATUSES = { open: 'Open', 'roi-received': 'Registration of interest received', 'not-proceeding': 'Not proceeding' } as const;
export type EnquiryStatus = keyof typeof STATUSES;

export const NOT_PROCEEDING_REASONS = [
  'No longer interested', 'Not the right time', 'Chose another agency', 'Could not be contacted', 'Not eligible to adopt', 'Other',
] as const;

/** Working days the front door has to send the information pack, and to decide an ROI (DOMAIN.md §2). */
export const INFO_PACK_WORKING_DAYS = 5;
export const ROI_DECISION_WORKING_DAYS = 5;

/** Enquiries this recent are "new" on the dashboard. */
export const NEW_FOR_DAYS = 7;

export const OUTSIDE = 'OUTSIDE';

export function infoPackDueOn(receivedOn: string): string {
  return addWorkingDays(receivedOn, INFO_PACK_WORKING_DAYS);
}

export function roiDecisionDueOn(receivedOn: string): string {
  return addWorkingDays(receivedOn, ROI_DECISION_WORKING_DAYS);
}

export interface Due {
  dueOn: string;
  overdue: boolean;
}

/** The information pack is due until it is sent, while the enquiry is open. */
export function infoPackDue(e: { receivedOn: string; infoPackSentOn: string | null; status: EnquiryStatus }, today: string): Due | null {
  if (e.infoPackSentOn || e.status !== 'open') return null;
  const dueOn = infoPackDueOn(e.receivedOn);
  return { dueOn, overdue: dueOn < today };
}

export function roiDecisionDue(r: { receivedOn: string; decision: string | null }, today: string): Due | null {
  if (r.decision) return null;
  const dueOn = roiDecisionDueOn(r.receivedOn);
  return { dueOn, overdue: dueOn < today };
}

/** Who delivers recruitment for a council on a day, from its `operating_model_on` rows (none: the council itself). */
export function frontDoorOf(councilId: string, rows: readonly { delivered_by: string; partnership_id: string; provider_id: string | null }[]): string {
  const row = rows[0];
  if (!row) return councilId;
  if (row.delivered_by === 'partnership') return row.partnership_id;
  if (row.delivered_by === 'provider' && row.provider_id) return row.provider_id;
  return councilId;
}

/** A percentage to one decimal place, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

export interface FunnelCounts {
  enquiries: number;
  rois: number;
  stage1: number;
  stage2: number;
  approved: number;
}

export function withConversion<T extends FunnelCounts>(row: T): T & { enquiryToRoi: number | null; enquiryToApproved: number | null } {
  return { ...row, enquiryToRoi: percent(row.rois, row.enquiries), enquiryToApproved: percent(row.approved, row.enquiries) };
}

/** A household reference: HH and six digits. */
export function householdReference(n: number): string {
  return `HH${String(n).padStart(6, '0')}`;
}
