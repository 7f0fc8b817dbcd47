-- Documents on any personal record (a child, a household, an enquiry, and the records later
-- areas add): a CPR, a PAR, a medical report, a court order, a letter. A document is never
-- deleted, and each version's bytes are kept as uploaded: a new version is added beside the
-- earlier ones. The bytes are stored here, in PostgreSQL, so one backup holds everything.
-- Which record types carry documents, and who may see or add them, is the owning area's
-- policy, through the record registry (core/records.ts): this table holds no access rule.
create table document (
  id uuid primary key default gen_random_uuid(),
  record_type text not null,
  record_id uuid not null,
  category text not null check (category in ('cpr', 'par', 'medical', 'legal', 'letter', 'panel-paper', 'other')),
  title text not null check (length(btrim(title)) between 1 and 200),
  -- Medical and legal documents are always sensitive (the service sets it); any other can be marked so.
  sensitive boolean not null default false,
  created_by uuid not null references staff (id),
  created_at timestamptz not null default now()
);
create index document_record on document (record_type, record_id, created_at desc);

create table document_version (
  document_id uuid not null references document (id),
  version integer not null check (version >= 1),
  filename text not null check (length(filename) between 1 and 255),
  -- What the content is, found from the bytes (never the name or the client's Content-Type).
  media_type text not null check (media_type in (
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text',
    'image/jpeg',
    'image/png'
  )),
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by uuid not null references staff (id),
  uploaded_at timestamptz not null default now(),
  -- The scanner and signature version that passed it, or why it was not scanned.
  scanned_with text,
  primary key (document_id, version),
  check (octet_length(content) = size_bytes)
);
-- PDFs, DOCX, ODT, JPEG and PNG are compressed already: store them out of line as they are,
-- without PostgreSQL trying to compress them again.
alter table document_version alter column content set storage external;

-- The refusal casework's tables share (migration 011).
create trigger document_no_delete before delete on document for each row execute function kept_as_written();
create trigger document_no_truncate before truncate on document for each statement execute function kept_as_written();
create trigger document_version_no_change before update or delete on document_version for each row execute function kept_as_written();
create trigger document_version_no_truncate before truncate on document_version for each statement execute function kept_as_written();
