// Kysely's view of migrations/011_case_notes.sql and 012_documents.sql, merged into the shared Database type.
import type { ColumnType, Generated } from 'kysely';
import type { DocumentCategory } from './documents-model.ts';

export interface CaseNoteTable {
  id: Generated<string>;
  record_type: string;
  record_id: string;
  type: string;
  occurred_at: Date;
  author_id: string;
  body: string;
  sensitive: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseNoteVersionTable {
  note_id: string;
  version: number;
  type: string;
  occurred_at: Date;
  body: string;
  sensitive: boolean;
  written_at: ColumnType<Date, Date, never>;
}

export interface DocumentTable {
  id: Generated<string>;
  record_type: string;
  record_id: string;
  category: DocumentCategory;
  title: string;
  sensitive: boolean;
  created_by: string;
  created_at: Generated<Date>;
}

export interface DocumentVersionTable {
  document_id: string;
  version: number;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
  scanned_with: string | null;
}

declare module '../core/schema.ts' {
  interface Database {
    case_note: CaseNoteTable;
    case_note_version: CaseNoteVersionTable;
    document: DocumentTable;
    document_version: DocumentVersionTable;
  }
}
