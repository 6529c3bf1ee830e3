/**
 * The Cliengo source: what guards {@code POST /webhooks/cliengo} before the inbox stores an event
 * ({@link io.ghlsync.sources.cliengo.CliengoWebhookVerifier}; routes/cliengo-webhooks.camel.yaml), and the links the
 * Cliengo -> GHL flow keeps ({@link io.ghlsync.sources.cliengo.LeadLinks}, {@link io.ghlsync.sources.cliengo.ActivityLinks};
 * routes/cliengo-to-ghl.camel.yaml).
 */
package io.ghlsync.sources.cliengo;
