/**
 * The GHL sandbox: the 32 operations of the official Contacts API and the 3 OAuth operations, over thread-safe
 * in-memory state, with GHL's bearer tokens and scopes, Version header, per-location rate limits (X-RateLimit-*
 * headers, 429), the "Allow Duplicate Contact" rule, E.164 phones, and signed webhooks.
 *
 * <p>Defaults: location {@code sandbox-location} (company {@code sandbox-company}), private integration token
 * {@code sandbox-token} with {@code contacts.readonly contacts.write}, GHL's limits (100 per 10 s, 200,000 per day,
 * reset at 00:00 UTC), no webhook URL.
 *
 * <p>Control API under {@code /_sandbox/ghl} (JSON in and out; bad input 400 with a reason, unknown ids 404):
 * <table>
 * <caption>control endpoints and their Java equivalents on {@link io.ghlsync.sandbox.ghl.GhlSandbox}</caption>
 * <tr><td>GET /</td><td>overview (locations, defaults, webhook URL)</td></tr>
 * <tr><td>POST /reset</td><td>{@code reset()}</td></tr>
 * <tr><td>POST /clock/advance {millis|seconds}</td><td>{@code clock().advance(..)}: token expiry, rate windows, daily reset</td></tr>
 * <tr><td>GET|POST /locations {id, companyId?, name?, allowDuplicates?, matchingPriority?, rateLimits?}</td><td>{@code createLocation(..)}</td></tr>
 * <tr><td>GET /locations/{id}</td><td>{@code location(id)}</td></tr>
 * <tr><td>PUT /locations/{id}/duplicate-rule {allowDuplicates?, matchingPriority?: ["email","phone"]}</td><td>{@code duplicateRule(..)}</td></tr>
 * <tr><td>PUT /locations/{id}/rate-limits {burstMax?, intervalMillis?, dailyMax?, dailyResetUtc?}</td><td>{@code rateLimits(id, ..)}</td></tr>
 * <tr><td>POST /locations/{id}/rate-limits/reset</td><td>{@code resetRateLimits(id)}</td></tr>
 * <tr><td>PUT /rate-limits {.., applyToExisting?}; POST /rate-limits/reset</td><td>{@code defaultRateLimits(..)}, {@code resetRateLimits(null)}</td></tr>
 * <tr><td>POST /locations/{id}/seed {contacts, tasksPerContact, notesPerContact, appointmentsPerContact, businesses}</td><td>{@code seed(..)}</td></tr>
 * <tr><td>GET /locations/{id}/custom-fields</td><td>custom field key → id</td></tr>
 * <tr><td>POST|PUT|DELETE /locations/{id}/appointments[/{appointmentId}]</td><td>{@code create/update/deleteAppointment(..)} (Appointment* webhooks)</td></tr>
 * <tr><td>POST /tokens {locationId, scopes?, token?, ttlSeconds?}</td><td>{@code issuePrivateToken(..)}</td></tr>
 * <tr><td>POST /tokens/{token}/expire; DELETE /tokens/{token}</td><td>{@code expireToken(..)}, {@code revokeToken(..)}</td></tr>
 * <tr><td>POST /oauth/clients {userType, locationId|companyId, scopes?, clientId?, clientSecret?, accessTokenTtlSeconds?}</td><td>{@code installLocationApp(..)}, {@code installCompanyApp(..)}, {@code installApp(..)}</td></tr>
 * <tr><td>POST /oauth/clients/{clientId}/codes; POST /oauth/clients/{clientId}/refresh-tokens</td><td>{@code issueAuthorizationCode(..)}, {@code issueRefreshToken(..)}</td></tr>
 * <tr><td>GET|PUT /webhooks {url}; GET /webhooks/keys; GET|DELETE /webhooks/deliveries</td><td>{@code webhookUrl(..)}, {@code signer()}, {@code webhookDeliveries()}</td></tr>
 * <tr><td>GET|DELETE /stats</td><td>{@code stats()}, {@code resetStats()}, {@code ledger()}</td></tr>
 * </table>
 */
package io.ghlsync.sandbox.ghl;
