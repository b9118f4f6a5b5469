package io.tillsync.health;

import java.time.LocalDate;

/** Numbers of a device's day that never arrived although later ones did, longer ago than the grace period. */
public record SequenceGap(LocalDate day, int fromSeq, int toSeq) {

    public int missing() {
        return toSeq - fromSeq + 1;
    }
}
