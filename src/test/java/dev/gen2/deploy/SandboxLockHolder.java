package dev.gen2.deploy;

import java.nio.file.Path;

/** A process that takes a project's sandbox lock and holds it until killed: the other sandbox of a lock test. */
public final class SandboxLockHolder {
    private SandboxLockHolder() {
    }

    /** Arguments: the project directory, the identifier, the outputs file. */
    public static void main(String[] args) throws InterruptedException {
        SandboxLock.acquire(Path.of(args[0]), new SandboxLock.Holder(ProcessHandle.current().pid(), args[1], true,
                args[2]));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
