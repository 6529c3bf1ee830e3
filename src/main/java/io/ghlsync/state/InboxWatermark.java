package io.ghlsync.state;

/**
 * How far an inbox consumer may release sequenced items: those with a sequence below {@link #releasedBelow()}. It is
 * the smallest sequence still upstream of the inbox, so nothing is written before something received earlier.
 */
@FunctionalInterface
public interface InboxWatermark {

    /** Every item with a smaller sequence may run; {@link Long#MAX_VALUE} when nothing is upstream. */
    long releasedBelow();
}
