/**
 * GHL as a source of events: what guards {@code POST /webhooks/ghl} before the inbox stores an event
 * ({@link io.ghlsync.sources.ghl.GhlWebhookVerifier} with {@link io.ghlsync.sources.ghl.GhlWebhookKeys};
 * routes/ghl-webhooks.camel.yaml; docs/ghl-webhooks.md).
 */
package io.ghlsync.sources.ghl;
