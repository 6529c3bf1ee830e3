package io.ghlsync.ghl;

import java.util.Map;

/**
 * The places where the official GHL spec contradicts itself or GHL's behaviour, and what ghl-sync does instead.
 * Every contract test that meets one of these looks it up here by name; nothing else is skipped.
 */
public final class GhlSpecExceptions {

    /** operationId → why the catalog differs from the spec's declaration. */
    public static final Map<String, String> CATALOG = Map.of(
            "create-association",
            "POST /contacts/bulk/tags/update/{type} declares neither the {type} path parameter (add|remove) nor a security "
                    + "scope; the catalog takes 'type' as a path parameter and requires contacts.write, as for every write",
            "add-remove-contact-from-business",
            "declares no security scope although it changes contacts; the catalog requires contacts.write");

    private GhlSpecExceptions() {
    }
}
