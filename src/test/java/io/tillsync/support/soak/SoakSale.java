package io.tillsync.support.soak;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sale as the till remembers it: what it sent, what the server answered, and what the
 * manager decided if it waited for one. The till and the manager write it while they run; the
 * ledger check reads it at the end.
 */
public final class SoakSale {

    /** What a sale was made to be; a PLAIN sale of a product that runs out becomes LIMITED. */
    public enum Kind { PLAIN, LIMITED, BAD_TOTAL, UNKNOWN }

    /** What the manager did with a conflicted sale; {@code booked} is null when nothing may be booked (rejected or left open). */
    public record Decision(String strategy, Map<Long, Integer> booked, boolean keepLocalRefused, boolean secondRefused) {

        /** No manager resolves it: the conflict must stay open. */
        public static final Decision LEFT_OPEN = new Decision(null, null, false, false);

        public boolean open() {
            return strategy == null;
        }
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public final String offlineId = UUID.randomUUID().toString();
    public final String reference;
    public final String branch;
    public final Kind kind;
    public final ObjectNode doc;
    public final Map<Long, Integer> quantities = new TreeMap<>();
    /** The sale's booked id as its till knows it: from its answer, or from the resolution that booked it. */
    public volatile Long serverId;
    public volatile String conflictId;
    public volatile boolean answered;
    public volatile Decision decision;
    volatile String voidOfflineId;
    volatile ObjectNode voidDoc;
    volatile boolean voidAcked;

    /**
     * A sale of 1–3 random lines of the catalog (2–3 with an unknown product). A share
     * {@code badTotals} carries a grand total that does not add up and a share
     * {@code unknownProducts} an unknown product; those keep clear of the products in
     * {@code runsOut}, so each sale that waits has one reason.
     */
    public SoakSale(String deviceId, String branch, Set<Long> runsOut, int seq, Random random, double badTotals, double unknownProducts) {
        this.branch = branch;
        reference = deviceId + "-" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") + "-" + String.format("%06d", seq);
        double pick = random.nextDouble();
        Kind made = pick < badTotals ? Kind.BAD_TOTAL : pick < badTotals + unknownProducts ? Kind.UNKNOWN : Kind.PLAIN;
        doc = F.objectNode();
        doc.put("offline_id", offlineId);
        doc.put("offline_reference", reference);
        doc.put("device_id", deviceId);
        doc.put("created_at_device", Instant.now().toString());
        doc.put("branch_code", branch);
        doc.put("payment_method", "CASH");
        doc.put("id_user_apps", 5);
        ArrayNode items = doc.putArray("items");
        long subtotal = 0;
        boolean limited = false;
        int lines = made == Kind.UNKNOWN ? 2 + random.nextInt(2) : 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            long[] product = SoakShop.CATALOG[random.nextInt(SoakShop.CATALOG.length)];
            if (made != Kind.PLAIN) {
                // a sale meant to wait for its own reason stays clear of products that run out: one reason each
                while (runsOut.contains(product[0])) {
                    product = SoakShop.CATALOG[random.nextInt(SoakShop.CATALOG.length)];
                }
            }
            if (made == Kind.UNKNOWN && i == 0) {
                product = new long[] {SoakShop.UNKNOWN_PRODUCT, 10000};
            }
            limited |= runsOut.contains(product[0]);
            int qty = 1 + random.nextInt(3);
            ObjectNode line = items.addObject();
            line.put("product_id", product[0]);
            line.put("quantity", qty);
            line.put("unit_price", product[1]);
            line.put("subtotal", qty * product[1]);
            quantities.merge(product[0], qty, Integer::sum);
            subtotal += qty * product[1];
        }
        kind = made == Kind.PLAIN && limited ? Kind.LIMITED : made;
        doc.put("subtotal", subtotal);
        doc.put("discount_total", 0);
        doc.put("tax_total", subtotal / 10);
        doc.put("grand_total", subtotal + subtotal / 10 + (made == Kind.BAD_TOTAL ? 1 : 0));
        doc.put("status", "paid");
    }

    /** A plain sale of products none of which runs out: load without conflicts. */
    public static SoakSale plain(String deviceId, String branch, int seq, Random random) {
        return new SoakSale(deviceId, branch, Set.of(), seq, random, 0, 0);
    }

    void voidIt() {
        voidOfflineId = UUID.randomUUID().toString();
        voidDoc = F.objectNode();
        voidDoc.put("offline_id", voidOfflineId);
        voidDoc.put("transaction_offline_id", offlineId);
        voidDoc.put("reason", "customer changed their mind");
        voidDoc.put("voided_at_device", Instant.now().toString());
        voidDoc.put("id_user_apps", 5);
    }
}
