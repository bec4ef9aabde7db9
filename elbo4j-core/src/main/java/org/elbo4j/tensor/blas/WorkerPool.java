package org.elbo4j.tensor.blas;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The daemon threads that run the blocks of a split product. A product is a handful of equal tasks
 * lasting tens of microseconds to milliseconds, so the usual executor hand-off — park the idle
 * worker, unpark it per task, park the caller on a future — costs as much as the work: waking a
 * parked thread took about 40 µs on the 2-vCPU machine here (GemmSplitBench). Workers therefore
 * spin for {@link #SPIN_NANOS} after each task before parking, and the caller spins for the other
 * blocks, which take about as long as its own. When the machine is oversubscribed a worker may not
 * get a core for a scheduler time slice (milliseconds); so the caller, once done with its own block,
 * takes back every block that no worker has started and runs it itself: a split product is then
 * never much slower than an unsplit one.
 *
 * <p>One split product runs at a time: a caller that finds the pool busy (another thread's product,
 * or a product started from inside a worker) is told so and computes its product alone, which gives
 * the same bits (see {@link GemmKernel}).
 */
final class WorkerPool {

    /** How long an idle worker (or a waiting caller) spins before it parks. */
    static final long SPIN_NANOS = 100_000;

    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private Worker[] workers = new Worker[0];
    private volatile Throwable failure;

    /**
     * Runs {@code tasks[0]} on the calling thread and the others on workers, and returns when all
     * are done; {@code false}, without running anything, when the pool is busy.
     */
    boolean tryRun(Runnable[] tasks) {
        if (!busy.tryLock()) {
            return false;
        }
        try {
            ensureWorkers(tasks.length - 1);
            failure = null;
            pending.set(tasks.length - 1);
            for (int q = 1; q < tasks.length; q++) {
                workers[q - 1].give(tasks[q]);
            }
            Throwable own = null;
            try {
                tasks[0].run();
                for (int q = 1; q < tasks.length; q++) { // blocks no worker has claimed yet: run them here
                    Runnable r = workers[q - 1].task.getAndSet(null);
                    if (r != null) {
                        try {
                            r.run();
                        } finally {
                            pending.decrementAndGet();
                        }
                    }
                }
            } catch (RuntimeException | Error e) {
                own = e; // the workers still write into C: wait for them first
            }
            awaitOthers();
            Throwable t = own != null ? own : failure;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            return true;
        } finally {
            busy.unlock();
        }
    }

    private void awaitOthers() {
        long start = System.nanoTime();
        while (pending.get() != 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private void ensureWorkers(int count) {
        if (workers.length >= count) {
            return;
        }
        Worker[] grown = java.util.Arrays.copyOf(workers, count);
        for (int i = workers.length; i < count; i++) {
            grown[i] = new Worker("elbo4j-blas-" + (i + 1));
            grown[i].start();
        }
        workers = grown;
    }

    /** A daemon thread with a one-task mailbox. */
    private final class Worker extends Thread {
        /** The block to run; whoever swaps it out for null (this worker or the caller) runs it. */
        final AtomicReference<Runnable> task = new AtomicReference<>();

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void give(Runnable r) {
            task.set(r);
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Runnable r = awaitTask();
                try {
                    r.run();
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    pending.decrementAndGet();
                }
            }
        }

        private Runnable awaitTask() {
            long start = System.nanoTime();
            while (true) {
                if (task.get() != null) { // read first: a swap per spin would bounce the cache line
                    Runnable r = task.getAndSet(null);
                    if (r != null) {
                        return r;
                    }
                }
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this); // give() sets the task before unpark: no lost wake-up
                }
            }
        }
    }
}
