/**
 * The Cliengo source: what guards {@code POST /webhooks/cliengo} before the inbox stores an event
 * ({@link io.ghlsync.sources.cliengo.CliengoWebhookVerifier}); the route is routes/cliengo-webhooks.camel.yaml.
 */
package io.ghlsync.sources.cliengo;
