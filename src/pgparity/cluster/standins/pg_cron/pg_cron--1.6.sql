-- pgparity stand-in for pg_cron 1.6, written from pg_cron's public documentation.
--
-- Faithful: installed in pg_catalog with its objects in the cron schema (so, as with the real
-- one, CREATE EXTENSION pg_cron WITH SCHEMA extensions fails); the cron.job and
-- cron.job_run_details tables with their row-level security; cron.schedule (anonymous and
-- named, a named job being replaced in place), schedule_in_database, unschedule (by id or name,
-- with the real error for an unknown job), alter_job; schedules are checked for cron syntax or
-- '[1-59] seconds'. Harmless: there is no background worker, so jobs are recorded but never run
-- and job_run_details stays empty. Unlike the real extension it may be created in any database
-- (the real one only in cron.database_name).

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pg_cron" to load this file. \quit

CREATE SCHEMA cron;
CREATE SEQUENCE cron.jobid_seq;
CREATE SEQUENCE cron.runid_seq;

CREATE TABLE cron.job (
  jobid bigint PRIMARY KEY DEFAULT pg_catalog.nextval('cron.jobid_seq'),
  schedule text NOT NULL,
  command text NOT NULL,
  nodename text NOT NULL DEFAULT 'localhost',
  nodeport integer NOT NULL DEFAULT pg_catalog.inet_server_port(),
  database text NOT NULL DEFAULT pg_catalog.current_database(),
  username text NOT NULL DEFAULT CURRENT_USER,
  active boolean NOT NULL DEFAULT true,
  jobname text,
  CONSTRAINT jobname_username_uniq UNIQUE (jobname, username)
);
GRANT SELECT ON cron.job TO public;
ALTER TABLE cron.job ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_policy ON cron.job USING (username OPERATOR(pg_catalog.=) CURRENT_USER);

CREATE TABLE cron.job_run_details (
  jobid bigint,
  runid bigint PRIMARY KEY DEFAULT pg_catalog.nextval('cron.runid_seq'),
  job_pid integer,
  database text,
  username text,
  command text,
  status text,
  return_message text,
  start_time timestamptz,
  end_time timestamptz
);
GRANT SELECT, DELETE ON cron.job_run_details TO public;
ALTER TABLE cron.job_run_details ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_run_details_policy ON cron.job_run_details
  USING (username OPERATOR(pg_catalog.=) CURRENT_USER);

GRANT USAGE ON SCHEMA cron TO public;

SELECT pg_catalog.pg_extension_config_dump('cron.job', '');
SELECT pg_catalog.pg_extension_config_dump('cron.jobid_seq', '');
SELECT pg_catalog.pg_extension_config_dump('cron.job_run_details', '');
SELECT pg_catalog.pg_extension_config_dump('cron.runid_seq', '');

-- The real extension tells its background worker to reload jobs; there is none here.
CREATE FUNCTION cron.job_cache_invalidate() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN NULL;
END
$fn$;
CREATE TRIGGER cron_job_cache_invalidate
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cron.job
  FOR EACH STATEMENT EXECUTE FUNCTION cron.job_cache_invalidate();

-- Cron syntax (five fields of numbers, names, *, ranges, lists, steps, '$' for the last day of
-- the month), the @-shortcuts, or '[1-59] seconds'.
CREATE FUNCTION cron._check_schedule(schedule text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = '' AS $fn$
DECLARE
  field text := '(\*|[0-9a-z]+(-[0-9a-z]+)?)(/[0-9]+)?';
  list text := field || '(,' || field || ')*';
  day_list text := '(\$|' || field || ')(,(\$|' || field || '))*';
  seconds text[];
BEGIN
  IF schedule IS NULL THEN
    RAISE EXCEPTION 'schedule cannot be null' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  seconds := pg_catalog.regexp_match(schedule, '^\s*([0-9]+)\s+seconds?\s*$', 'i');
  IF seconds IS NOT NULL AND seconds[1]::integer BETWEEN 1 AND 59 THEN
    RETURN schedule;
  END IF;
  IF schedule ~* '^\s*@(yearly|annually|monthly|weekly|daily|hourly|reboot)\s*$'
     OR pg_catalog.lower(schedule) ~ ('^\s*' || list || '\s+' || list || '\s+' || day_list
                                      || '\s+' || list || '\s+' || list || '\s*$')
  THEN
    RETURN schedule;
  END IF;
  RAISE EXCEPTION 'invalid schedule: %', schedule
    USING HINT = 'Use cron format (e.g. 5 4 * * *), or interval format ''[1-59] seconds''',
          ERRCODE = 'invalid_parameter_value';
END
$fn$;

CREATE FUNCTION cron._server_port() RETURNS integer
LANGUAGE sql STABLE SET search_path = '' AS $fn$
  SELECT coalesce(pg_catalog.inet_server_port(), pg_catalog.current_setting('port')::integer)
$fn$;

CREATE FUNCTION cron.schedule(schedule text, command text) RETURNS bigint
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  id bigint;
BEGIN
  INSERT INTO cron.job (schedule, command, nodeport)
  VALUES (cron._check_schedule(schedule), command, cron._server_port())
  RETURNING jobid INTO id;
  RETURN id;
END
$fn$;
COMMENT ON FUNCTION cron.schedule(text, text) IS 'schedule a pg_cron job';

CREATE FUNCTION cron.schedule_in_database(
  job_name text, schedule text, command text, database text,
  username text DEFAULT NULL, active boolean DEFAULT true
) RETURNS bigint
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  id bigint;
  owner text := coalesce(username, CURRENT_USER::text);
BEGIN
  PERFORM cron._check_schedule(schedule);
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_database d WHERE d.datname = database) THEN
    RAISE EXCEPTION 'database "%" does not exist', database USING ERRCODE = 'undefined_database';
  END IF;
  -- A named job of the same user is replaced in place, keeping its id.
  UPDATE cron.job j
     SET schedule = schedule_in_database.schedule, command = schedule_in_database.command,
         database = schedule_in_database.database, active = schedule_in_database.active
   WHERE j.jobname = job_name AND j.username = owner
  RETURNING j.jobid INTO id;
  IF id IS NULL THEN
    INSERT INTO cron.job (schedule, command, nodeport, database, username, active, jobname)
    VALUES (schedule, command, cron._server_port(), database, owner, active, job_name)
    RETURNING jobid INTO id;
  END IF;
  RETURN id;
END
$fn$;
COMMENT ON FUNCTION cron.schedule_in_database(text, text, text, text, text, boolean)
  IS 'schedule a pg_cron job';
REVOKE ALL ON FUNCTION cron.schedule_in_database(text, text, text, text, text, boolean) FROM public;

CREATE FUNCTION cron.schedule(job_name text, schedule text, command text) RETURNS bigint
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT cron.schedule_in_database(job_name, schedule, command, pg_catalog.current_database())
$fn$;
COMMENT ON FUNCTION cron.schedule(text, text, text) IS 'schedule a pg_cron job';

CREATE FUNCTION cron.unschedule(job_id bigint) RETURNS boolean
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  DELETE FROM cron.job j WHERE j.jobid = job_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'could not find valid entry for job %', job_id
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN true;
END
$fn$;
COMMENT ON FUNCTION cron.unschedule(bigint) IS 'unschedule a pg_cron job';

CREATE FUNCTION cron.unschedule(job_name text) RETURNS boolean
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  DELETE FROM cron.job j WHERE j.jobname = job_name AND j.username = CURRENT_USER;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'could not find valid entry for job ''%''', job_name
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN true;
END
$fn$;
COMMENT ON FUNCTION cron.unschedule(text) IS 'unschedule a pg_cron job';

CREATE FUNCTION cron.alter_job(
  job_id bigint,
  schedule text DEFAULT NULL,
  command text DEFAULT NULL,
  database text DEFAULT NULL,
  username text DEFAULT NULL,
  active boolean DEFAULT NULL
) RETURNS void
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  IF schedule IS NOT NULL THEN
    PERFORM cron._check_schedule(schedule);
  END IF;
  UPDATE cron.job j
     SET schedule = coalesce(alter_job.schedule, j.schedule),
         command = coalesce(alter_job.command, j.command),
         database = coalesce(alter_job.database, j.database),
         username = coalesce(alter_job.username, j.username),
         active = coalesce(alter_job.active, j.active)
   WHERE j.jobid = job_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'could not find valid entry for job %', job_id
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
END
$fn$;
COMMENT ON FUNCTION cron.alter_job(bigint, text, text, text, text, boolean)
  IS 'Alter the job identified by job_id. Any option left as NULL will not be modified.';
REVOKE ALL ON FUNCTION cron.alter_job(bigint, text, text, text, text, boolean) FROM public;
