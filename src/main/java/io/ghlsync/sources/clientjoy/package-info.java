/**
 * GHL to Clientjoy: the links of GHL records to the Clientjoy records written from them, the paths of the Clientjoy
 * contract, and the backfill's paging, cursor and progress (routes/ghl-to-clientjoy.camel.yaml uses them).
 */
package io.ghlsync.sources.clientjoy;
