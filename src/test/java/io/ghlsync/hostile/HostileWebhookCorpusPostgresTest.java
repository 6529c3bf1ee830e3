package io.ghlsync.hostile;

/** {@link HostileWebhookCorpusTest} with the engine's state in PostgreSQL, which is stricter about text than H2. */
class HostileWebhookCorpusPostgresTest extends HostileWebhookCorpusTest {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
