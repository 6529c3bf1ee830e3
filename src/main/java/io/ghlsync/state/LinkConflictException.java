package io.ghlsync.state;

/**
 * A link would give one GHL record two source records of the same system. Seen when GHL's duplicate rule folds two
 * source records into one contact; the flow decides what that means, the store only refuses to guess.
 */
public class LinkConflictException extends StateStoreException {

    private final LinkKey attempted;
    private final String ghlId;
    private final String linkedSourceId;

    public LinkConflictException(LinkKey attempted, String ghlId, String linkedSourceId) {
        super("GHL " + attempted.entityType().dbName() + " " + ghlId + " in location " + attempted.locationId()
                + " is already linked to " + attempted.sourceSystem() + " record " + linkedSourceId
                + ", so it cannot also be linked to " + attempted.sourceId());
        this.attempted = attempted;
        this.ghlId = ghlId;
        this.linkedSourceId = linkedSourceId;
    }

    public LinkKey attempted() {
        return attempted;
    }

    public String ghlId() {
        return ghlId;
    }

    /** The source id that already holds the GHL record, or null when it vanished before it could be read. */
    public String linkedSourceId() {
        return linkedSourceId;
    }
}
