package io.tillsync.till;

import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;

/** A new device enrolled through the admin API, as a shop enrols a till: what is typed into it at set-up. */
record TillDevice(String id, String token, String branch) {

    /** Enrols a device with a fresh id in {@code branch} on the server listening on {@code serverPort}. */
    static TillDevice enroll(int serverPort, String branch) {
        String id = Sales.newDeviceId();
        return new TillDevice(id, new ApiClient(serverPort).enroll(id, branch), branch);
    }
}
