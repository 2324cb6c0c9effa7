package dev.gen2.deploy.watch;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a deploy so that only one runs at a time, as Amplify's sandbox latch does ({@code open}, {@code deploying},
 * {@code queued}): a change while the latch is open starts a deploy on the latch's single worker thread; changes
 * that arrive during a deploy queue exactly one follow-up deploy, however many there are.
 *
 * <p>A deploy that throws is handed to the failure callback (on the worker thread) and the latch goes on: the next
 * change deploys again. {@link #close()} waits for the running deploy and drops the queued one.
 */
public final class DeployLatch implements AutoCloseable {
    /** Where the latch is: Amplify's {@code open}, {@code deploying} and {@code queued}. */
    public enum State {
        /** No deploy runs; the next change starts one. */
        OPEN,
        /** A deploy runs; the next change queues a follow-up. */
        DEPLOYING,
        /** A deploy runs and a follow-up is queued; further changes add nothing. */
        QUEUED
    }

    /** One deploy: synth and CDK deploy, for example. */
    @FunctionalInterface
    public interface DeployAction {
        void deploy() throws Exception;
    }

    private final DeployAction action;
    private final Consumer<? super Throwable> onFailure;
    private final ExecutorService worker;
    private State state = State.OPEN;
    private boolean closed;

    /**
     * @param action the deploy, run on the latch's worker thread
     * @param onFailure receives what a deploy throws (any {@link Throwable}: a user's backend may fail with a
     *        {@link LinkageError} or a {@link StackOverflowError} too); called on the worker thread
     */
    public DeployLatch(DeployAction action, Consumer<? super Throwable> onFailure) {
        this.action = Objects.requireNonNull(action, "action");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gen2-deploy");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Says the sources changed: starts a deploy, or queues one follow-up if a deploy runs. Ignored once closed.
     *
     * @return where the latch is after this change: {@link State#DEPLOYING} when it started a deploy,
     *         {@link State#QUEUED} when a deploy runs and a follow-up will take the change
     */
    public synchronized State changed() {
        if (closed) {
            return state;
        }
        switch (state) {
            case OPEN -> {
                state = State.DEPLOYING;
                worker.execute(this::deployUntilNothingQueued);
            }
            case DEPLOYING -> state = State.QUEUED;
            case QUEUED -> {
                // Already queued: the follow-up deploy will see this change too.
            }
        }
        return state;
    }

    /** Where the latch is now. */
    public synchronized State state() {
        return state;
    }

    /**
     * Waits until no deploy runs or is queued (for tests).
     *
     * @return whether the latch is open; false if the timeout passed first
     */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state != State.OPEN) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Stops the latch: later changes are ignored, a queued deploy is dropped, and this call waits for the running
     * deploy to finish. If the calling thread is interrupted while it waits, it returns at once with its interrupt
     * flag set.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (state == State.QUEUED) {
                state = State.DEPLOYING;
            }
        }
        worker.shutdown();
        try {
            while (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
                // A deploy can take many minutes: keep waiting.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deployUntilNothingQueued() {
        while (true) {
            deployOnce();
            synchronized (this) {
                if (state == State.QUEUED && !closed) {
                    state = State.DEPLOYING;
                } else {
                    state = State.OPEN;
                    notifyAll();
                    return;
                }
            }
        }
    }

    private void deployOnce() {
        try {
            action.deploy();
        } catch (Throwable failure) {
            try {
                onFailure.accept(failure);
            } catch (RuntimeException callbackFailure) {
                Thread self = Thread.currentThread();
                self.getUncaughtExceptionHandler().uncaughtException(self, callbackFailure);
            }
        }
    }
}
