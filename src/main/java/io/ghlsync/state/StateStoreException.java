package io.ghlsync.state;

/** The state store could not do what was asked; unchecked so routes and beans see one failure type, not SQLException. */
public class StateStoreException extends RuntimeException {

    public StateStoreException(String message) {
        super(message);
    }

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
