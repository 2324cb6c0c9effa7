package dev.gen2.synthserver;

import dev.gen2.backend.BackendConfigException;
import dev.gen2.deploy.BackendSynthesizer;
import dev.gen2.deploy.watch.JavaRecompiler;
import dev.gen2.deploy.watch.RecompiledClassLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a project's JVM, jsii kernel and aws-cdk-lib loaded between {@code cdk synth} runs, so that a synth costs a
 * connection and the backend's own constructs. The synth client ({@code src/main/scripts/synth-client.js}, which
 * {@code cdk.json}'s app command runs) starts it on first use and hands it each synth; it answers one at a time on a
 * Unix socket, and stops after {@code GEN2_SYNTH_SERVER_IDLE_MINUTES} (30) minutes without one, or after
 * {@code GEN2_SYNTH_SERVER_MAX_SYNTHS} (100) synths: the jsii kernel keeps every object a synth made, so its memory
 * grows by one or two MiB a synth, and the next client starts a fresh server. It also stops within seconds of its
 * project directory being deleted (a temporary clone's server would otherwise wait out its idle time), and a new
 * server stops the longest idle of the user's servers when more than {@code GEN2_SYNTH_SERVER_MAX_RUNNING} (4) would
 * run ({@link RunningServers}): each holds some 600 MiB.
 *
 * <p>It never serves stale code: the backend's classes are loaded afresh from {@code target/classes} for every synth,
 * and when what it loaded once changed (the dependency jars, the library's classes, the environment or the working
 * directory) it answers "restart" and exits, and the client starts a new one. {@code CDK_VALIDATION} is read by
 * aws-cdk-lib in the jsii kernel's process, so a project has one server per setting of it (the client picks the
 * socket by it): adding CDK's validation plugin to an app instead would change the version report in every
 * template.
 *
 * <p>Usage: {@code SynthServer SOCKET PROJECT_DIRECTORY}. {@code SOCKET.lock}, locked while the server runs, holds its
 * process id.
 */
public final class SynthServer {
    /** The package directories the parent-first prefixes name, such as {@code dev/gen2}: what the server keeps. */
    private static final List<String> LIBRARY_DIRECTORIES = JavaRecompiler.DEFAULT_PARENT_FIRST.stream()
            .map(prefix -> prefix.substring(0, prefix.length() - 1).replace('.', '/')).toList();

    /** How often the server checks whether it should stop (idle, or its project gone). */
    public static final long CHECK_SECONDS = 2;
    static final int DEFAULT_MAX_RUNNING = 4;

    private final Path projectDirectory;
    private final Path classes;
    private final Path classpathFile;
    private final ServedClasspath served;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final ClassLoader parent;
    private final int maxSynths;
    private int synths;

    /** A server for the project in {@code projectDirectory}, as this JVM started; it stops after maxSynths. */
    public SynthServer(Path projectDirectory, int maxSynths) {
        this.projectDirectory = projectDirectory;
        this.classes = projectDirectory.resolve("target/classes");
        this.classpathFile = projectDirectory.resolve("target/classpath.txt");
        this.served = ServedClasspath.read(classes, classpathFile, LIBRARY_DIRECTORIES);
        this.environment = withoutLauncherVariables(System.getenv());
        this.workingDirectory = Path.of("").toAbsolutePath();
        this.parent = SynthServer.class.getClassLoader();
        this.maxSynths = maxSynths;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: SynthServer SOCKET PROJECT_DIRECTORY");
            System.exit(2);
        }
        Path socket = Path.of(args[0]);
        long idleMillis = TimeUnit.MINUTES.toMillis(setting("GEN2_SYNTH_SERVER_IDLE_MINUTES", 30));
        Files.createDirectories(socket.getParent());
        Path lockPath = Path.of(socket + ".lock");
        try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                System.out.println("Another synth server serves " + socket + "; this one stops.");
                return;
            }
            // the lock file names the process that holds it, for whoever must stop it (a newer server, the tests)
            markActive(lockFile.truncate(0));
            RunningServers.makeRoom(socket.getParent(), lockPath, (int) setting("GEN2_SYNTH_SERVER_MAX_RUNNING",
                    DEFAULT_MAX_RUNNING));
            int maxSynths = (int) setting("GEN2_SYNTH_SERVER_MAX_SYNTHS", 100);
            new SynthServer(Path.of(args[1]).toAbsolutePath(), maxSynths).serve(socket, idleMillis, lockFile);
        }
        // jsii's threads would keep the JVM up
        System.exit(0);
    }

    /** A whole-number setting from the environment; its default, said in the log, when it is not a positive one. */
    static long setting(String name, long byDefault) {
        String value = System.getenv(name);
        if (value == null) {
            return byDefault;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0 && parsed <= Integer.MAX_VALUE) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        System.out.println(name + " is '" + value + "', not a positive whole number; using " + byDefault + ".");
        return byDefault;
    }

    /**
     * Writes the process id into the held lock file, through the channel that holds the lock, which also marks the
     * server active now (the file's time, which {@link RunningServers} reads). Never through another channel or a
     * call that opens the file (such as setting its time): closing any descriptor of the file releases this process's
     * lock on it.
     */
    private static void markActive(FileChannel lockFile) {
        try {
            lockFile.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            System.out.println("Cannot write the lock file: " + e);
        }
    }

    /**
     * Answers synths on {@code socket} until told to stop, found stale, or idle for {@code idleMillis}; each
     * request marks the server active in {@code lockFile}, the held lock's channel.
     */
    void serve(Path socket, long idleMillis, FileChannel lockFile) throws IOException {
        Files.deleteIfExists(socket);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gen2-synth-server-idle");
            thread.setDaemon(true);
            return thread;
        });
        IdleClock idle = new IdleClock(idleMillis);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Object boundFile = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteIfSame(socket, boundFile)));
            watchdog.scheduleWithFixedDelay(() -> idle.exitIf(this::reasonToStop), CHECK_SECONDS, CHECK_SECONDS,
                    TimeUnit.SECONDS);
            System.out.println("Serving synths on " + socket + " (pid " + ProcessHandle.current().pid() + ")");
            boolean goOn = true;
            while (goOn) {
                try (SocketChannel client = server.accept()) {
                    idle.busy();
                    markActive(lockFile);
                    goOn = answer(client);
                } catch (IOException | RuntimeException e) {
                    System.out.println("A connection failed: " + e);
                } finally {
                    markActive(lockFile);
                    idle.done();
                }
            }
            deleteIfSame(socket, boundFile);
        }
    }

    private boolean answer(SocketChannel client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            return true;
        }
        return handle(SynthRequest.parse(line), new ClientReplies(Channels.newOutputStream(client)));
    }

    /** Answers one request; whether the server goes on serving. */
    boolean handle(SynthRequest request, ClientReplies replies) {
        if (request.stop()) {
            replies.exit(0);
            return false;
        }
        Optional<String> stale = staleness(request);
        if (stale.isPresent()) {
            System.out.println("Stale: " + stale.get() + "; stopping so that the client starts a new server.");
            replies.restart(stale.get());
            return false;
        }
        if (!request.args().isEmpty()) {
            replies.fallback("the app command passes arguments to main, which only a JVM of its own gets");
            return true;
        }
        long start = System.nanoTime();
        int synth = ++synths;
        try (RecompiledClassLoader backendClasses = new RecompiledClassLoader("gen2-synth-" + synth, classes, parent,
                JavaRecompiler.DEFAULT_PARENT_FIRST)) {
            BackendSynthesizer synthesizer = new BackendSynthesizer(request.mainClass(), Map.of());
            if (!synthesizer.isDefinedIn(backendClasses)) {
                replies.fallback(request.mainClass() + " has no public static define(App), which the server calls");
                return true;
            }
            int status = synthesize(synthesizer, backendClasses, request, replies);
            System.out.printf("Synth %d of %s: status %d in %d ms%n", synth, request.mainClass(), status,
                    (System.nanoTime() - start) / 1_000_000);
            replies.exit(status);
        } catch (IOException e) {
            System.out.println("Closing the class loader failed: " + e);
        }
        if (synths >= maxSynths) {
            System.out.println("Served " + synths + " synths; stopping so that the next client starts a fresh server.");
            return false;
        }
        return true;
    }

    /** Runs the synth with the client's output streams in place of this JVM's; the exit status. */
    private int synthesize(BackendSynthesizer synthesizer, ClassLoader backendClasses, SynthRequest request,
            ClientReplies replies) {
        PrintStream serverOut = System.out;
        PrintStream serverErr = System.err;
        PrintStream clientOut = replies.stream("out");
        PrintStream clientErr = replies.stream("err");
        ClassLoader serverClasses = Thread.currentThread().getContextClassLoader();
        System.setOut(clientOut);
        System.setErr(clientErr);
        Thread.currentThread().setContextClassLoader(backendClasses);
        try {
            synthesizer.synthApp(backendClasses, request.context(), request.outdirPath());
            return 0;
        } catch (BackendConfigException e) {
            System.err.println(e.report());
            return 1;
        } catch (RuntimeException | LinkageError e) {
            e.printStackTrace();
            return 1;
        } finally {
            Thread.currentThread().setContextClassLoader(serverClasses);
            System.setOut(serverOut);
            System.setErr(serverErr);
            clientOut.flush();
            clientErr.flush();
        }
    }

    /** Why this server, idle for {@code idleMillis} of its allowed {@code maxIdleMillis}, should stop now, if it should. */
    Optional<String> reasonToStop(long idleMillis, long maxIdleMillis) {
        if (!Files.isDirectory(projectDirectory)) {
            return Optional.of("The project directory " + projectDirectory + " is gone; stopping.");
        }
        if (idleMillis > maxIdleMillis) {
            return Optional.of("Idle for " + TimeUnit.MILLISECONDS.toMinutes(maxIdleMillis) + " min; stopping.");
        }
        return Optional.empty();
    }

    /** Why this server may not serve the request, if it may not. */
    Optional<String> staleness(SynthRequest request) {
        if (!request.serverEnv().equals(environment)) {
            TreeSet<String> names = new TreeSet<>(request.serverEnv().keySet());
            names.addAll(environment.keySet());
            String changed = names.stream().filter(name -> !Objects.equals(request.serverEnv().get(name),
                    environment.get(name))).findFirst().orElse("?");
            return Optional.of("the environment changed (" + changed + ")");
        }
        if (!request.cwd().toAbsolutePath().normalize().equals(workingDirectory)) {
            return Optional.of("the app runs in " + request.cwd() + ", the server in " + workingDirectory);
        }
        return served.changeTo(ServedClasspath.read(classes, classpathFile, LIBRARY_DIRECTORIES));
    }

    /** The environment without what the java launcher itself adds on some systems (macOS: JAVA_MAIN_CLASS_<pid>). */
    static Map<String, String> withoutLauncherVariables(Map<String, String> environment) {
        Map<String, String> own = new TreeMap<>(environment);
        own.keySet().removeIf(name -> name.matches("JAVA_(MAIN_CLASS|STARTED_ON_FIRST_THREAD)_\\d+"));
        return own;
    }

    /** Deletes the socket file if it is still the one this server bound (not a newer server's). */
    private static void deleteIfSame(Path socket, Object boundFile) {
        try {
            if (Files.exists(socket) && Objects.equals(boundFile,
                    Files.readAttributes(socket, BasicFileAttributes.class).fileKey())) {
                Files.delete(socket);
            }
        } catch (IOException e) {
            // the next server deletes it
        }
    }

    /** When the last request ended, and whether one is running. */
    private static final class IdleClock {
        private final long idleMillis;
        private long since = System.currentTimeMillis();
        private boolean busy;

        IdleClock(long idleMillis) {
            this.idleMillis = idleMillis;
        }

        synchronized void busy() {
            busy = true;
        }

        synchronized void done() {
            busy = false;
            since = System.currentTimeMillis();
        }

        /**
         * Exits, between requests, when the server has a reason to stop (given the time idle and the time allowed),
         * holding the clock so that no request starts meanwhile.
         */
        synchronized void exitIf(java.util.function.BiFunction<Long, Long, Optional<String>> reasonToStop) {
            if (!busy) {
                reasonToStop.apply(System.currentTimeMillis() - since, idleMillis).ifPresent(reason -> {
                    System.out.println(reason);
                    System.exit(0);
                });
            }
        }
    }
}
