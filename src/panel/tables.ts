// Kysely's view of migrations/014_panel.sql, merged into the shared Database type.
import type { ColumnType, Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';
import type { Decision, ItemKind, MemberRole } from './model.ts';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface PanelTable {
  id: Generated<string>;
  owner_id: string;
  name: string;
  quorum_min_present: Generated<number>;
  quorum_chair_or_vice: Generated<boolean>;
  quorum_social_worker_years: Generated<number | null>;
  quorum_independent: Generated<boolean>;
  decision_working_days: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PanelMemberTable {
  id: Generated<string>;
  panel_id: string;
  name: string;
  role: MemberRole;
  staff_id: string | null;
  pqe_years: number | null;
  personal_experience: Generated<boolean>;
  joined_on: CalendarDate;
  left_on: CalendarDate | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PanelMeetingTable {
  id: Generated<string>;
  panel_id: string;
  meeting_date: CalendarDate;
  venue: string;
  papers_until: CalendarDate;
  minutes: string | null;
  minutes_final_on: CalendarDate | null;
  minutes_finalised_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PanelMeetingMemberTable {
  meeting_id: string;
  member_id: string;
  expected: boolean;
  attended: boolean | null;
}

export interface PanelItemTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  kind: ItemKind;
  household_id: string | null;
  link_id: string | null;
  child_id: string | null;
  decision_agency_id: string;
  added_by: string | null;
  added_at: Generated<Date>;
  recommendation: Decision | null;
  recommendation_reasons: string | null;
  approved_for: string | null;
  recommended_by: string | null;
  recommended_at: NullableTimestamp;
  decision_due_on: CalendarDate | null;
  decision: Decision | null;
  decision_reasons: string | null;
  decided_on: CalendarDate | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
}

export interface PanelDissentTable {
  item_id: string;
  member_id: string;
  reason: string;
}

export interface PanelPaperTable {
  item_id: string;
  document_id: string;
  added_by: string | null;
  added_at: Generated<Date>;
}

declare module '../core/schema.ts' {
  interface Database {
    panel: PanelTable;
    panel_member: PanelMemberTable;
    panel_meeting: PanelMeetingTable;
    panel_meeting_member: PanelMeetingMemberTable;
    panel_item: PanelItemTable;
    panel_dissent: PanelDissentTable;
    panel_paper: PanelPaperTable;
  }
}
