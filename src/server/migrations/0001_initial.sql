-- The server's store (src/server/store.cpp). Each file in this folder is one migration, applied in
-- the order of its number and recorded in PRAGMA user_version; a migration is never edited once
-- merged: a change to the schema is a new file with the next number.
CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- The folder holding scenario.json and its uploaded GIS layers, relative to the data directory.
  dir TEXT NOT NULL,
  -- JSON array of the uploaded file names (scenario.json first).
  files TEXT NOT NULL,
  -- JSON object of counts (roads, settlements, hazards, crews) taken when the upload was read.
  counts TEXT NOT NULL
);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id),
  -- The planning options as given (JSON object), already checked.
  options TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  -- For failed jobs: a stable error code (src/model/error.hpp's names, or 'interrupted') and text.
  error_code TEXT,
  error_message TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_by_state ON jobs(state, id);

-- A finished plan: written to its folder first (atomically), then recorded here in the same
-- transaction that marks its job done, so a row always points at a complete folder.
CREATE TABLE plans (
  job_id INTEGER PRIMARY KEY REFERENCES jobs(id),
  dir TEXT NOT NULL,
  summary TEXT NOT NULL,
  created_at TEXT NOT NULL
);
