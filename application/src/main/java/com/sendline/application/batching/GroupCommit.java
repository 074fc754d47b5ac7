package com.sendline.application.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Runs many small requests as few statements: requests that arrive while a statement is in flight are combined into
 * the next one. Nothing waits for company — an idle system runs each request at once — but under load a thousand
 * single-message claims a second become a few dozen statements.
 *
 * @param <I> one caller's request
 * @param <O> the whole batch's answer, from which each caller takes its own part
 */
public final class GroupCommit<I, O> implements AutoCloseable {
    private final LinkedBlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final Function<List<I>, O> statement;
    private final int maxBatch;
    private final List<Thread> flushers = new ArrayList<>();
    private volatile boolean closed;

    private record Pending<I, O>(I request, CompletableFuture<O> answer) {
    }

    public GroupCommit(String name, int flushers, int maxBatch, Function<List<I>, O> statement) {
        this.statement = statement;
        this.maxBatch = maxBatch;
        for (int i = 0; i < flushers; i++) {
            this.flushers.add(Thread.ofVirtual().name("sendline-" + name + "-" + i).start(this::flush));
        }
    }

    /** Blocks until the statement holding this request has run; rethrows its failure. */
    public O submit(I request) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        CompletableFuture<O> answer = new CompletableFuture<>();
        queue.add(new Pending<>(request, answer));
        try {
            return answer.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void flush() {
        List<Pending<I, O>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<I, O> first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
            } catch (InterruptedException e) {
                return;
            }
            List<I> requests = new ArrayList<>(batch.size());
            batch.forEach(p -> requests.add(p.request()));
            try {
                O result = statement.apply(requests);
                batch.forEach(p -> p.answer().complete(result));
            } catch (RuntimeException e) {
                batch.forEach(p -> p.answer().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : flushers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
