/**
 * The Clientjoy look-alike of the sandbox, mounted at {@code /clientjoy} (controls at {@code /_sandbox/clientjoy}): the
 * REST contract of docs/clientjoy-contract.md over in-memory clients with their tasks, notes and activities
 * ({@link io.ghlsync.sandbox.clientjoy.ClientBook}), where every record can be written by its external id.
 */
package io.ghlsync.sandbox.clientjoy;
