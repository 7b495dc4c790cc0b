-- pgparity stand-in for pgmq 1.5, written from pgmq's public documentation.
--
-- pgmq is itself plain SQL over tables, so this stand-in behaves as the real one for what
-- migrations and tests use: pgmq.meta, a queue table pgmq.q_<name> and an archive table
-- pgmq.a_<name> per queue (members of the extension, as pgmq makes them), the message_record,
-- queue_record and metrics_result types (message_record has 1.5's headers column) and create,
-- create_unlogged, send, send_batch, read, read_with_poll, pop, set_vt, archive, delete,
-- purge_queue, drop_queue, detach_archive, list_queues, metrics, metrics_all,
-- format_table_name and validate_queue_name. Not provided: partitioned queues (they need
-- pg_partman; create_partitioned raises as pgmq does without it) and notify-on-insert.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION pgmq" to load this file. \quit

CREATE TABLE pgmq.meta (
  queue_name varchar UNIQUE NOT NULL,
  is_partitioned boolean NOT NULL,
  is_unlogged boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
SELECT pg_catalog.pg_extension_config_dump('pgmq.meta', '');

CREATE TYPE pgmq.message_record AS (
  msg_id bigint,
  read_ct integer,
  enqueued_at timestamptz,
  vt timestamptz,
  message jsonb,
  headers jsonb
);

CREATE TYPE pgmq.queue_record AS (
  queue_name varchar,
  is_partitioned boolean,
  is_unlogged boolean,
  created_at timestamptz
);

CREATE TYPE pgmq.metrics_result AS (
  queue_name text,
  queue_length bigint,
  newest_msg_age_sec integer,
  oldest_msg_age_sec integer,
  total_messages bigint,
  scrape_time timestamptz,
  queue_visible_length bigint
);

-- -- names -----------------------------------------------------------------------------------

CREATE FUNCTION pgmq.validate_queue_name(queue_name text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = '' AS $fn$
BEGIN
  IF pg_catalog.length(queue_name) >= 48 THEN
    RAISE EXCEPTION 'queue name is too long, maximum length is 47 characters';
  END IF;
END
$fn$;

CREATE FUNCTION pgmq.format_table_name(queue_name text, prefix text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = '' AS $fn$
BEGIN
  IF queue_name ~ '\$|;|--|''' THEN
    RAISE EXCEPTION 'queue name contains invalid characters: $, ;, --, or \''';
  END IF;
  RETURN pg_catalog.lower(prefix || '_' || queue_name);
END
$fn$;

CREATE FUNCTION pgmq._belongs_to_pgmq(table_name text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = '' AS $fn$
  SELECT EXISTS (
    SELECT FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND d.objid = pg_catalog.to_regclass('pgmq.' || pg_catalog.quote_ident(table_name))
      AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
      AND d.deptype = 'e' AND e.extname = 'pgmq'
  )
$fn$;

-- Queue tables belong to the extension, as pgmq makes them (DROP EXTENSION drops them too).
CREATE FUNCTION pgmq._add_to_extension(table_name text) RETURNS void
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'pgmq')
     AND NOT pgmq._belongs_to_pgmq(table_name) THEN
    EXECUTE pg_catalog.format('ALTER EXTENSION pgmq ADD TABLE pgmq.%I', table_name);
  END IF;
END
$fn$;

-- -- queues ----------------------------------------------------------------------------------

CREATE FUNCTION pgmq._create(queue_name text, unlogged boolean) RETURNS void
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
  kind text := CASE WHEN unlogged THEN 'UNLOGGED ' ELSE '' END;
BEGIN
  PERFORM pgmq.validate_queue_name(queue_name);
  EXECUTE pg_catalog.format(
    'CREATE %sTABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
       read_ct integer DEFAULT 0 NOT NULL,
       enqueued_at timestamptz DEFAULT now() NOT NULL,
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb
     )', kind, qtable);
  EXECUTE pg_catalog.format(
    'CREATE TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint PRIMARY KEY,
       read_ct integer DEFAULT 0 NOT NULL,
       enqueued_at timestamptz DEFAULT now() NOT NULL,
       archived_at timestamptz DEFAULT now() NOT NULL,
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb
     )', atable);
  PERFORM pgmq._add_to_extension(qtable);
  PERFORM pgmq._add_to_extension(atable);
  EXECUTE pg_catalog.format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (vt ASC)', qtable || '_vt_idx', qtable);
  EXECUTE pg_catalog.format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (archived_at)', 'archived_at_idx_' || queue_name, atable);
  INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged)
  VALUES (queue_name, false, unlogged)
  ON CONFLICT DO NOTHING;
END
$fn$;

CREATE FUNCTION pgmq.create_non_partitioned(queue_name text) RETURNS void
LANGUAGE sql SET search_path = '' AS $fn$ SELECT pgmq._create(queue_name, false) $fn$;

CREATE FUNCTION pgmq.create_unlogged(queue_name text) RETURNS void
LANGUAGE sql SET search_path = '' AS $fn$ SELECT pgmq._create(queue_name, true) $fn$;

CREATE FUNCTION pgmq."create"(queue_name text) RETURNS void
LANGUAGE sql SET search_path = '' AS $fn$ SELECT pgmq._create(queue_name, false) $fn$;

CREATE FUNCTION pgmq.create_partitioned(
  queue_name text, partition_interval text DEFAULT '10000', retention_interval text DEFAULT '100000'
) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'pg_partman is required for partitioned queues'
    USING HINT = 'pgparity stand-in for pgmq: partitioned queues are not provided';
END
$fn$;

CREATE FUNCTION pgmq.drop_queue(queue_name text) RETURNS boolean
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
BEGIN
  IF NOT EXISTS (SELECT FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name) THEN
    RAISE NOTICE 'pgmq queue `%` does not exist', queue_name;
    RETURN false;
  END IF;
  IF pgmq._belongs_to_pgmq(qtable) THEN
    EXECUTE pg_catalog.format('ALTER EXTENSION pgmq DROP TABLE pgmq.%I', qtable);
  END IF;
  IF pgmq._belongs_to_pgmq(atable) THEN
    EXECUTE pg_catalog.format('ALTER EXTENSION pgmq DROP TABLE pgmq.%I', atable);
  END IF;
  EXECUTE pg_catalog.format('DROP TABLE IF EXISTS pgmq.%I', qtable);
  EXECUTE pg_catalog.format('DROP TABLE IF EXISTS pgmq.%I', atable);
  DELETE FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name;
  RETURN true;
END
$fn$;

CREATE FUNCTION pgmq.detach_archive(queue_name text) RETURNS void
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  atable text := pgmq.format_table_name(queue_name, 'a');
BEGIN
  IF pgmq._belongs_to_pgmq(atable) THEN
    EXECUTE pg_catalog.format('ALTER EXTENSION pgmq DROP TABLE pgmq.%I', atable);
  END IF;
END
$fn$;

CREATE FUNCTION pgmq.purge_queue(queue_name text) RETURNS bigint
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  deleted bigint;
BEGIN
  EXECUTE pg_catalog.format(
    'WITH d AS (DELETE FROM pgmq.%I RETURNING 1) SELECT pg_catalog.count(*) FROM d',
    pgmq.format_table_name(queue_name, 'q')) INTO deleted;
  RETURN deleted;
END
$fn$;

CREATE FUNCTION pgmq.list_queues() RETURNS SETOF pgmq.queue_record
LANGUAGE sql STABLE SET search_path = '' AS $fn$
  SELECT m.queue_name, m.is_partitioned, m.is_unlogged, m.created_at FROM pgmq.meta m
$fn$;

-- -- sending ---------------------------------------------------------------------------------

CREATE FUNCTION pgmq.send_batch(
  queue_name text, msgs jsonb[], headers jsonb[], delay timestamptz
) RETURNS SETOF bigint
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  IF headers IS NOT NULL AND pg_catalog.cardinality(headers) <> pg_catalog.cardinality(msgs) THEN
    RAISE EXCEPTION 'msgs and headers must have the same length';
  END IF;
  RETURN QUERY EXECUTE pg_catalog.format(
    'INSERT INTO pgmq.%I (vt, message, headers)
     SELECT $2, m.msg, $3[m.i] FROM unnest($1) WITH ORDINALITY AS m (msg, i) ORDER BY m.i
     RETURNING msg_id', pgmq.format_table_name(queue_name, 'q'))
  USING msgs, delay, headers;
END
$fn$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay integer DEFAULT 0)
RETURNS SETOF bigint
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT pgmq.send_batch(queue_name, msgs, headers, pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => delay))
$fn$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay timestamptz) RETURNS SETOF bigint
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT pgmq.send_batch(queue_name, msgs, NULL::jsonb[], delay)
$fn$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay integer DEFAULT 0) RETURNS SETOF bigint
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT pgmq.send_batch(queue_name, msgs, NULL::jsonb[], delay)
$fn$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay timestamptz) RETURNS SETOF bigint
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT pgmq.send_batch(queue_name, ARRAY[msg], ARRAY[headers], delay)
$fn$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay integer DEFAULT 0) RETURNS SETOF bigint
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT pgmq.send_batch(queue_name, ARRAY[msg], ARRAY[headers], delay)
$fn$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay timestamptz) RETURNS SETOF bigint
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT pgmq.send_batch(queue_name, ARRAY[msg], NULL::jsonb[], delay)
$fn$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay integer DEFAULT 0) RETURNS SETOF bigint
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT pgmq.send_batch(queue_name, ARRAY[msg], NULL::jsonb[], delay)
$fn$;

-- -- reading ---------------------------------------------------------------------------------

CREATE FUNCTION pgmq.read(queue_name text, vt integer, qty integer, conditional jsonb DEFAULT '{}')
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format(
    'WITH cte AS (
       SELECT msg_id FROM pgmq.%I
       WHERE vt <= pg_catalog.clock_timestamp() AND ($3 = ''{}''::jsonb OR message @> $3)
       ORDER BY msg_id ASC
       LIMIT $1
       FOR UPDATE SKIP LOCKED
     )
     UPDATE pgmq.%I m
        SET vt = pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => $2),
            read_ct = read_ct + 1
       FROM cte
      WHERE m.msg_id = cte.msg_id
     RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message, m.headers', qtable, qtable)
  USING qty, vt, coalesce(conditional, '{}');
END
$fn$;

CREATE FUNCTION pgmq.read_with_poll(
  queue_name text, vt integer, qty integer,
  max_poll_seconds integer DEFAULT 5, poll_interval_ms integer DEFAULT 100,
  conditional jsonb DEFAULT '{}'
) RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  stop_at timestamptz := pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => max_poll_seconds);
  got integer;
BEGIN
  LOOP
    RETURN QUERY SELECT * FROM pgmq.read(queue_name, vt, qty, conditional);
    GET DIAGNOSTICS got = ROW_COUNT;
    IF got > 0 OR pg_catalog.clock_timestamp() >= stop_at THEN
      RETURN;
    END IF;
    PERFORM pg_catalog.pg_sleep(poll_interval_ms / 1000.0);
  END LOOP;
END
$fn$;

CREATE FUNCTION pgmq.pop(queue_name text) RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format(
    'WITH cte AS (
       SELECT msg_id FROM pgmq.%I
       WHERE vt <= pg_catalog.clock_timestamp()
       ORDER BY msg_id ASC
       LIMIT 1
       FOR UPDATE SKIP LOCKED
     )
     DELETE FROM pgmq.%I m USING cte WHERE m.msg_id = cte.msg_id
     RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message, m.headers', qtable, qtable);
END
$fn$;

CREATE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt integer) RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format(
    'UPDATE pgmq.%I
        SET vt = pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => $2)
      WHERE msg_id = $1
     RETURNING msg_id, read_ct, enqueued_at, vt, message, headers', pgmq.format_table_name(queue_name, 'q'))
  USING msg_id, vt;
END
$fn$;

-- -- archiving and deleting ------------------------------------------------------------------

CREATE FUNCTION pgmq.archive(queue_name text, msg_ids bigint[]) RETURNS SETOF bigint
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format(
    'WITH archived AS (
       DELETE FROM pgmq.%I WHERE msg_id = ANY ($1)
       RETURNING msg_id, vt, read_ct, enqueued_at, message, headers
     )
     INSERT INTO pgmq.%I (msg_id, vt, read_ct, enqueued_at, message, headers)
     SELECT msg_id, vt, read_ct, enqueued_at, message, headers FROM archived
     RETURNING msg_id', pgmq.format_table_name(queue_name, 'q'), pgmq.format_table_name(queue_name, 'a'))
  USING msg_ids;
END
$fn$;

CREATE FUNCTION pgmq.archive(queue_name text, msg_id bigint) RETURNS boolean
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT EXISTS (SELECT FROM pgmq.archive(queue_name, ARRAY[msg_id]))
$fn$;

CREATE FUNCTION pgmq.delete(queue_name text, msg_ids bigint[]) RETURNS SETOF bigint
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  RETURN QUERY EXECUTE pg_catalog.format(
    'DELETE FROM pgmq.%I WHERE msg_id = ANY ($1) RETURNING msg_id', pgmq.format_table_name(queue_name, 'q'))
  USING msg_ids;
END
$fn$;

CREATE FUNCTION pgmq.delete(queue_name text, msg_id bigint) RETURNS boolean
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT EXISTS (SELECT FROM pgmq.delete(queue_name, ARRAY[msg_id]))
$fn$;

-- -- metrics ---------------------------------------------------------------------------------

CREATE FUNCTION pgmq.metrics(queue_name text) RETURNS pgmq.metrics_result
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  result pgmq.metrics_result;
BEGIN
  EXECUTE pg_catalog.format(
    'SELECT $1, pg_catalog.count(*),
            EXTRACT(epoch FROM (pg_catalog.now() - pg_catalog.max(enqueued_at)))::integer,
            EXTRACT(epoch FROM (pg_catalog.now() - pg_catalog.min(enqueued_at)))::integer,
            (SELECT pg_catalog.count(*) FROM pgmq.%I) + pg_catalog.count(*),
            pg_catalog.now(),
            pg_catalog.count(*) FILTER (WHERE vt <= pg_catalog.clock_timestamp())
       FROM pgmq.%I',
    pgmq.format_table_name(queue_name, 'a'), pgmq.format_table_name(queue_name, 'q'))
  INTO result USING queue_name;
  RETURN result;
END
$fn$;

CREATE FUNCTION pgmq.metrics_all() RETURNS SETOF pgmq.metrics_result
LANGUAGE sql SET search_path = '' AS $fn$
  SELECT (pgmq.metrics(m.queue_name)).* FROM pgmq.meta m
$fn$;
