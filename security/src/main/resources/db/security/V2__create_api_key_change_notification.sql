-- Instances cache keys for a short time; this names the key each of them must forget. Only columns that decide
-- authentication are watched, so recording last use (at most once a minute per key) evicts nothing.
CREATE FUNCTION notify_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('dealflow_api_key_changed', '*');
    ELSE
        PERFORM pg_notify('dealflow_api_key_changed', OLD.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER api_key_changed
    AFTER UPDATE OF id, name, key_hash, locations, scopes, rate_limit_per_10s, revoked_at OR DELETE ON api_key
    FOR EACH ROW EXECUTE FUNCTION notify_api_key_changed();

CREATE TRIGGER api_key_truncated
    AFTER TRUNCATE ON api_key
    FOR EACH STATEMENT EXECUTE FUNCTION notify_api_key_changed();
