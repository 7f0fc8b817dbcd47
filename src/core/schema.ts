// Kysely's view of the tables in migrations/. Keep in step with the SQL.
import type { ColumnType, Generated } from 'kysely';

/** A calendar date, `YYYY-MM-DD` (pg returns DATE columns as strings: see db.ts). */
export type CalendarDate = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationTable {
  id: Generated<string>;
  kind: 'local-authority' | 'partnership' | 'agency';
  name: string;
  slug: string;
  code: string | null;
  host_id: string | null;
  /** The DfE's three-digit LA number (SSDA903 returns name the council by it). */
  la_number: Generated<string | null>;
  created_at: Generated<Date>;
}

export interface MembershipTable {
  id: Generated<string>;
  partnership_id: string;
  member_id: string;
  kind: 'member' | 'affiliate';
  joined_on: CalendarDate;
  left_on: CalendarDate | null;
  created_at: Generated<Date>;
}

export interface ServiceFunctionTable {
  code: string;
  name: string;
  position: number;
}

export interface OperatingModelEntryTable {
  id: Generated<string>;
  partnership_id: string;
  member_id: string;
  function_code: string;
  effective_on: CalendarDate;
  delivered_by: 'partnership' | 'member' | 'provider';
  provider_id: string | null;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface TeamTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
}

export interface StaffTable {
  id: Generated<string>;
  organisation_id: string;
  team_id: string | null;
  email: string;
  display_name: string;
  password_hash: string | null;
  totp_secret: string | null;
  /** Start (epoch seconds) of the step whose code last signed in: codes are good once. */
  totp_last_step: Generated<string | null>;
  totp_enabled: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface StaffRoleTable {
  staff_id: string;
  role: string;
}

export interface WebSessionTable {
  id: string;
  staff_id: string | null;
  data: unknown;
  started_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  staff_id: string;
  token_hash: string;
  label: string;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AccessGrantTable {
  id: Generated<string>;
  staff_id: string;
  record_type: string;
  record_id: string;
  owner_id: string;
  reason: string;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
  granted_by: string;
  granted_at: Generated<Date>;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface AuditEventTable {
  /** The event's identity, in the order events were written. */
  id: Generated<number>;
  /** Its place in the hash chain: null until sealed (core/audit-chain.ts). */
  seq: ColumnType<number | null, never, number>;
  at: ColumnType<Date, Date, never>;
  actor_id: string | null;
  actor_org_id: string | null;
  actor_label: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  owner_id: string | null;
  detail: unknown;
  prev_hash: ColumnType<string | null, never, string>;
  hash: ColumnType<string | null, never, string>;
}

export interface SiblingGroupTable {
  id: Generated<string>;
  placing_authority_id: string;
  name: string;
  decision: Generated<string>;
  decision_date: CalendarDate | null;
  decision_reasons: string | null;
  created_at: Generated<Date>;
}

export interface ChildTable {
  id: Generated<string>;
  placing_authority_id: string;
  la_child_ref: string;
  first_name: string;
  last_name: string;
  date_of_birth: CalendarDate;
  sex: string;
  ethnicity: string;
  upn: string | null;
  disabled: Generated<boolean>;
  disability_description: string | null;
  religion: string | null;
  first_language: string | null;
  legal_status_note: string | null;
  social_worker_id: string | null;
  family_finder_id: string | null;
  sibling_group_id: string | null;
  stage: Generated<string>;
  period_start: CalendarDate | null;
  looked_after: Generated<boolean>;
  shobpa_date: CalendarDate | null;
  placement_order_date: CalendarDate | null;
  match_date: CalendarDate | null;
  placed_date: CalendarDate | null;
  /** SSDA903 Header MOTHER ('1' the child is a mother, '0' not) and MC_DOB. */
  mother: Generated<string | null>;
  mother_child_dob: Generated<CalendarDate | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ChildNeedTable {
  id: Generated<string>;
  child_id: string;
  category: string;
  notes: string | null;
  position: Generated<number>;
}

export interface BirthFamilyMemberTable {
  id: Generated<string>;
  child_id: string;
  name: string;
  relationship: string;
  area: string | null;
  position: Generated<number>;
}

export interface CareEpisodeTable {
  id: Generated<string>;
  child_id: string;
  start_date: CalendarDate;
  rne: string;
  legal_status: string | null;
  placement: string | null;
  placement_provider: string | null;
  end_date: CalendarDate | null;
  reason_ceased: string | null;
  /** SSDA903 Episodes CIN, REASON_PLACE_CHANGE, HOME_POST, PL_POST and URN. */
  cin: Generated<string | null>;
  reason_place_change: Generated<string | null>;
  home_postcode: Generated<string | null>;
  placement_postcode: Generated<string | null>;
  urn: Generated<string | null>;
  created_at: Generated<Date>;
}

export interface MilestoneTable {
  id: Generated<string>;
  child_id: string;
  type: string;
  date: CalendarDate;
  code: string | null;
  notes: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface WaitingReasonTable {
  id: Generated<string>;
  child_id: string;
  reason: string;
  notes: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface WaitingReviewTable {
  id: Generated<string>;
  child_id: string;
  review_date: CalendarDate;
  summary: string;
  reviewed_by: string | null;
  created_at: Generated<Date>;
}

export interface HouseholdTable {
  id: Generated<string>;
  owner_id: string;
  home_council_id: string | null;
  reference: string;
  status: Generated<string>;
  roi_accepted_on: CalendarDate | null;
  stage1_started_on: CalendarDate | null;
  stage1_decided_on: CalendarDate | null;
  stage2_started_on: CalendarDate | null;
  approved_on: CalendarDate | null;
  preparation_completed_on: CalendarDate | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ApplicantTable {
  id: Generated<string>;
  household_id: string;
  position: number;
  first_name: string;
  last_name: string;
  date_of_birth: CalendarDate | null;
  sex: string | null;
  ethnicity: string | null;
  disabled: Generated<boolean>;
}

export interface WorkItemTable {
  id: Generated<string>;
  staff_id: string;
  computed_on: CalendarDate;
  kind: string;
  title: string;
  href: string;
  due_on: CalendarDate;
  overdue: boolean;
}

/**
 * The tables Kysely knows. An area with tables of its own may add them from its own
 * `tables.ts` by declaration merging (`declare module '../core/schema.ts'`), so areas do not
 * all edit this file.
 */
export interface Database {
  organisation: OrganisationTable;
  membership: MembershipTable;
  service_function: ServiceFunctionTable;
  operating_model_entry: OperatingModelEntryTable;
  team: TeamTable;
  staff: StaffTable;
  staff_role: StaffRoleTable;
  web_session: WebSessionTable;
  api_token: ApiTokenTable;
  access_grant: AccessGrantTable;
  audit_event: AuditEventTable;
  sibling_group: SiblingGroupTable;
  child: ChildTable;
  child_need: ChildNeedTable;
  birth_family_member: BirthFamilyMemberTable;
  care_episode: CareEpisodeTable;
  milestone: MilestoneTable;
  waiting_reason: WaitingReasonTable;
  waiting_review: WaitingReviewTable;
  household: HouseholdTable;
  applicant: ApplicantTable;
  work_item: WorkItemTable;
}
