package io.tillsync.sales.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.sales.ConflictType;
import io.tillsync.sales.ItemResult.ItemError;
import io.tillsync.sales.ItemKind;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ladder every item goes down before its rules are checked. */
class TriageTest {

    private static Triage.Received<SaleDoc> received(int index, SaleDoc d) {
        return new Triage.Received<>(index, null, d, Fingerprints.of(d), null);
    }

    private static StoredSale stored(SaleDoc d, String fingerprint) {
        return new StoredSale(1, d.offlineId(), "TRX-1", fingerprint, "paid", d.deviceId(), d.offlineReference(), 10,
                d.grandTotal(), BigDecimal.ZERO);
    }

    private static StoredConflict conflict(SaleDoc d, String fingerprint) {
        return new StoredConflict(1, "c-1", ItemKind.SALE, d.offlineId(), d.offlineReference(), fingerprint,
                ConflictType.DATA_MISMATCH, "grand_total_mismatch", StoredConflict.OPEN, null, false, null, null, 10, 20, "{}", "{}",
                "", null, d.deviceId());
    }

    private final SaleDoc sale = Docs.sale(Docs.line(Docs.KOPI, "1", "15000"));
    private final SaleDoc changed = new SaleDoc(sale.offlineId(), sale.offlineReference(), sale.deviceId(), sale.createdAtDevice(),
            sale.deviceDate(), sale.branchCode(), sale.paymentMethod(), sale.idUserApps(), sale.items(), sale.subtotal(),
            sale.discountTotal(), sale.taxTotal(), new BigDecimal("1"), sale.status(), sale.offline(), null);

    @Test
    void a_new_item_is_fresh_and_the_same_item_again_in_the_batch_repeats_it() {
        Triage t = new Triage(ItemKind.SALE, Map.of(), Map.of());
        assertThat(t.step(received(0, sale))).isInstanceOf(Triage.Fresh.class);
        assertThat(t.step(received(1, sale))).isEqualTo(new Triage.Repeat(0));
        Triage.Step other = t.step(received(2, changed));
        assertThat(other).isInstanceOf(Triage.Refuse.class);
        assertThat(((Triage.Refuse) other).error().code()).isEqualTo("duplicate_offline_id");
    }

    @Test
    void a_stored_item_is_a_replay_when_unchanged_and_a_duplicate_otherwise() {
        String fp = Fingerprints.of(sale);
        Triage t = new Triage(ItemKind.SALE, Map.of(sale.offlineId(), stored(sale, fp)), Map.of());
        assertThat(t.step(received(0, sale))).isInstanceOf(Triage.Replay.class);
        Triage t2 = new Triage(ItemKind.SALE, Map.of(sale.offlineId(), stored(sale, fp)), Map.of());
        assertThat(t2.step(received(0, changed))).isInstanceOf(Triage.Duplicate.class);
    }

    @Test
    void an_item_with_a_conflict_is_answered_by_its_conflict_even_when_stored_or_changed() {
        String fp = Fingerprints.of(sale);
        StoredConflict c = conflict(sale, fp);
        Triage t = new Triage(ItemKind.SALE, Map.of(sale.offlineId(), stored(sale, "booked-as-merged")), Map.of(sale.offlineId(), c));
        assertThat(t.step(received(0, sale))).isEqualTo(new Triage.Answer(c));
        Triage t2 = new Triage(ItemKind.SALE, Map.of(), Map.of(sale.offlineId(), c));
        assertThat(t2.step(received(0, changed))).isEqualTo(new Triage.Answer(c));
    }

    @Test
    void an_unreadable_item_is_refused_with_its_own_error() {
        ItemError error = ItemError.validation("offline_id", "must be a UUID");
        Triage t = new Triage(ItemKind.PAYMENT, Map.of(), Map.of());
        assertThat(t.step(Triage.Received.refused(0, null, error))).isEqualTo(new Triage.Refuse(error));
    }
}
