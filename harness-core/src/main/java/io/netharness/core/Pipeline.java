package io.netharness.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Components chained in a line: each one's outbox feeds the next one's inbox, and each one's signal feeds
 * the next one's control, so a {@link Lifecycle.ProducerFinished} travels down the line after the data.
 *
 * <p>The pipeline is itself a component: its inbox and control are the first component's, its outbox and
 * signal the last one's. {@link #start()} starts the components from last to first (so no one emits into a
 * component not yet running); {@link #close()} closes them from first to last and, if any fail to close,
 * throws the first failure with the others suppressed. The pipeline owns and closes its components.
 *
 * <pre>{@code
 * try (Pipeline<Chunk, Chunk> line = Pipeline.of(source, duplicate, sink)) {
 *     line.start();
 *     line.inbox().put(Chunk.ofUtf8("hello"));
 * }
 * }</pre>
 *
 * @param <I> what the first component consumes
 * @param <O> what the last component emits
 */
public final class Pipeline<I, O> implements Component<I, O> {

    private final List<Component<?, ?>> components;
    private final Component<I, ?> first;
    private final Component<?, O> last;

    private Pipeline(List<Component<?, ?>> components, Component<I, ?> first, Component<?, O> last) {
        this.components = List.copyOf(components);
        this.first = first;
        this.last = last;
    }

    /** Chains {@code a} into {@code b}. */
    public static <I, M, O> Pipeline<I, O> of(Component<I, M> a, Component<M, O> b) {
        return from(a).then(b).build();
    }

    /** Chains {@code a} into {@code b} into {@code c}. */
    public static <I, M, N, O> Pipeline<I, O> of(Component<I, M> a, Component<M, N> b, Component<N, O> c) {
        return from(a).then(b).then(c).build();
    }

    /** Chains four components. */
    public static <I, M, N, P, O> Pipeline<I, O> of(Component<I, M> a, Component<M, N> b, Component<N, P> c,
            Component<P, O> d) {
        return from(a).then(b).then(c).then(d).build();
    }

    /** Starts a typed chain of any length: {@code Pipeline.from(a).then(b).then(c).build()}. */
    public static <I, O> Builder<I, O> from(Component<I, O> first) {
        List<Component<?, ?>> list = new ArrayList<>();
        list.add(Objects.requireNonNull(first, "first"));
        return new Builder<>(list, first, first);
    }

    /** A chain under construction whose last component emits {@code O}. */
    public static final class Builder<I, O> {
        private final List<Component<?, ?>> components;
        private final Component<I, ?> first;
        private final Component<?, O> last;

        private Builder(List<Component<?, ?>> components, Component<I, ?> first, Component<?, O> last) {
            this.components = components;
            this.first = first;
            this.last = last;
        }

        /** Links the chain's end into {@code next}. */
        public <N> Builder<I, N> then(Component<O, N> next) {
            Objects.requireNonNull(next, "next");
            if (components.contains(next)) {
                throw new IllegalArgumentException(next + " is already in this pipeline");
            }
            last.outbox().linkTo(next.inbox());
            last.signal().linkTo(next.control());
            components.add(next);
            return new Builder<>(components, first, next);
        }

        public Pipeline<I, O> build() {
            return new Pipeline<>(components, first, last);
        }
    }

    @Override
    public Inbox<I> inbox() {
        return first.inbox();
    }

    @Override
    public Outbox<O> outbox() {
        return last.outbox();
    }

    @Override
    public Inbox<Lifecycle> control() {
        return first.control();
    }

    @Override
    public Outbox<Lifecycle> signal() {
        return last.signal();
    }

    /** The chained components, first to last. */
    public List<Component<?, ?>> components() {
        return components;
    }

    @Override
    public Pipeline<I, O> start() {
        for (int i = components.size() - 1; i >= 0; i--) {
            components.get(i).start();
        }
        return this;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Component<?, ?> component : components) {
            try {
                component.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Pipeline" + components;
    }
}
