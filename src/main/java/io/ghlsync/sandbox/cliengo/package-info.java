/**
 * The Cliengo look-alike of the sandbox, mounted at {@code /cliengo} (controls at {@code /_sandbox/cliengo}): the REST
 * contract of docs/cliengo-contract.md over in-memory leads ({@link io.ghlsync.sandbox.cliengo.LeadBook}), every change
 * posted as an HMAC-signed event, and a seeded generator of realistic leads with planned duplicates.
 */
package io.ghlsync.sandbox.cliengo;
