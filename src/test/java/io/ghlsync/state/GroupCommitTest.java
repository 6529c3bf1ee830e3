package io.ghlsync.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group commit of webhook inserts: callers that arrive while a commit runs share the next one, each gets its own
 * item's answer only after the commit holding it returned, and one item a transaction refuses fails only its caller.
 */
class GroupCommitTest {

    private static final int CALLERS = 8;

    /** Stores "together" by recording the group; answers each item doubled; refuses the whole group if it holds -1. */
    private final List<List<Integer>> commits = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    private List<Integer> store(List<Integer> group) {
        if (commits.isEmpty()) {
            await(releaseFirst);
        }
        if (group.contains(-1)) {
            commits.add(List.of());
            throw new StateStoreException("refused the group holding -1", null);
        }
        commits.add(List.copyOf(group));
        return group.stream().map(i -> i * 2).toList();
    }

    @Test
    void callersArrivingDuringACommitShareTheNextAndEachGetsItsOwnAnswer() throws Exception {
        GroupCommit<Integer, Integer> group = new GroupCommit<>(this::store, 64);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> group.store(1)));
            awaitFirstCommitRunning(); // held by the latch
            for (int i = 2; i <= CALLERS; i++) {
                int item = i;
                answers.add(pool.submit(() -> group.store(item)));
            }
            awaitQueued(group, CALLERS - 1);
            releaseFirst.countDown();

            for (int i = 0; i < CALLERS; i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i + 1) * 2);
            }
            // the seven are queued in the order their threads ran, which the test does not fix
            assertThat(commits).as("the first alone, then the seven that waited, in one commit").hasSize(2);
            assertThat(commits.get(0)).containsExactly(1);
            assertThat(commits.get(1)).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anItemTheTransactionRefusesFailsOnlyItsOwnCaller() throws Exception {
        GroupCommit<Integer, Integer> group = new GroupCommit<>(this::store, 64);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> first = pool.submit(() -> group.store(1));
            awaitFirstCommitRunning();
            Future<Integer> good = pool.submit(() -> group.store(5));
            Future<Integer> bad = pool.submit(() -> group.store(-1));
            Future<Integer> alsoGood = pool.submit(() -> group.store(7));
            awaitQueued(group, 3);
            releaseFirst.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo(10);
            assertThat(alsoGood.get(10, TimeUnit.SECONDS)).isEqualTo(14);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StateStoreException.class);
            assertThat(commits).as("the group refused together, then each of its items alone")
                    .contains(List.of(5), List.of(7)).doesNotContain(List.of(-1));
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitFirstCommitRunning() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!firstRunning) {
            assertThat(System.nanoTime()).as("the first commit started").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private volatile boolean firstRunning;

    private static void awaitQueued(GroupCommit<Integer, Integer> group, int callers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.waiting() < callers) {
            assertThat(System.nanoTime()).as(callers + " callers wait for the running commit").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private void await(CountDownLatch latch) {
        firstRunning = true;
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("the test released the first commit").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
