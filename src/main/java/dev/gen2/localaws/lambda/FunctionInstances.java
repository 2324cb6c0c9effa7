package dev.gen2.localaws.lambda;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The warm instances of every function: an invocation takes an idle one running the same code and configuration,
 * or starts one more (so a busy function gets a second instance, as Lambda scales out). An instance of an older
 * code version (UpdateFunctionCode, a hotswap) or configuration is stopped when it is next found idle, and so is one
 * older than {@link #MAX_INSTANCE_AGE}: the role credentials it started with must not expire under it.
 */
final class FunctionInstances implements AutoCloseable {
    static final Duration MAX_INSTANCE_AGE = Duration.ofMinutes(40);
    private final RuntimeLaunch launch;
    private final Consumer<String> logs;
    private final Map<String, Deque<Idle>> idle = new HashMap<>();
    private final Set<FunctionInstance> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private record Idle(FunctionDefinition definition, FunctionInstance instance) {
    }

    FunctionInstances(RuntimeLaunch launch, Consumer<String> logs) {
        this.launch = launch;
        this.logs = logs;
    }

    InvocationResult invoke(FunctionDefinition function, String event) throws IOException, InterruptedException {
        FunctionInstance instance = idleInstance(function);
        if (instance == null) {
            instance = new FunctionInstance(function, launch, logs);
            running.add(instance);
            if (closed) {
                instance.close();
                throw new IllegalStateException("the local Lambda runtime is stopping");
            }
        }
        try {
            return instance.invoke(event);
        } finally {
            release(function, instance);
        }
    }

    /** How many instances run now (warm or busy), for tests and the log. */
    int size() {
        running.removeIf(instance -> !instance.usable());
        return running.size();
    }

    private synchronized FunctionInstance idleInstance(FunctionDefinition function) {
        Deque<Idle> instances = idle.computeIfAbsent(function.name(), name -> new ArrayDeque<>());
        while (!instances.isEmpty()) {
            Idle candidate = instances.pollFirst();
            if (candidate.instance().usable() && candidate.definition().equals(function)
                    && !candidate.instance().olderThan(MAX_INSTANCE_AGE)) {
                return candidate.instance();
            }
            stop(candidate.instance());
        }
        return null;
    }

    private synchronized void release(FunctionDefinition function, FunctionInstance instance) {
        if (closed || !instance.usable()) {
            stop(instance);
            return;
        }
        idle.computeIfAbsent(function.name(), name -> new ArrayDeque<>()).addFirst(new Idle(function, instance));
    }

    private void stop(FunctionInstance instance) {
        instance.close();
        running.remove(instance);
    }

    @Override
    public void close() {
        closed = true;
        running.forEach(FunctionInstance::close);
        running.clear();
        synchronized (this) {
            idle.clear();
        }
    }
}
