-- pgparity stand-in for pgvector 0.8.0, written from pgvector's public documentation.
--
-- What is faithful: the types vector(n), halfvec(n), sparsevec(n) with pgvector's text form
-- ('[1,2,3]', '{1:1.5,3:2}/5'), typmod checks ("expected 3 dimensions, not 2"), the casts to and
-- from arrays, the distance operators <-> (L2), <#> (negative inner product), <=> (cosine
-- distance), <+> (L1), <~> (Hamming) and <%> (Jaccard) with pgvector's results, element-wise
-- + - *, ||, comparisons, avg/sum, the helper functions, and the access methods ivfflat and hnsw
-- with pgvector's operator class names, so CREATE INDEX ... USING hnsw (embedding
-- vector_cosine_ops) is accepted and pg_get_indexdef prints it back unchanged.
--
-- What is not: an index access method needs C, so ivfflat and hnsw reuse the server's built-in
-- hash index handler. Such an index is a hash index on the whole value: it never serves
-- ORDER BY embedding <=> q (queries fall back to an exact scan, so their results are exact rather
-- than approximate), and index options such as WITH (lists = 100) or WITH (m = 16) are rejected
-- ("unrecognized parameter"). Values are stored as their text: the input function is the
-- server's JSON parser, so a column without a typmod accepts any JSON; values are checked (and
-- normalised, e.g. '[1.0, 2]' becomes '[1,2]') when cast or assigned to a type with a typmod and
-- whenever an operator or function reads them. halfvec keeps single precision. The binary
-- send/receive format is the text, not pgvector's. Everything is SQL, so it is slow: fine for
-- verifying migrations, not for similarity search over real data.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION vector" to load this file. \quit

-- ---------------------------------------------------------------------------------------------
-- Private helpers (plain PL/pgSQL over real[], calling only built-in functions, so that they
-- resolve the same whatever schema the extension lives in or the caller's search_path).
-- Functions that refer to this extension's own objects use SQL-standard bodies (RETURN ...),
-- which bind those references when created: the extension stays relocatable like pgvector.
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION _pgparity_vec_parse(txt text, typ text) RETURNS real[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
BEGIN
  -- pgvector's text form is a flat JSON array of numbers.
  IF txt !~ '^\s*\[[^][{}"]*\]\s*$' THEN
    RAISE EXCEPTION 'invalid input syntax for type %: "%"', typ, txt
      USING ERRCODE = 'invalid_text_representation';
  END IF;
  RETURN pg_catalog.translate(txt, '[]', '{}')::real[];
END
$fn$;

CREATE FUNCTION _pgparity_vec_check(a real[], typmod integer, typ text) RETURNS real[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
  n integer := coalesce(pg_catalog.cardinality(a), 0);
BEGIN
  IF a IS NULL THEN
    RETURN NULL;
  END IF;
  IF pg_catalog.array_ndims(a) > 1 THEN
    RAISE EXCEPTION 'array must be 1-D' USING ERRCODE = 'data_exception';
  END IF;
  IF pg_catalog.array_position(a, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'array must not contain nulls' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF n < 1 THEN
    RAISE EXCEPTION '% must have at least 1 dimension', typ USING ERRCODE = 'data_exception';
  END IF;
  IF n > 16000 THEN
    RAISE EXCEPTION '% cannot have more than 16000 dimensions', typ
      USING ERRCODE = 'program_limit_exceeded';
  END IF;
  IF 'NaN'::real = ANY (a) THEN
    RAISE EXCEPTION 'NaN not allowed in %', typ USING ERRCODE = 'data_exception';
  END IF;
  IF 'Infinity'::real = ANY (a) OR '-Infinity'::real = ANY (a) THEN
    RAISE EXCEPTION 'infinite value not allowed in %', typ USING ERRCODE = 'data_exception';
  END IF;
  IF typ = 'halfvec' AND EXISTS (SELECT FROM pg_catalog.unnest(a) AS x WHERE abs(x) > 65504) THEN
    RAISE EXCEPTION 'value out of range for type halfvec' USING ERRCODE = 'numeric_value_out_of_range';
  END IF;
  IF typmod > 0 AND n <> typmod THEN
    RAISE EXCEPTION 'expected % dimensions, not %', typmod, n USING ERRCODE = 'data_exception';
  END IF;
  RETURN a;
END
$fn$;

CREATE FUNCTION _pgparity_vec_format(a real[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fn$ SELECT '[' || pg_catalog.array_to_string(a, ',') || ']' $fn$;

CREATE FUNCTION _pgparity_vec_typmod(mods cstring[], typ text, maxdims integer) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  dims integer;
BEGIN
  IF pg_catalog.cardinality(mods) <> 1 THEN
    RAISE EXCEPTION 'invalid type modifier' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  dims := pg_catalog.array_to_string(mods, ',')::integer;
  IF dims < 1 THEN
    RAISE EXCEPTION 'dimensions for type % must be at least 1', typ
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF dims > maxdims THEN
    RAISE EXCEPTION 'dimensions for type % cannot exceed %', typ, maxdims
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN dims;
END
$fn$;

CREATE FUNCTION _pgparity_vec_distance(a real[], b real[], kind text) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  dot double precision;
  na double precision;
  nb double precision;
  sim double precision;
  k text := pg_catalog.replace(kind, 'sparse_', '');
BEGIN
  IF pg_catalog.cardinality(a) <> pg_catalog.cardinality(b) THEN
    RAISE EXCEPTION 'different % dimensions % and %',
      CASE WHEN kind LIKE 'sparse%' THEN 'sparsevec' ELSE 'vector' END,
      pg_catalog.cardinality(a), pg_catalog.cardinality(b)
      USING ERRCODE = 'data_exception';
  END IF;
  CASE k
    WHEN 'l2' THEN
      RETURN (SELECT sqrt(sum((x::float8 - y::float8) ^ 2)) FROM unnest(a, b) AS t (x, y));
    WHEN 'l2_squared' THEN
      RETURN (SELECT sum((x::float8 - y::float8) ^ 2) FROM unnest(a, b) AS t (x, y));
    WHEN 'ip' THEN
      RETURN (SELECT sum(x::float8 * y::float8) FROM unnest(a, b) AS t (x, y));
    WHEN 'l1' THEN
      RETURN (SELECT sum(abs(x::float8 - y::float8)) FROM unnest(a, b) AS t (x, y));
    WHEN 'cosine', 'spherical' THEN
      SELECT sum(x::float8 * y::float8), sum(x::float8 * x::float8), sum(y::float8 * y::float8)
        INTO dot, na, nb
        FROM unnest(a, b) AS t (x, y);
      IF na = 0 OR nb = 0 THEN
        RETURN 'NaN'::float8;  -- pgvector's answer when either vector is all zeros
      END IF;
      sim := greatest(-1, least(1, dot / sqrt(na * nb)));
      IF k = 'spherical' THEN
        RETURN acos(sim) / pi();
      END IF;
      RETURN 1 - sim;
  END CASE;
  RAISE EXCEPTION 'unknown distance %', kind;
END
$fn$;

CREATE FUNCTION _pgparity_vec_arith(a real[], b real[], op text) RETURNS real[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
BEGIN
  IF op <> '||' AND pg_catalog.cardinality(a) <> pg_catalog.cardinality(b) THEN
    RAISE EXCEPTION 'different vector dimensions % and %', pg_catalog.cardinality(a), pg_catalog.cardinality(b)
      USING ERRCODE = 'data_exception';
  END IF;
  CASE op
    WHEN '+' THEN RETURN ARRAY(SELECT x + y FROM unnest(a, b) WITH ORDINALITY AS t (x, y, i) ORDER BY i);
    WHEN '-' THEN RETURN ARRAY(SELECT x - y FROM unnest(a, b) WITH ORDINALITY AS t (x, y, i) ORDER BY i);
    WHEN '*' THEN RETURN ARRAY(SELECT x * y FROM unnest(a, b) WITH ORDINALITY AS t (x, y, i) ORDER BY i);
    WHEN '||' THEN RETURN a || b;
  END CASE;
  RAISE EXCEPTION 'unknown operation %', op;
END
$fn$;

CREATE FUNCTION _pgparity_vec_normalize(a real[]) RETURNS real[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  norm double precision := (SELECT sqrt(sum(x::float8 * x::float8)) FROM pg_catalog.unnest(a) AS x);
BEGIN
  IF norm = 0 THEN
    RETURN a;  -- pgvector returns a zero vector unchanged
  END IF;
  RETURN ARRAY(SELECT (x / norm)::real FROM pg_catalog.unnest(a) WITH ORDINALITY AS t (x, i) ORDER BY i);
END
$fn$;

CREATE FUNCTION _pgparity_vec_subvector(a real[], start integer, count integer) RETURNS real[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  first integer := greatest(start, 1);
  last integer := least(start + count - 1, pg_catalog.cardinality(a));
BEGIN
  IF count < 1 OR last < first THEN
    RAISE EXCEPTION 'vector must have at least 1 dimension' USING ERRCODE = 'data_exception';
  END IF;
  RETURN a[first:last];
END
$fn$;

-- "bit" quoted: unquoted, the grammar reads the type name as bit(1).
CREATE FUNCTION _pgparity_vec_quantize(a real[]) RETURNS bit
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT pg_catalog.string_agg(CASE WHEN x > 0 THEN '1' ELSE '0' END, '' ORDER BY i)::pg_catalog."bit"
  FROM pg_catalog.unnest(a) WITH ORDINALITY AS t (x, i)
$fn$;

-- avg(): the state is {count, sum of each dimension}.
CREATE FUNCTION _pgparity_vec_accum(state double precision[], a real[]) RETURNS double precision[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
BEGIN
  IF state[1] = 0 THEN
    RETURN ARRAY[1::float8] || a::float8[];
  END IF;
  IF pg_catalog.cardinality(state) - 1 <> pg_catalog.cardinality(a) THEN
    RAISE EXCEPTION 'expected % dimensions, not %', pg_catalog.cardinality(state) - 1, pg_catalog.cardinality(a)
      USING ERRCODE = 'data_exception';
  END IF;
  RETURN ARRAY[state[1] + 1] || ARRAY(
    SELECT s + x FROM unnest(state[2:], a) WITH ORDINALITY AS t (s, x, i) ORDER BY i);
END
$fn$;

CREATE FUNCTION _pgparity_vec_combine(a double precision[], b double precision[]) RETURNS double precision[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
BEGIN
  IF a[1] = 0 THEN
    RETURN b;
  ELSIF b[1] = 0 THEN
    RETURN a;
  END IF;
  RETURN ARRAY(SELECT x + y FROM unnest(a, b) WITH ORDINALITY AS t (x, y, i) ORDER BY i);
END
$fn$;

CREATE FUNCTION _pgparity_vec_avg(state double precision[]) RETURNS real[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT CASE WHEN state[1] = 0 THEN NULL
    ELSE ARRAY(SELECT (s / state[1])::real FROM pg_catalog.unnest(state[2:]) WITH ORDINALITY AS t (s, i) ORDER BY i)
  END
$fn$;

-- ---------------------------------------------------------------------------------------------
-- vector
-- ---------------------------------------------------------------------------------------------

CREATE TYPE vector;

-- The text form is a JSON array, so the server's own JSON input and output functions read,
-- check and print it; the value is stored as that text.
CREATE FUNCTION vector_in(cstring, oid, integer) RETURNS vector
  AS 'json_in' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION vector_out(vector) RETURNS cstring
  AS 'json_out' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION vector_recv(internal, oid, integer) RETURNS vector
  AS 'json_recv' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION vector_send(vector) RETURNS bytea
  AS 'json_send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION vector_typmod_in(cstring[]) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_typmod($1, 'vector', 16000);

CREATE TYPE vector (
  INPUT = vector_in,
  OUTPUT = vector_out,
  RECEIVE = vector_recv,
  SEND = vector_send,
  TYPMOD_IN = vector_typmod_in,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = int4,
  STORAGE = extended
);

-- vector -> real[] (the way every other function reads a value)
CREATE FUNCTION vector_to_float4(vector, integer, boolean) RETURNS real[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_check(_pgparity_vec_parse($1::text, 'vector'), -1, 'vector');
CREATE CAST (vector AS real[]) WITH FUNCTION vector_to_float4(vector, integer, boolean) AS IMPLICIT;

-- arrays -> vector, checking the typmod
CREATE FUNCTION array_to_vector(real[], integer, boolean) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1, $2, 'vector'))::vector;
CREATE FUNCTION array_to_vector(double precision[], integer, boolean) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'vector'))::vector;
CREATE FUNCTION array_to_vector(integer[], integer, boolean) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'vector'))::vector;
CREATE FUNCTION array_to_vector(numeric[], integer, boolean) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'vector'))::vector;
CREATE CAST (real[] AS vector) WITH FUNCTION array_to_vector(real[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (double precision[] AS vector) WITH FUNCTION array_to_vector(double precision[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (integer[] AS vector) WITH FUNCTION array_to_vector(integer[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (numeric[] AS vector) WITH FUNCTION array_to_vector(numeric[], integer, boolean) AS ASSIGNMENT;

-- vector(n): the length coercion PostgreSQL applies on assignment to a vector(n) column
CREATE FUNCTION vector(vector, integer, boolean) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'vector'))::vector;
CREATE CAST (vector AS vector) WITH FUNCTION vector(vector, integer, boolean) AS IMPLICIT;

-- distances
CREATE FUNCTION l2_distance(vector, vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'l2');
CREATE FUNCTION inner_product(vector, vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'ip');
CREATE FUNCTION cosine_distance(vector, vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'cosine');
CREATE FUNCTION l1_distance(vector, vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'l1');
CREATE FUNCTION vector_l2_squared_distance(vector, vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'l2_squared');
CREATE FUNCTION vector_negative_inner_product(vector, vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN -_pgparity_vec_distance($1::real[], $2::real[], 'ip');
CREATE FUNCTION vector_spherical_distance(vector, vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'spherical');

CREATE OPERATOR <-> (LEFTARG = vector, RIGHTARG = vector, FUNCTION = l2_distance, COMMUTATOR = '<->');
CREATE OPERATOR <#> (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_negative_inner_product, COMMUTATOR = '<#>');
CREATE OPERATOR <=> (LEFTARG = vector, RIGHTARG = vector, FUNCTION = cosine_distance, COMMUTATOR = '<=>');
CREATE OPERATOR <+> (LEFTARG = vector, RIGHTARG = vector, FUNCTION = l1_distance, COMMUTATOR = '<+>');

-- other functions
CREATE FUNCTION vector_dims(vector) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.cardinality($1::real[]);
CREATE FUNCTION vector_norm(vector) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (SELECT sqrt(sum(x::float8 * x::float8)) FROM pg_catalog.unnest($1::real[]) AS x);
CREATE FUNCTION l2_normalize(vector) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_normalize($1::real[]))::vector;
CREATE FUNCTION binary_quantize(vector) RETURNS bit
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_quantize($1::real[]);
CREATE FUNCTION subvector(vector, integer, integer) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_subvector($1::real[], $2, $3))::vector;

-- arithmetic
CREATE FUNCTION vector_add(vector, vector) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_vec_arith($1::real[], $2::real[], '+'), -1, 'vector'))::vector;
CREATE FUNCTION vector_sub(vector, vector) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_vec_arith($1::real[], $2::real[], '-'), -1, 'vector'))::vector;
CREATE FUNCTION vector_mul(vector, vector) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_vec_arith($1::real[], $2::real[], '*'), -1, 'vector'))::vector;
CREATE FUNCTION vector_concat(vector, vector) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_vec_arith($1::real[], $2::real[], '||'), -1, 'vector'))::vector;
CREATE OPERATOR + (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_add, COMMUTATOR = +);
CREATE OPERATOR - (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_sub);
CREATE OPERATOR * (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_mul, COMMUTATOR = *);
CREATE OPERATOR || (LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_concat);

-- comparisons: element by element, then the shorter first (as real[] compares)
CREATE FUNCTION vector_lt(vector, vector) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] < $2::real[];
CREATE FUNCTION vector_le(vector, vector) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] <= $2::real[];
CREATE FUNCTION vector_eq(vector, vector) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] = $2::real[];
CREATE FUNCTION vector_ne(vector, vector) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] <> $2::real[];
CREATE FUNCTION vector_ge(vector, vector) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] >= $2::real[];
CREATE FUNCTION vector_gt(vector, vector) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] > $2::real[];
CREATE FUNCTION vector_cmp(vector, vector) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.btarraycmp($1::real[], $2::real[]);
-- The support function of the ivfflat/hnsw stand-in indexes (hash indexes, see the header).
CREATE FUNCTION _pgparity_vector_hash(vector) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.hash_array($1::real[]);

CREATE OPERATOR < (LEFTARG = vector, RIGHTARG = vector, PROCEDURE = vector_lt, COMMUTATOR = >, NEGATOR = >=,
  RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = vector, RIGHTARG = vector, PROCEDURE = vector_le, COMMUTATOR = >=, NEGATOR = >,
  RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR = (LEFTARG = vector, RIGHTARG = vector, PROCEDURE = vector_eq, COMMUTATOR = =, NEGATOR = <>,
  RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR <> (LEFTARG = vector, RIGHTARG = vector, PROCEDURE = vector_ne, COMMUTATOR = <>, NEGATOR = =,
  RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR >= (LEFTARG = vector, RIGHTARG = vector, PROCEDURE = vector_ge, COMMUTATOR = <=, NEGATOR = <,
  RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR > (LEFTARG = vector, RIGHTARG = vector, PROCEDURE = vector_gt, COMMUTATOR = <, NEGATOR = <=,
  RESTRICT = scalargtsel, JOIN = scalargtjoinsel);

CREATE OPERATOR CLASS vector_ops DEFAULT FOR TYPE vector USING btree AS
  OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
  FUNCTION 1 vector_cmp(vector, vector);

-- aggregates
CREATE FUNCTION vector_accum(double precision[], vector) RETURNS double precision[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_accum($1, $2::real[]);
CREATE FUNCTION vector_combine(double precision[], double precision[]) RETURNS double precision[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_combine($1, $2);
CREATE FUNCTION vector_avg(double precision[]) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_format(_pgparity_vec_avg($1))::vector;
CREATE AGGREGATE avg(vector) (
  SFUNC = vector_accum, STYPE = double precision[], FINALFUNC = vector_avg,
  COMBINEFUNC = vector_combine, INITCOND = '{0}', PARALLEL = SAFE
);
CREATE AGGREGATE sum(vector) (SFUNC = vector_add, STYPE = vector, COMBINEFUNC = vector_add, PARALLEL = SAFE);

-- ---------------------------------------------------------------------------------------------
-- halfvec
-- ---------------------------------------------------------------------------------------------

CREATE TYPE halfvec;

-- The text form is a JSON array, so the server's own JSON input and output functions read,
-- check and print it; the value is stored as that text.
CREATE FUNCTION halfvec_in(cstring, oid, integer) RETURNS halfvec
  AS 'json_in' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION halfvec_out(halfvec) RETURNS cstring
  AS 'json_out' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION halfvec_recv(internal, oid, integer) RETURNS halfvec
  AS 'json_recv' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION halfvec_send(halfvec) RETURNS bytea
  AS 'json_send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION halfvec_typmod_in(cstring[]) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_typmod($1, 'halfvec', 16000);

CREATE TYPE halfvec (
  INPUT = halfvec_in,
  OUTPUT = halfvec_out,
  RECEIVE = halfvec_recv,
  SEND = halfvec_send,
  TYPMOD_IN = halfvec_typmod_in,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = int4,
  STORAGE = extended
);

-- halfvec -> real[] (the way every other function reads a value)
CREATE FUNCTION halfvec_to_float4(halfvec, integer, boolean) RETURNS real[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_check(_pgparity_vec_parse($1::text, 'halfvec'), -1, 'halfvec');
CREATE CAST (halfvec AS real[]) WITH FUNCTION halfvec_to_float4(halfvec, integer, boolean) AS IMPLICIT;

-- arrays -> halfvec, checking the typmod
CREATE FUNCTION array_to_halfvec(real[], integer, boolean) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1, $2, 'halfvec'))::halfvec;
CREATE FUNCTION array_to_halfvec(double precision[], integer, boolean) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'halfvec'))::halfvec;
CREATE FUNCTION array_to_halfvec(integer[], integer, boolean) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'halfvec'))::halfvec;
CREATE FUNCTION array_to_halfvec(numeric[], integer, boolean) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'halfvec'))::halfvec;
CREATE CAST (real[] AS halfvec) WITH FUNCTION array_to_halfvec(real[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (double precision[] AS halfvec) WITH FUNCTION array_to_halfvec(double precision[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (integer[] AS halfvec) WITH FUNCTION array_to_halfvec(integer[], integer, boolean) AS ASSIGNMENT;
CREATE CAST (numeric[] AS halfvec) WITH FUNCTION array_to_halfvec(numeric[], integer, boolean) AS ASSIGNMENT;

-- halfvec(n): the length coercion PostgreSQL applies on assignment to a halfvec(n) column
CREATE FUNCTION halfvec(halfvec, integer, boolean) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'halfvec'))::halfvec;
CREATE CAST (halfvec AS halfvec) WITH FUNCTION halfvec(halfvec, integer, boolean) AS IMPLICIT;

-- distances
CREATE FUNCTION l2_distance(halfvec, halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'l2');
CREATE FUNCTION inner_product(halfvec, halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'ip');
CREATE FUNCTION cosine_distance(halfvec, halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'cosine');
CREATE FUNCTION l1_distance(halfvec, halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'l1');
CREATE FUNCTION halfvec_l2_squared_distance(halfvec, halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'l2_squared');
CREATE FUNCTION halfvec_negative_inner_product(halfvec, halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN -_pgparity_vec_distance($1::real[], $2::real[], 'ip');
CREATE FUNCTION halfvec_spherical_distance(halfvec, halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_distance($1::real[], $2::real[], 'spherical');

CREATE OPERATOR <-> (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = l2_distance, COMMUTATOR = '<->');
CREATE OPERATOR <#> (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_negative_inner_product, COMMUTATOR = '<#>');
CREATE OPERATOR <=> (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = cosine_distance, COMMUTATOR = '<=>');
CREATE OPERATOR <+> (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = l1_distance, COMMUTATOR = '<+>');

-- other functions
CREATE FUNCTION vector_dims(halfvec) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.cardinality($1::real[]);
CREATE FUNCTION l2_norm(halfvec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (SELECT sqrt(sum(x::float8 * x::float8)) FROM pg_catalog.unnest($1::real[]) AS x);
CREATE FUNCTION l2_normalize(halfvec) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_normalize($1::real[]))::halfvec;
CREATE FUNCTION binary_quantize(halfvec) RETURNS bit
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_quantize($1::real[]);
CREATE FUNCTION subvector(halfvec, integer, integer) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_subvector($1::real[], $2, $3))::halfvec;

-- arithmetic
CREATE FUNCTION halfvec_add(halfvec, halfvec) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_vec_arith($1::real[], $2::real[], '+'), -1, 'halfvec'))::halfvec;
CREATE FUNCTION halfvec_sub(halfvec, halfvec) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_vec_arith($1::real[], $2::real[], '-'), -1, 'halfvec'))::halfvec;
CREATE FUNCTION halfvec_mul(halfvec, halfvec) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_vec_arith($1::real[], $2::real[], '*'), -1, 'halfvec'))::halfvec;
CREATE FUNCTION halfvec_concat(halfvec, halfvec) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_vec_arith($1::real[], $2::real[], '||'), -1, 'halfvec'))::halfvec;
CREATE OPERATOR + (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_add, COMMUTATOR = +);
CREATE OPERATOR - (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_sub);
CREATE OPERATOR * (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_mul, COMMUTATOR = *);
CREATE OPERATOR || (LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_concat);

-- comparisons: element by element, then the shorter first (as real[] compares)
CREATE FUNCTION halfvec_lt(halfvec, halfvec) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] < $2::real[];
CREATE FUNCTION halfvec_le(halfvec, halfvec) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] <= $2::real[];
CREATE FUNCTION halfvec_eq(halfvec, halfvec) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] = $2::real[];
CREATE FUNCTION halfvec_ne(halfvec, halfvec) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] <> $2::real[];
CREATE FUNCTION halfvec_ge(halfvec, halfvec) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] >= $2::real[];
CREATE FUNCTION halfvec_gt(halfvec, halfvec) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN $1::real[] > $2::real[];
CREATE FUNCTION halfvec_cmp(halfvec, halfvec) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.btarraycmp($1::real[], $2::real[]);
-- The support function of the ivfflat/hnsw stand-in indexes (hash indexes, see the header).
CREATE FUNCTION _pgparity_halfvec_hash(halfvec) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.hash_array($1::real[]);

CREATE OPERATOR < (LEFTARG = halfvec, RIGHTARG = halfvec, PROCEDURE = halfvec_lt, COMMUTATOR = >, NEGATOR = >=,
  RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = halfvec, RIGHTARG = halfvec, PROCEDURE = halfvec_le, COMMUTATOR = >=, NEGATOR = >,
  RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR = (LEFTARG = halfvec, RIGHTARG = halfvec, PROCEDURE = halfvec_eq, COMMUTATOR = =, NEGATOR = <>,
  RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR <> (LEFTARG = halfvec, RIGHTARG = halfvec, PROCEDURE = halfvec_ne, COMMUTATOR = <>, NEGATOR = =,
  RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR >= (LEFTARG = halfvec, RIGHTARG = halfvec, PROCEDURE = halfvec_ge, COMMUTATOR = <=, NEGATOR = <,
  RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR > (LEFTARG = halfvec, RIGHTARG = halfvec, PROCEDURE = halfvec_gt, COMMUTATOR = <, NEGATOR = <=,
  RESTRICT = scalargtsel, JOIN = scalargtjoinsel);

CREATE OPERATOR CLASS halfvec_ops DEFAULT FOR TYPE halfvec USING btree AS
  OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
  FUNCTION 1 halfvec_cmp(halfvec, halfvec);

-- aggregates
CREATE FUNCTION halfvec_accum(double precision[], halfvec) RETURNS double precision[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_accum($1, $2::real[]);
CREATE FUNCTION halfvec_combine(double precision[], double precision[]) RETURNS double precision[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_combine($1, $2);
CREATE FUNCTION halfvec_avg(double precision[]) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN _pgparity_vec_format(_pgparity_vec_avg($1))::halfvec;
CREATE AGGREGATE avg(halfvec) (
  SFUNC = halfvec_accum, STYPE = double precision[], FINALFUNC = halfvec_avg,
  COMBINEFUNC = halfvec_combine, INITCOND = '{0}', PARALLEL = SAFE
);
CREATE AGGREGATE sum(halfvec) (SFUNC = halfvec_add, STYPE = halfvec, COMBINEFUNC = halfvec_add, PARALLEL = SAFE);

-- ---------------------------------------------------------------------------------------------
-- casts between vector and halfvec
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION halfvec_to_vector(halfvec, integer, boolean) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'vector'))::vector;
CREATE FUNCTION vector_to_halfvec(vector, integer, boolean) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check($1::real[], $2, 'halfvec'))::halfvec;
CREATE CAST (halfvec AS vector) WITH FUNCTION halfvec_to_vector(halfvec, integer, boolean) AS ASSIGNMENT;
CREATE CAST (vector AS halfvec) WITH FUNCTION vector_to_halfvec(vector, integer, boolean) AS IMPLICIT;

-- ---------------------------------------------------------------------------------------------
-- sparsevec: '{1:1.5,3:2}/5' (1-based indices of the non-zero elements, then the dimensions)
-- ---------------------------------------------------------------------------------------------

-- Dense real[] of a sparsevec's text, checking it as pgvector's input does.
CREATE FUNCTION _pgparity_sparsevec_parse(txt text, typmod integer) RETURNS real[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  m text[];
  dims integer;
  dense real[];
  pair text[];
  idx integer;
BEGIN
  m := regexp_match(txt, '^\s*\{([^}]*)\}\s*/\s*(\d+)\s*$');
  IF m IS NULL THEN
    RAISE EXCEPTION 'invalid input syntax for type sparsevec: "%"', txt
      USING ERRCODE = 'invalid_text_representation';
  END IF;
  dims := m[2]::integer;
  IF dims < 1 THEN
    RAISE EXCEPTION 'sparsevec must have at least 1 dimension' USING ERRCODE = 'data_exception';
  END IF;
  IF dims > 1000000000 THEN
    RAISE EXCEPTION 'sparsevec cannot have more than 1000000000 dimensions'
      USING ERRCODE = 'program_limit_exceeded';
  END IF;
  IF typmod > 0 AND dims <> typmod THEN
    RAISE EXCEPTION 'expected % dimensions, not %', typmod, dims USING ERRCODE = 'data_exception';
  END IF;
  dense := array_fill(0::real, ARRAY[dims]);
  IF btrim(m[1]) <> '' THEN
    FOREACH pair SLICE 1 IN ARRAY (
      SELECT array_agg(ARRAY[btrim(split_part(e, ':', 1)), btrim(split_part(e, ':', 2))])
      FROM unnest(string_to_array(m[1], ',')) AS e
    ) LOOP
      idx := pair[1]::integer;
      IF idx < 1 OR idx > dims THEN
        RAISE EXCEPTION 'index out of bounds' USING ERRCODE = 'data_exception';
      END IF;
      dense[idx] := pair[2]::real;
    END LOOP;
  END IF;
  IF 'NaN'::real = ANY (dense) THEN
    RAISE EXCEPTION 'NaN not allowed in sparsevec' USING ERRCODE = 'data_exception';
  END IF;
  IF 'Infinity'::real = ANY (dense) OR '-Infinity'::real = ANY (dense) THEN
    RAISE EXCEPTION 'infinite value not allowed in sparsevec' USING ERRCODE = 'data_exception';
  END IF;
  RETURN dense;
END
$fn$;

CREATE FUNCTION _pgparity_sparsevec_format(dense real[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT '{' || coalesce(string_agg(i || ':' || x, ',' ORDER BY i) FILTER (WHERE x <> 0), '') || '}/'
    || pg_catalog.cardinality(dense)
  FROM pg_catalog.unnest(dense) WITH ORDINALITY AS t (x, i)
$fn$;

CREATE TYPE sparsevec;
-- Stored as its text; the text functions read and print it (checked when read, see above).
CREATE FUNCTION sparsevec_in(cstring, oid, integer) RETURNS sparsevec
  AS 'textin' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION sparsevec_out(sparsevec) RETURNS cstring
  AS 'textout' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION sparsevec_recv(internal, oid, integer) RETURNS sparsevec
  AS 'textrecv' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION sparsevec_send(sparsevec) RETURNS bytea
  AS 'textsend' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION sparsevec_typmod_in(cstring[]) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_typmod($1, 'sparsevec', 1000000000);
CREATE TYPE sparsevec (
  INPUT = sparsevec_in,
  OUTPUT = sparsevec_out,
  RECEIVE = sparsevec_recv,
  SEND = sparsevec_send,
  TYPMOD_IN = sparsevec_typmod_in,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = int4,
  STORAGE = extended
);

CREATE FUNCTION sparsevec(sparsevec, integer, boolean) RETURNS sparsevec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_sparsevec_format(_pgparity_sparsevec_parse($1::text, $2))::sparsevec;
CREATE CAST (sparsevec AS sparsevec) WITH FUNCTION sparsevec(sparsevec, integer, boolean) AS IMPLICIT;

CREATE FUNCTION vector_to_sparsevec(vector, integer, boolean) RETURNS sparsevec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_sparsevec_format(_pgparity_vec_check($1::real[], $2, 'sparsevec'))::sparsevec;
CREATE FUNCTION halfvec_to_sparsevec(halfvec, integer, boolean) RETURNS sparsevec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_sparsevec_format(_pgparity_vec_check($1::real[], $2, 'sparsevec'))::sparsevec;
CREATE FUNCTION sparsevec_to_vector(sparsevec, integer, boolean) RETURNS vector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_sparsevec_parse($1::text, -1), $2, 'vector'))::vector;
CREATE FUNCTION sparsevec_to_halfvec(sparsevec, integer, boolean) RETURNS halfvec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_format(_pgparity_vec_check(_pgparity_sparsevec_parse($1::text, -1), $2, 'halfvec'))::halfvec;
CREATE CAST (vector AS sparsevec) WITH FUNCTION vector_to_sparsevec(vector, integer, boolean) AS ASSIGNMENT;
CREATE CAST (halfvec AS sparsevec) WITH FUNCTION halfvec_to_sparsevec(halfvec, integer, boolean) AS ASSIGNMENT;
CREATE CAST (sparsevec AS vector) WITH FUNCTION sparsevec_to_vector(sparsevec, integer, boolean) AS ASSIGNMENT;
CREATE CAST (sparsevec AS halfvec) WITH FUNCTION sparsevec_to_halfvec(sparsevec, integer, boolean) AS ASSIGNMENT;

CREATE FUNCTION l2_distance(sparsevec, sparsevec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_distance(_pgparity_sparsevec_parse($1::text, -1), _pgparity_sparsevec_parse($2::text, -1), 'sparse_l2');
CREATE FUNCTION inner_product(sparsevec, sparsevec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_distance(_pgparity_sparsevec_parse($1::text, -1), _pgparity_sparsevec_parse($2::text, -1), 'sparse_ip');
CREATE FUNCTION cosine_distance(sparsevec, sparsevec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_distance(_pgparity_sparsevec_parse($1::text, -1), _pgparity_sparsevec_parse($2::text, -1), 'sparse_cosine');
CREATE FUNCTION l1_distance(sparsevec, sparsevec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_vec_distance(_pgparity_sparsevec_parse($1::text, -1), _pgparity_sparsevec_parse($2::text, -1), 'sparse_l1');
CREATE FUNCTION sparsevec_negative_inner_product(sparsevec, sparsevec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN -inner_product($1, $2);
CREATE FUNCTION l2_norm(sparsevec) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (SELECT sqrt(sum(x::float8 * x::float8)) FROM pg_catalog.unnest(_pgparity_sparsevec_parse($1::text, -1)) AS x);
CREATE FUNCTION l2_normalize(sparsevec) RETURNS sparsevec
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_sparsevec_format(_pgparity_vec_normalize(_pgparity_sparsevec_parse($1::text, -1)))::sparsevec;
CREATE FUNCTION sparsevec_eq(sparsevec, sparsevec) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN _pgparity_sparsevec_parse($1::text, -1) = _pgparity_sparsevec_parse($2::text, -1);
CREATE FUNCTION _pgparity_sparsevec_hash(sparsevec) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN pg_catalog.hash_array(_pgparity_sparsevec_parse($1::text, -1));

CREATE OPERATOR <-> (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = l2_distance, COMMUTATOR = '<->');
CREATE OPERATOR <#> (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_negative_inner_product, COMMUTATOR = '<#>');
CREATE OPERATOR <=> (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = cosine_distance, COMMUTATOR = '<=>');
CREATE OPERATOR <+> (LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = l1_distance, COMMUTATOR = '<+>');
CREATE OPERATOR = (LEFTARG = sparsevec, RIGHTARG = sparsevec, PROCEDURE = sparsevec_eq, COMMUTATOR = =,
  RESTRICT = eqsel, JOIN = eqjoinsel);

-- ---------------------------------------------------------------------------------------------
-- bit: Hamming and Jaccard distances
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION hamming_distance(bit, bit) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
BEGIN
  IF pg_catalog.length($1) <> pg_catalog.length($2) THEN
    RAISE EXCEPTION 'different bit lengths % and %', pg_catalog.length($1), pg_catalog.length($2)
      USING ERRCODE = 'data_exception';
  END IF;
  RETURN pg_catalog.bit_count($1 # $2);
END
$fn$;
CREATE FUNCTION jaccard_distance(bit, bit) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  both_set bigint;
  either_set bigint;
BEGIN
  IF pg_catalog.length($1) <> pg_catalog.length($2) THEN
    RAISE EXCEPTION 'different bit lengths % and %', pg_catalog.length($1), pg_catalog.length($2)
      USING ERRCODE = 'data_exception';
  END IF;
  both_set := pg_catalog.bit_count($1 & $2);
  either_set := pg_catalog.bit_count($1) + pg_catalog.bit_count($2) - both_set;
  IF either_set = 0 THEN
    RETURN 1;  -- as pgvector: two all-zero bit strings are as far apart as possible
  END IF;
  RETURN 1 - both_set::float8 / either_set;
END
$fn$;
CREATE FUNCTION _pgparity_bit_hash(bit) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN pg_catalog.hashtext($1::text);
CREATE OPERATOR <~> (LEFTARG = bit, RIGHTARG = bit, FUNCTION = hamming_distance, COMMUTATOR = '<~>');
CREATE OPERATOR <%> (LEFTARG = bit, RIGHTARG = bit, FUNCTION = jaccard_distance, COMMUTATOR = '<%>');

-- ---------------------------------------------------------------------------------------------
-- Access methods ivfflat and hnsw.
--
-- Writing an index access method takes C, so both reuse the server's hash index handler: the
-- names, the operator classes and CREATE INDEX ... USING hnsw (col vector_cosine_ops) are
-- pgvector's, and the index is a hash index of each value (single column, not unique, like
-- pgvector's). It answers equality, never nearest-neighbour ORDER BY, so such queries scan
-- exactly. Index options (lists, m, ef_construction) are rejected: only C can declare them.
-- ---------------------------------------------------------------------------------------------

CREATE ACCESS METHOD ivfflat TYPE INDEX HANDLER pg_catalog.hashhandler;
COMMENT ON ACCESS METHOD ivfflat IS 'ivfflat index access method (pgparity stand-in: a hash index)';
CREATE ACCESS METHOD hnsw TYPE INDEX HANDLER pg_catalog.hashhandler;
COMMENT ON ACCESS METHOD hnsw IS 'hnsw index access method (pgparity stand-in: a hash index)';

CREATE OPERATOR CLASS vector_l2_ops DEFAULT FOR TYPE vector USING ivfflat AS
  OPERATOR 1 = (vector, vector), FUNCTION 1 _pgparity_vector_hash(vector);
CREATE OPERATOR CLASS vector_ip_ops FOR TYPE vector USING ivfflat AS
  OPERATOR 1 = (vector, vector), FUNCTION 1 _pgparity_vector_hash(vector);
CREATE OPERATOR CLASS vector_cosine_ops FOR TYPE vector USING ivfflat AS
  OPERATOR 1 = (vector, vector), FUNCTION 1 _pgparity_vector_hash(vector);
CREATE OPERATOR CLASS halfvec_l2_ops FOR TYPE halfvec USING ivfflat AS
  OPERATOR 1 = (halfvec, halfvec), FUNCTION 1 _pgparity_halfvec_hash(halfvec);
CREATE OPERATOR CLASS halfvec_ip_ops FOR TYPE halfvec USING ivfflat AS
  OPERATOR 1 = (halfvec, halfvec), FUNCTION 1 _pgparity_halfvec_hash(halfvec);
CREATE OPERATOR CLASS halfvec_cosine_ops FOR TYPE halfvec USING ivfflat AS
  OPERATOR 1 = (halfvec, halfvec), FUNCTION 1 _pgparity_halfvec_hash(halfvec);
CREATE OPERATOR CLASS bit_hamming_ops FOR TYPE bit USING ivfflat AS
  OPERATOR 1 = (bit, bit), FUNCTION 1 _pgparity_bit_hash(bit);
CREATE OPERATOR CLASS vector_l2_ops FOR TYPE vector USING hnsw AS
  OPERATOR 1 = (vector, vector), FUNCTION 1 _pgparity_vector_hash(vector);
CREATE OPERATOR CLASS vector_ip_ops FOR TYPE vector USING hnsw AS
  OPERATOR 1 = (vector, vector), FUNCTION 1 _pgparity_vector_hash(vector);
CREATE OPERATOR CLASS vector_cosine_ops FOR TYPE vector USING hnsw AS
  OPERATOR 1 = (vector, vector), FUNCTION 1 _pgparity_vector_hash(vector);
CREATE OPERATOR CLASS vector_l1_ops FOR TYPE vector USING hnsw AS
  OPERATOR 1 = (vector, vector), FUNCTION 1 _pgparity_vector_hash(vector);
CREATE OPERATOR CLASS halfvec_l2_ops FOR TYPE halfvec USING hnsw AS
  OPERATOR 1 = (halfvec, halfvec), FUNCTION 1 _pgparity_halfvec_hash(halfvec);
CREATE OPERATOR CLASS halfvec_ip_ops FOR TYPE halfvec USING hnsw AS
  OPERATOR 1 = (halfvec, halfvec), FUNCTION 1 _pgparity_halfvec_hash(halfvec);
CREATE OPERATOR CLASS halfvec_cosine_ops FOR TYPE halfvec USING hnsw AS
  OPERATOR 1 = (halfvec, halfvec), FUNCTION 1 _pgparity_halfvec_hash(halfvec);
CREATE OPERATOR CLASS halfvec_l1_ops FOR TYPE halfvec USING hnsw AS
  OPERATOR 1 = (halfvec, halfvec), FUNCTION 1 _pgparity_halfvec_hash(halfvec);
CREATE OPERATOR CLASS sparsevec_l2_ops FOR TYPE sparsevec USING hnsw AS
  OPERATOR 1 = (sparsevec, sparsevec), FUNCTION 1 _pgparity_sparsevec_hash(sparsevec);
CREATE OPERATOR CLASS sparsevec_ip_ops FOR TYPE sparsevec USING hnsw AS
  OPERATOR 1 = (sparsevec, sparsevec), FUNCTION 1 _pgparity_sparsevec_hash(sparsevec);
CREATE OPERATOR CLASS sparsevec_cosine_ops FOR TYPE sparsevec USING hnsw AS
  OPERATOR 1 = (sparsevec, sparsevec), FUNCTION 1 _pgparity_sparsevec_hash(sparsevec);
CREATE OPERATOR CLASS sparsevec_l1_ops FOR TYPE sparsevec USING hnsw AS
  OPERATOR 1 = (sparsevec, sparsevec), FUNCTION 1 _pgparity_sparsevec_hash(sparsevec);
CREATE OPERATOR CLASS bit_hamming_ops FOR TYPE bit USING hnsw AS
  OPERATOR 1 = (bit, bit), FUNCTION 1 _pgparity_bit_hash(bit);
CREATE OPERATOR CLASS bit_jaccard_ops FOR TYPE bit USING hnsw AS
  OPERATOR 1 = (bit, bit), FUNCTION 1 _pgparity_bit_hash(bit);
