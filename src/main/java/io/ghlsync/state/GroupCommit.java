package io.ghlsync.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Stores items that arrive at the same time in one shared transaction (group commit), and answers each caller only
 * once the commit that holds its item has returned: durability per item is unchanged, only commits are shared. The
 * first caller to find no commit running becomes the leader and stores everything waiting; callers that arrive while a
 * commit runs wait, and the next of them stores the group they formed meanwhile. So a lone request commits at once,
 * and a burst costs one commit per group instead of one per request (BRIEF §8: fewer commits close the gap between a
 * webhook route with an insert and one without).
 * <p>Hand-written: neither the JDBC pool nor Camel offers a group commit; a queue plus a lock is all it takes. A group
 * whose transaction fails is stored again one item at a time, so one bad item fails only its own caller (unless the
 * database is unreachable: then every item of the group is refused at once).
 */
final class GroupCommit<I, R> {

    private final Function<List<I>, List<R>> storeTogether;
    private final int maxGroup;
    private final ConcurrentLinkedQueue<Waiting<I, R>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    /** {@code storeTogether} stores a list in one transaction (all or nothing) and answers per item, in order. */
    GroupCommit(Function<List<I>, List<R>> storeTogether, int maxGroup) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one item, not " + maxGroup);
        }
        this.storeTogether = storeTogether;
        this.maxGroup = maxGroup;
    }

    /** Stores {@code item} (alone or with others) and answers once it is committed; a failure is this item's own. */
    R store(I item) {
        Waiting<I, R> mine = new Waiting<>(item);
        queue.add(mine);
        while (!mine.answer.isDone()) {
            committing.lock();
            try {
                // no commit runs now: an item not answered yet is still queued (a leader answers all it took)
                if (!mine.answer.isDone()) {
                    commitWaiting();
                }
            } finally {
                committing.unlock();
            }
        }
        try {
            return mine.answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** Callers whose item waits for the next commit. */
    int waiting() {
        return queue.size();
    }

    private void commitWaiting() {
        List<Waiting<I, R>> group = new ArrayList<>();
        for (Waiting<I, R> next; group.size() < maxGroup && (next = queue.poll()) != null; ) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            List<R> answers = storeTogether.apply(group.stream().map(w -> w.item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer.complete(answers.get(i));
            }
        } catch (RuntimeException together) {
            if (group.size() == 1 || DatabaseUnavailable.isCause(together)) {
                // an unreachable database refuses every item alike (and each retry would wait for a connection)
                group.forEach(waiting -> waiting.answer.completeExceptionally(together));
                return;
            }
            // the transaction was rolled back: each item alone, so only the one at fault is refused
            for (Waiting<I, R> waiting : group) {
                try {
                    waiting.answer.complete(storeTogether.apply(List.of(waiting.item)).get(0));
                } catch (RuntimeException alone) {
                    waiting.answer.completeExceptionally(alone);
                }
            }
        } catch (Error fatal) {
            // taken from the queue, so nobody else would answer them: their callers must not wait for ever
            group.forEach(waiting -> waiting.answer.completeExceptionally(fatal));
            throw fatal;
        }
    }

    private static final class Waiting<I, R> {
        final I item;
        final CompletableFuture<R> answer = new CompletableFuture<>();

        Waiting(I item) {
            this.item = item;
        }
    }
}
