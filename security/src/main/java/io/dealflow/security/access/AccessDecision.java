package io.dealflow.security.access;

import org.springframework.security.authorization.AuthorizationDecision;

/**
 * The outcome of the access rules for one request, with why it was refused, so the refusal is answered with the
 * right status: a missing scope is 403, everything that must not reveal a resource is 404.
 */
class AccessDecision extends AuthorizationDecision {

    /** Why a request is refused. */
    public enum Refusal {
        /** Granted. */
        NONE,
        /** No valid key (answered 401). */
        UNAUTHENTICATED,
        /** The key may not act on the location in the path (answered 404). */
        OTHER_LOCATION,
        /** The key lacks every scope the endpoint accepts (answered 403). */
        MISSING_SCOPE,
        /** The endpoint acts on every location and the key is bound to some (answered 403). */
        NOT_EVERY_LOCATION,
        /** No rule covers the endpoint: denied by default (answered 404). */
        NO_RULE
    }

    private final Refusal refusal;
    private final AccessRule rule;

    AccessDecision(Refusal refusal, AccessRule rule) {
        super(refusal == Refusal.NONE);
        this.refusal = refusal;
        this.rule = rule;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The rule that matched, or null when none did. */
    public AccessRule rule() {
        return rule;
    }
}
