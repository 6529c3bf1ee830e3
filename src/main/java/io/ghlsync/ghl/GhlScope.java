package io.ghlsync.ghl;

/** The OAuth scopes the Contacts API asks for: reads need {@code contacts.readonly}, writes {@code contacts.write}. */
public enum GhlScope {
    READ("contacts.readonly"),
    WRITE("contacts.write");

    private final String scopeName;

    GhlScope(String scopeName) {
        this.scopeName = scopeName;
    }

    public String scopeName() {
        return scopeName;
    }

    public static GhlScope fromScopeName(String name) {
        for (GhlScope scope : values()) {
            if (scope.scopeName.equals(name)) {
                return scope;
            }
        }
        return null;
    }
}
