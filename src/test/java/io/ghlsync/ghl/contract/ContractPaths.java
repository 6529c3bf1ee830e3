package io.ghlsync.ghl.contract;

import io.ghlsync.ghl.GhlOperation;


/** Which Contacts API operation a recorded request was. */
final class ContractPaths {

    private ContractPaths() {
    }

    static GhlOperation operationFor(String method, String path) {
        GhlOperation best = null;
        int bestLiterals = -1;
        String[] segments = trim(path).split("/");
        for (GhlOperation op : GhlOperation.values()) {
            if (!op.method().equalsIgnoreCase(method)) {
                continue;
            }
            String[] template = trim(op.pathTemplate()).split("/");
            if (template.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                if (template[i].startsWith("{")) {
                    continue;
                }
                matches = template[i].equals(segments[i]);
                literals++;
            }
            if (matches && literals > bestLiterals) {
                best = op;
                bestLiterals = literals;
            }
        }
        if (best == null) {
            throw new AssertionError("the component sent a request that is no Contacts API operation: " + method + " " + path);
        }
        return best;
    }

    private static String trim(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
