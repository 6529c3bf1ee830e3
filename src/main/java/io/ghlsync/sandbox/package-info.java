/**
 * The sandbox: local HTTP look-alikes of the services ghl-sync talks to, so the product can be shown and tested
 * without accounts. {@link io.ghlsync.sandbox.SandboxServer} listens on one port (default 8099) and mounts each
 * {@link io.ghlsync.sandbox.SandboxApp} twice: its API under {@code /<name>} and its operator controls under
 * {@code /_sandbox/<name>}. GHL is {@link io.ghlsync.sandbox.ghl.GhlSandbox}; Cliengo and Clientjoy join as further apps.
 *
 * <pre>
 * try (SandboxServer sandbox = new SandboxServer(0).start()) {
 *     String baseUrl = sandbox.ghlBaseUrl();            // http://localhost:PORT/ghl
 *     sandbox.ghl().webhookUrl("http://localhost:8080/webhooks/ghl");
 * }
 * </pre>
 */
package io.ghlsync.sandbox;
