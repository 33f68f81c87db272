-- Whether the independent validator accepted the job's plan (1), rejected it (0) or did not run
-- (NULL): a plan the validator rejects is still written, and the page shows it with a warning.
ALTER TABLE plans ADD COLUMN valid INTEGER;
