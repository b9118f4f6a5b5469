package io.tillsync.devices;

/** What a back-office user can do to a till from its page. */
public enum DeviceAction {
    /** Show a one-time code the cashier types on the till to pair it. */
    PAIR,
    /** Give the till a new token; the old one stops working at once. */
    ROTATE,
    /** Stop the till syncing until an admin pairs it again. */
    REVOKE
}
