"""Names of the Supabase platform: schemas, roles, and the objects that live in platform schemas.

Snapshots use these to tell the platform's own objects from what a project added to it: an object
in a platform schema is the platform's iff its (schema, name) is in ``platform_object_names()``.
A project's trigger on auth.users, policy on storage.objects or own function in auth is kept.
"""

from __future__ import annotations

from collections.abc import Iterable

Names = frozenset[tuple[str, str]]


def _names(schema: str, names: Iterable[str]) -> Names:
    return frozenset((schema, name) for name in names)


# Schemas Supabase (its services, its bootstrap or the extensions it preinstalls) owns.
PLATFORM_SCHEMAS: frozenset[str] = frozenset(
    {
        "auth",
        "storage",
        "extensions",
        "realtime",
        "_realtime",
        "_analytics",
        "graphql",
        "graphql_public",
        "supabase_functions",
        "supabase_migrations",
        "vault",
        "pgbouncer",
        "pgsodium",
        "pgsodium_masks",
        "net",
        "cron",
        "pgmq",
        "pgtle",
    }
)

# Roles a Supabase cluster has besides the project's own; the first group is what the shim creates.
SHIM_ROLES: frozenset[str] = frozenset(
    {
        "anon",
        "authenticated",
        "service_role",
        "authenticator",
        "supabase_admin",
        "supabase_auth_admin",
        "supabase_storage_admin",
        "supabase_functions_admin",
        "supabase_realtime_admin",
        "supabase_replication_admin",
        "supabase_read_only_user",
        "dashboard_user",
        "pgbouncer",
    }
)
PLATFORM_ROLES: frozenset[str] = SHIM_ROLES | {
    "postgres",
    "supabase_etl_admin",
    "supabase_privileged_role",
    "pgsodium_keyholder",
    "pgsodium_keyiduser",
    "pgsodium_keymaker",
    "pgtle_admin",
}

# Every table, view, function, type and sequence shim.sql creates in a platform schema, except
# the members of the extensions it installs (those belong to the extension, not the platform).
# tests/test_supabase_shim.py checks this set against the catalogs of a shimmed database.
SHIM_OBJECTS: Names = (
    _names(
        "auth",
        [
            # tables (and their row types)
            "schema_migrations",
            "instances",
            "users",
            "identities",
            "sessions",
            "refresh_tokens",
            "audit_log_entries",
            "mfa_factors",
            "mfa_challenges",
            # sequences, types, functions
            "refresh_tokens_id_seq",
            "aal_level",
            "factor_type",
            "factor_status",
            "jwt",
            "uid",
            "role",
            "email",
        ],
    )
    | _names(
        "storage",
        [
            "migrations",
            "buckets",
            "objects",
            "foldername",
            "filename",
            "extension",
            "get_size_by_bucket",
        ],
    )
    | _names(
        "realtime",
        [
            "equality_op",
            "action",
            "user_defined_filter",
            "schema_migrations",
            "subscription",
            "subscription_id_seq",
            "messages",
            "topic",
            "send",
            "broadcast_changes",
        ],
    )
    | _names("graphql_public", ["graphql"])
    | _names("supabase_functions", ["migrations", "hooks", "hooks_id_seq", "http_request"])
    | _names("pgbouncer", ["get_auth"])
    | _names("supabase_migrations", ["schema_migrations"])
)

# Objects real Supabase projects have in platform schemas that the shim does not create, so that
# a snapshot of a real project does not mistake them for the project's own.
KNOWN_SUPABASE_OBJECTS: Names = (
    _names(
        "auth",
        [
            "mfa_amr_claims",
            "mfa_amr_claims_id_seq",
            "flow_state",
            "one_time_tokens",
            "saml_providers",
            "saml_relay_states",
            "sso_providers",
            "sso_domains",
            "sso_sessions",
            "oauth_clients",
            "oauth_authorizations",
            "oauth_consents",
            "oauth_client_states",
            "code_challenge_method",
            "one_time_token_type",
            "oauth_registration_type",
            "oauth_authorization_status",
            "oauth_response_type",
        ],
    )
    | _names(
        "storage",
        [
            "s3_multipart_uploads",
            "s3_multipart_uploads_parts",
            "prefixes",
            "buckets_analytics",
            "buckets_vectors",
            "vector_indexes",
            "buckettype",
            "search",
            "search_legacy_v1",
            "search_v1_optimised",
            "search_v2",
            "can_insert_object",
            "update_updated_at_column",
            "list_objects_with_delimiter",
            "list_multipart_uploads_with_delimiter",
            "operation",
            "get_level",
            "get_prefix",
            "get_prefixes",
            "add_prefixes",
            "delete_prefix",
            "delete_prefix_hierarchy_trigger",
            "prefixes_insert_trigger",
            "objects_insert_prefix_trigger",
            "objects_update_prefix_trigger",
            "objects_delete_cleanup",
            "objects_update_cleanup",
            "objects_update_level_trigger",
            "prefixes_delete_cleanup",
            "lock_top_prefixes",
            "delete_leaf_prefixes",
            "enforce_bucket_name_length",
            "get_common_prefix",
        ],
    )
    | _names(
        "realtime",
        [
            "wal_column",
            "wal_rls",
            "apply_rls",
            "build_prepared_statement_sql",
            "cast",
            "check_equality_op",
            "is_visible_through_filters",
            "list_changes",
            "quote_wal2json",
            "subscription_check_filters",
            "to_regrole",
        ],
    )
    | _names("supabase_migrations", ["seed_files"])
    | _names(
        "extensions",
        [
            # event-trigger functions Supabase's bootstrap puts next to the extensions
            "grant_pg_cron_access",
            "grant_pg_graphql_access",
            "grant_pg_net_access",
            "pgrst_ddl_watch",
            "pgrst_drop_watch",
            "set_graphql_placeholder",
        ],
    )
    | _names(
        "vault",
        [
            "secrets",
            "decrypted_secrets",
            "create_secret",
            "update_secret",
            "_crypto_aead_det_decrypt",
            "_crypto_aead_det_encrypt",
            "_crypto_aead_det_noncegen",
        ],
    )
    | _names(
        "net",
        [
            "http_request_queue",
            "http_request_queue_id_seq",
            "_http_response",
            "http_get",
            "http_post",
            "http_delete",
            "http_method",
            "request_status",
            "http_response",
            "http_response_result",
            "_await_response",
            "_encode_url_with_params_array",
            "_urlencode_string",
            "check_worker_is_up",
            "http_collect_response",
            "worker_restart",
            "wait_until_running",
            "wake",
        ],
    )
    | _names(
        "cron",
        [
            "job",
            "job_run_details",
            "jobid_seq",
            "runid_seq",
            "schedule",
            "schedule_in_database",
            "unschedule",
            "alter_job",
            "job_cache_invalidate",
        ],
    )
)


def platform_object_names() -> Names:
    """(schema, name) of every table, view, function, type and sequence the platform owns."""
    return SHIM_OBJECTS | KNOWN_SUPABASE_OBJECTS


# Extensions every Supabase project has preinstalled: the platform's, not the user's.
PLATFORM_EXTENSIONS: frozenset[str] = frozenset(
    {"supabase_vault", "pgsodium", "pg_graphql", "pg_stat_statements", "pgjwt", "plpgsql"}
)
