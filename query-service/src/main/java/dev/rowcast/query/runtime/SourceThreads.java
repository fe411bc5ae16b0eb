package dev.rowcast.query.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The helper threads of a source's pipeline (reading ahead, encoding), and how their results come back. */
final class SourceThreads {

    private SourceThreads() {
    }

    /** One daemon thread with a name an operator finds in a thread dump: {@code rowcast-<role>-<source>}. */
    static ExecutorService single(String role, String source) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rowcast-" + role + "-" + source);
            t.setDaemon(true);
            return t;
        });
    }

    /** The task's result; whatever it threw is thrown here, unwrapped, as if it had run on this thread. */
    static <T> T result(Future<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error er) {
                throw er;
            }
            throw e;
        }
    }
}
