// Kysely's view of migrations/015_placements.sql, merged into the shared Database type.
import type { Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';

export interface PlacementTable {
  id: Generated<string>;
  owner_id: string;
  household_id: string;
  status: string;
  match_on: CalendarDate;
  introductions_start: CalendarDate;
  planned_move_on: CalendarDate;
  introductions_reviewed_on: CalendarDate | null;
  introductions_review: string | null;
  placed_on: CalendarDate | null;
  placement_code: string | null;
  provider_code: string | null;
  applied_on: CalendarDate | null;
  order_on: CalendarDate | null;
  order_code: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PlacementChildTable {
  placement_id: string;
  child_id: string;
}

export interface PlacementReviewTable {
  id: Generated<string>;
  placement_id: string;
  held_on: CalendarDate;
  summary: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface DisruptionTable {
  id: Generated<string>;
  owner_id: string;
  placement_id: string;
  household_id: string;
  kind: string;
  occurred_on: CalendarDate;
  reasons: string[];
  details: string;
  next_for_child: string;
  plan_reversed: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

declare module '../core/schema.ts' {
  interface Database {
    placement: PlacementTable;
    placement_child: PlacementChildTable;
    placement_review: PlacementReviewTable;
    disruption: DisruptionTable;
  }
}
