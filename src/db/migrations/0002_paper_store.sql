-- The papers of each import, as parsed: every record of every file in input order, with its byline
-- (each spelling as written and the external ids it carried) and where it was read (file, line),
-- and the alias table the import was made with. A network built from an import's rows is the one
-- built from its files (src/db/paper-store.ts writes and reads them; the tests compare the two).
-- Rows are written with COPY in the import's transaction, so a failed import leaves none behind.
-- The bulk tables have no foreign keys: only the import writes them, in the transaction that creates
-- their import row, and a per-row check would cost COPY about as much as the rows themselves.

-- This store's identity: the local snapshot cache keys a version by it, so that version 7 of one
-- database is never taken for version 7 of another.
CREATE TABLE store_identity (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO store_identity DEFAULT VALUES;

-- What shaped the import besides its files: the format override, the author limit, the alias file.
ALTER TABLE imports
  ADD COLUMN input_format text,
  ADD COLUMN max_authors_per_paper integer CHECK (max_authors_per_paper IS NULL OR max_authors_per_paper >= 2),
  ADD COLUMN alias_file text,
  ADD COLUMN record_count integer NOT NULL DEFAULT 0 CHECK (record_count >= 0);

CREATE INDEX imports_input_key ON imports (input_key);

-- One row per record read (before duplicates are merged: the catalog merges them the same way again).
CREATE TABLE papers (
  import_id bigint NOT NULL,
  -- The record's place in the input (0-based, over every file in order).
  position integer NOT NULL CHECK (position >= 0),
  -- The source's own id or DOI (null: the network gives the paper a slug of its title).
  source_id text,
  title text NOT NULL,
  abstract text,
  year integer,
  venue text,
  url text,
  doi text,
  author_list_incomplete boolean NOT NULL DEFAULT false,
  source_file text NOT NULL,
  source_line integer NOT NULL,
  PRIMARY KEY (import_id, position)
);

-- The byline of each record, in order: the name as written and its external ids
-- ([{"scheme": "orcid", "value": "..."}], null when none).
CREATE TABLE authorships (
  import_id bigint NOT NULL,
  paper_position integer NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  name text NOT NULL,
  external_ids jsonb,
  PRIMARY KEY (import_id, paper_position, position)
);

-- The alias table the import was made with: identity key of a variant -> canonical name.
CREATE TABLE import_aliases (
  import_id bigint NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  variant_key text NOT NULL,
  canonical text NOT NULL,
  PRIMARY KEY (import_id, variant_key)
);

-- Each distinct paper of the import (after merging) by its network id, with a digest of its content:
-- what the next import's summary (papers added, removed, changed) is computed from.
CREATE TABLE import_paper_digests (
  import_id bigint NOT NULL,
  paper_id text NOT NULL,
  digest text NOT NULL,
  PRIMARY KEY (import_id, paper_id)
);
