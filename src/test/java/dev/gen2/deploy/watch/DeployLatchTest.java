package dev.gen2.deploy.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeployLatchTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A deploy that blocks until the test lets it finish, one permit per deploy. */
    private static final class GatedDeploy implements DeployLatch.DeployAction {
        final Semaphore finish = new Semaphore(0);
        final Semaphore started = new Semaphore(0);
        final AtomicInteger deploys = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public void deploy() throws Exception {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            deploys.incrementAndGet();
            started.release();
            try {
                assertThat(finish.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            } finally {
                running.decrementAndGet();
            }
        }

        void awaitStarted(int count) throws InterruptedException {
            assertThat(started.tryAcquire(count, WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("%d deploy(s) started", count).isTrue();
        }
    }

    @Test
    void onlyOneDeployRunsAtATime() throws Exception {
        GatedDeploy deploy = new GatedDeploy();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (DeployLatch latch = new DeployLatch(deploy, failures::add)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> watchers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        for (int j = 0; j < 50; j++) {
                            latch.changed();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                thread.start();
                watchers.add(thread);
            }
            go.countDown();
            for (Thread thread : watchers) {
                thread.join(WAIT.toMillis());
            }
            deploy.finish.release(10);
            assertThat(latch.awaitIdle(WAIT)).isTrue();
        }
        assertThat(deploy.mostAtOnce).hasValue(1);
        assertThat(deploy.deploys).as("the first deploy and one follow-up").hasValue(2);
        assertThat(failures).isEmpty();
    }

    @Test
    void threeChangesDuringADeployQueueExactlyOneFollowUp() throws Exception {
        GatedDeploy deploy = new GatedDeploy();
        try (DeployLatch latch = new DeployLatch(deploy, failure -> { })) {
            assertThat(latch.state()).isEqualTo(DeployLatch.State.OPEN);
            assertThat(latch.changed()).as("a deploy starts").isEqualTo(DeployLatch.State.DEPLOYING);
            deploy.awaitStarted(1);
            assertThat(latch.state()).isEqualTo(DeployLatch.State.DEPLOYING);

            assertThat(latch.changed()).as("one follow-up is queued").isEqualTo(DeployLatch.State.QUEUED);
            assertThat(latch.changed()).as("and stays the one").isEqualTo(DeployLatch.State.QUEUED);
            assertThat(latch.changed()).isEqualTo(DeployLatch.State.QUEUED);
            assertThat(latch.state()).isEqualTo(DeployLatch.State.QUEUED);

            deploy.finish.release();
            deploy.awaitStarted(1);
            assertThat(latch.state()).isEqualTo(DeployLatch.State.DEPLOYING);
            deploy.finish.release();
            assertThat(latch.awaitIdle(WAIT)).isTrue();

            assertThat(deploy.deploys).hasValue(2);
            assertThat(latch.state()).isEqualTo(DeployLatch.State.OPEN);
        }
    }

    @Test
    void aFailureIsReportedAndTheNextChangeDeploysAgain() throws Exception {
        AtomicInteger deploys = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        DeployLatch.DeployAction failsFirst = () -> {
            if (deploys.incrementAndGet() == 1) {
                throw new IllegalStateException("synth failed");
            }
        };
        try (DeployLatch latch = new DeployLatch(failsFirst, failures::add)) {
            latch.changed();
            assertThat(latch.awaitIdle(WAIT)).isTrue();
            assertThat(failures).singleElement().satisfies(failure -> assertThat(failure)
                    .isInstanceOf(IllegalStateException.class).hasMessage("synth failed"));

            latch.changed();
            assertThat(latch.awaitIdle(WAIT)).isTrue();
            assertThat(deploys).hasValue(2);
            assertThat(failures).hasSize(1);
        }
    }

    @Test
    void anErrorIsReportedTooAndAFailingCallbackDoesNotStopTheLatch() throws Exception {
        AtomicInteger deploys = new AtomicInteger();
        DeployLatch.DeployAction overflows = () -> {
            deploys.incrementAndGet();
            throw new StackOverflowError("user's recursive backend");
        };
        AtomicInteger reported = new AtomicInteger();
        Thread.UncaughtExceptionHandler quiet = (thread, e) -> { };
        try (DeployLatch latch = new DeployLatch(overflows, failure -> {
            reported.incrementAndGet();
            Thread.currentThread().setUncaughtExceptionHandler(quiet);
            throw new IllegalStateException("the callback itself fails");
        })) {
            latch.changed();
            assertThat(latch.awaitIdle(WAIT)).isTrue();
            latch.changed();
            assertThat(latch.awaitIdle(WAIT)).isTrue();
        }
        assertThat(deploys).hasValue(2);
        assertThat(reported).hasValue(2);
    }

    @Test
    void closeWaitsForTheRunningDeployAndDropsTheQueuedOne() throws Exception {
        GatedDeploy deploy = new GatedDeploy();
        DeployLatch latch = new DeployLatch(deploy, failure -> { });
        latch.changed();
        deploy.awaitStarted(1);
        latch.changed();
        assertThat(latch.state()).isEqualTo(DeployLatch.State.QUEUED);

        CountDownLatch closed = new CountDownLatch(1);
        Thread closer = new Thread(() -> {
            latch.close();
            closed.countDown();
        });
        closer.start();
        assertThat(closed.await(100, TimeUnit.MILLISECONDS)).as("close waits for the deploy").isFalse();
        deploy.finish.release();
        assertThat(closed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        assertThat(deploy.deploys).hasValue(1);
        assertThat(latch.state()).isEqualTo(DeployLatch.State.OPEN);
        assertThat(latch.changed()).as("changes after close are ignored").isEqualTo(DeployLatch.State.OPEN);
        assertThat(latch.state()).isEqualTo(DeployLatch.State.OPEN);
        assertThat(deploy.deploys).hasValue(1);
    }
}
