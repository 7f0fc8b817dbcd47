// Kysely's view of migrations/021_sealed_adoption_records.sql, merged into the shared Database type
// (the children's own tables are in core/schema.ts, from before areas kept their own).
import type { Generated } from 'kysely';

declare module '../core/schema.ts' {
  interface Database {
    retention_run: RetentionRunTable;
  }
}

export interface RetentionRunTable {
  id: Generated<string>;
  ran_at: Generated<Date>;
  dry_run: boolean;
  retention_years: number;
  deleted: number;
  kept: number;
  report: string;
}
