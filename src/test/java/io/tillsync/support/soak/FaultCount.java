package io.tillsync.support.soak;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** How many faults of each kind a run injected; every kind is listed, also those that did not happen. */
public final class FaultCount<F extends Enum<F>> {

    private final Map<F, AtomicInteger> counts;

    public FaultCount(Class<F> kinds) {
        counts = new EnumMap<>(kinds);
        for (F kind : kinds.getEnumConstants()) {
            counts.put(kind, new AtomicInteger());
        }
    }

    public void add(F fault) {
        counts.get(fault).incrementAndGet();
    }

    /** The counts in the order the kinds are declared. */
    public Map<F, Integer> byKind() {
        Map<F, Integer> byKind = new LinkedHashMap<>();
        counts.forEach((k, v) -> byKind.put(k, v.get()));
        return byKind;
    }
}
