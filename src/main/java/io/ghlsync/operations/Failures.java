package io.ghlsync.operations;

import io.ghlsync.ghl.GhlApiException;
import io.ghlsync.ghl.GhlScopeException;
import io.ghlsync.mapping.MappingError;
import io.ghlsync.mapping.MappingException;
import org.apache.camel.http.base.HttpOperationFailedException;

import java.util.LinkedHashSet;
import java.util.Set;

/** Reads what a dead letter records from a failure: the exception that explains it, its field and HTTP status. */
final class Failures {

    private Failures() {
    }

    /**
     * The exception worth naming: Camel and callers wrap failures (e.g. in {@code CamelExecutionException}), so the
     * cause chain is searched for ghl-sync's own verdicts first; otherwise the failure itself.
     */
    static Throwable explaining(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MappingException || t instanceof GhlApiException || t instanceof GhlScopeException
                    || t instanceof HttpOperationFailedException) {
                return t;
            }
        }
        return failure;
    }

    static boolean isMappingError(Throwable failure) {
        return explaining(failure) instanceof MappingException;
    }

    /** GHL's status, or that of another HTTP API a route calls (Clientjoy, through Camel's http component). */
    static Integer httpStatus(Throwable failure) {
        Throwable explaining = explaining(failure);
        if (explaining instanceof GhlApiException api) {
            return api.getStatusCode();
        }
        return explaining instanceof HttpOperationFailedException http ? http.getStatusCode() : null;
    }

    /** The target fields a mapping refused, e.g. {@code email, customFields.lead_status}; null for other failures. */
    static String field(Throwable failure) {
        if (!(explaining(failure) instanceof MappingException mapping)) {
            return null;
        }
        Set<String> fields = new LinkedHashSet<>();
        for (MappingError error : mapping.errors()) {
            fields.add(error.target().isEmpty() ? "(record)" : error.target());
        }
        return fields.isEmpty() ? null : String.join(", ", fields);
    }

    static String message(Throwable failure) {
        Throwable t = explaining(failure);
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
