// Kysely's view of migrations/005_training.sql, merged into the shared Database type.
import type { ColumnType, Generated } from 'kysely';
import type { CalendarDate } from '../core/schema.ts';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface TrainingCourseTable {
  id: Generated<string>;
  kind: 'preparation' | 'post-approval';
  title: string;
  description: string | null;
  organiser_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TrainingSessionTable {
  id: Generated<string>;
  course_id: string;
  session_date: CalendarDate;
  start_time: string;
  venue: string;
  venue_council_id: string;
  capacity: number;
  trainer_name: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TrainingBookingTable {
  id: Generated<string>;
  session_id: string;
  household_id: string;
  status: 'booked' | 'waiting' | 'cancelled';
  queued_seq: ColumnType<number, never, never>;
  attendance: 'attended' | 'did-not-attend' | null;
  attendance_recorded_at: NullableTimestamp;
  booked_by: string | null;
  created_at: Generated<Date>;
  cancelled_at: NullableTimestamp;
}

declare module '../core/schema.ts' {
  interface Database {
    training_course: TrainingCourseTable;
    training_session: TrainingSessionTable;
    training_booking: TrainingBookingTable;
  }
}
