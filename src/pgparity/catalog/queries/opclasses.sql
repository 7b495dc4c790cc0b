-- Operator classes: whether each is the default of its access method for its input type. An
-- index definition leaves out a column's operator class when it is the default for the
-- column's type (pg_get_indexdef's rule), which the index reader decides from these rows.
SELECT oc.oid::int8 AS oid,
       oc.opcdefault AS is_default,
       oc.opcintype::int8 AS input_type
FROM pg_catalog.pg_opclass oc
