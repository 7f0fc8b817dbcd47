// Kysely's view of migrations/004_recruitment.sql, merged into the shared Database interface.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';

export interface InformationEventTable {
  id: Generated<string>;
  organiser_id: string;
  title: string;
  event_date: CalendarDate;
  start_time: string;
  venue: string;
  venue_council_id: string;
  capacity: number;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface EnquiryTable {
  id: Generated<string>;
  front_door_id: string;
  council_id: string | null;
  partnership_id: string | null;
  received_on: CalendarDate;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  heard_from: string;
  source: Generated<string>;
  campaign: string | null;
  consent_given: boolean;
  info_pack_sent_on: CalendarDate | null;
  status: Generated<'open' | 'roi-received' | 'not-proceeding'>;
  closed_on: CalendarDate | null;
  not_proceeding_reason: string | null;
  created_at: Generated<Date>;
}

export interface EnquiryContactTable {
  id: Generated<string>;
  enquiry_id: string;
  contact_on: CalendarDate;
  method: string;
  notes: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface EventInvitationTable {
  event_id: string;
  enquiry_id: string;
  invited_on: CalendarDate;
  attended: boolean | null;
}

export interface RegistrationOfInterestTable {
  id: Generated<string>;
  enquiry_id: string;
  received_on: CalendarDate;
  decision: 'accepted' | 'declined' | null;
  decided_on: CalendarDate | null;
  decline_reason: string | null;
  decided_by: string | null;
  household_id: string | null;
  created_at: Generated<Date>;
}

declare module '../core/schema.ts' {
  interface Database {
    information_event: InformationEventTable;
    enquiry: EnquiryTable;
    enquiry_contact: EnquiryContactTable;
    event_invitation: EventInvitationTable;
    registration_of_interest: RegistrationOfInterestTable;
  }
}
