package io.dealflow.query.http;

/**
 * The query names a pipeline or opportunity that its location does not have (or no longer shows): HTTP 404. A
 * resource of another location counts as missing, so locations never learn about each other.
 */
public class ResourceNotFound extends RuntimeException {

    private final String code;

    public ResourceNotFound(String what, String id) {
        super(what.replace('-', ' ') + " " + id + " does not exist");
        this.code = what + "-not-found";
    }

    /** Stable problem code, e.g. {@code opportunity-not-found}. */
    public String code() {
        return code;
    }
}
