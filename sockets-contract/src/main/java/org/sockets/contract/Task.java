package org.sockets.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call running on a platform or a virtual thread, for tests that block it and then wake it.
 *
 * @param thread            the thread
 * @param result            what the call returned or threw
 * @param interruptedAtEnd  the thread's interrupt status when the call ended
 * @param <T>               what the call returns
 */
public record Task<T>(Thread thread, CompletableFuture<T> result, CompletableFuture<Boolean> interruptedAtEnd) {

    /** A call that may throw anything. */
    @FunctionalInterface
    public interface Call<T> {
        /**
         * Makes the call.
         *
         * @return its result
         * @throws Exception whatever it throws
         */
        T call() throws Exception;
    }

    /**
     * Starts a call on a new thread of the kind asked for.
     *
     * @param kind platform or virtual
     * @param name the thread's name
     * @param call the call
     * @param <T>  what it returns
     * @return the running task
     */
    public static <T> Task<T> start(ThreadKind kind, String name, Call<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Runnable r = () -> {
            try {
                T value = call.call();
                interrupted.complete(Thread.currentThread().isInterrupted());
                f.complete(value);
            } catch (Throwable t) {
                interrupted.complete(Thread.currentThread().isInterrupted());
                f.completeExceptionally(t);
            }
        };
        Thread t = kind == ThreadKind.VIRTUAL ? Thread.ofVirtual().name(name).start(r) : Thread.ofPlatform().name(name).daemon().start(r);
        return new Task<>(t, f, interrupted);
    }

    /**
     * What the call returned, waiting at most {@code within}.
     *
     * @param within how long to wait
     * @return the result
     * @throws Exception what the call threw, or a failure if it did not finish in time
     */
    public T get(Duration within) throws Exception {
        try {
            return result.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            thread.interrupt();
            return fail(thread.getName() + " did not finish within " + within.toMillis() + " ms; stack: " + stack());
        }
    }

    /**
     * What the call threw, waiting at most {@code within}; a failure if it returned or did not end.
     *
     * @param within how long to wait
     * @return the exception
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public Throwable failure(Duration within) throws InterruptedException {
        try {
            T value = result.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return fail(thread.getName() + " was expected to fail; it returned " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            List<StackTraceElement> s = stack();
            thread.interrupt();
            return fail(thread.getName() + " did not end within " + within.toMillis() + " ms; stack: " + s);
        }
    }

    /**
     * Waits until the thread is blocked inside the transport's {@code op}: a frame of a method
     * named {@code op} of a class of the library (outside this suite) is on its stack, and the
     * thread waits (parked, in a native method, or, for a call the JDK does not show as native,
     * such as a foreign-function downcall, with a stack unchanged over three looks 20 ms apart).
     * Bounded: fails after 10 s.
     *
     * @param op the method name, e.g. {@code "recv"}
     * @throws InterruptedException if this thread is interrupted
     */
    public void awaitBlockedIn(String op) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        StackTraceElement[] last = null;
        int stable = 0;
        while (System.nanoTime() < deadline) {
            if (result.isDone()) {
                fail(thread.getName() + " ended instead of blocking in " + op + ": " + result);
            }
            StackTraceElement[] s = thread.getStackTrace();
            Thread.State state = thread.getState();
            boolean inOp = Arrays.stream(s).anyMatch(f -> f.getMethodName().equals(op)
                    && f.getClassName().startsWith("org.sockets.") && !f.getClassName().startsWith("org.sockets.contract."));
            boolean waits = s.length > 0 && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || s[0].isNativeMethod());
            stable = inOp && Arrays.equals(s, last) ? stable + 1 : 0;
            if (inOp && (waits && stable >= 1 || stable >= 3)) {
                return;
            }
            last = s;
            Thread.sleep(20);
        }
        fail(thread.getName() + " did not block in " + op + "; stack: " + stack());
    }

    private List<StackTraceElement> stack() {
        return List.of(thread.getStackTrace());
    }
}
