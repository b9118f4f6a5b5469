package io.tillsync.support;

public final class TestData {

    public static final String ADMIN_PASSWORD = "correct-horse-battery-staple";
    public static final String BRANCH = "BRN-MST-OSK00001";
    /** The second demo branch: forbids negative stock. */
    public static final String OTHER_BRANCH = "BRN-MST-OSK00002";

    private TestData() {
    }
}
