package io.tillsync.sales;

import io.tillsync.conflicts.ConflictEvent;
import io.tillsync.conflicts.ConflictQueries;
import io.tillsync.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.catalog.CatalogService;
import io.tillsync.support.ApiClient;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.tillsync.support.SyncTestBase;

class AutomaticPolicyTest extends SyncTestBase {

    @Autowired
    CatalogService catalog;
    @Autowired
    ConflictQueries conflictQueries;
    @Autowired
    Fixtures fixtures;

    @Test
    void a_price_changed_while_offline_is_booked_as_paid_and_the_variance_recorded() {
        Map<String, Object> sale = Sales.sale(device, "20251013", ++seq, List.of(Sales.line(1245, 2, 9000)));

        ApiClient.Response r = push(List.of(sale));

        assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.result(0).get("conflict_detected").asBoolean()).isTrue();
        assertThat(r.result(0).get("auto_resolved").asBoolean()).isTrue();
        assertThat(r.result(0).get("resolution").asString()).isEqualTo("keep_local");
        long id = r.result(0).get("server_id").asLong();
        assertThat(jdbc.queryForObject("SELECT price_variance FROM transactions WHERE id = ?", BigDecimal.class, id))
                .isEqualByComparingTo("-2000");
        String conflictId = r.result(0).get("conflict_id").asString();
        assertThat(jdbc.queryForObject("SELECT resolved_by_name FROM offline_conflicts WHERE conflict_id = ?", String.class, conflictId))
                .isEqualTo("policy");
        // the audit trail says it as it would for a person: detected by the till, then resolved by the policy
        List<ConflictEvent> history = fixtures.asAdmin(() -> conflictQueries.history(conflictId));
        assertThat(history).extracting(ConflictEvent::action).containsExactly("detected", "resolved");
        assertThat(history.get(1).actor()).isEqualTo("policy");
        assertThat(history.get(1).strategy()).isEqualTo("keep_local");
        assertThat(history.get(1).document()).contains(sale.get("offline_id").toString());
    }

    @Test
    void the_price_valid_at_the_time_of_sale_counts_not_the_current_one() {
        long branch = catalog.branchByCode(TestData.BRANCH).orElseThrow().id();
        catalog.setPrice(branch, 1246, new BigDecimal("8500"), Instant.parse("2025-10-14T00:00:00Z"));
        Map<String, Object> before = Sales.sale(device, "20251013", ++seq, List.of(Sales.line(1246, 1, 7500)));
        Map<String, Object> after = Sales.sale(device, "20251015", ++seq, List.of(Sales.line(1246, 1, 8500)));

        ApiClient.Response r = push(List.of(before, after));

        assertThat(r.result(0).get("conflict_detected").asBoolean()).as(r.raw()).isFalse();
        assertThat(r.result(1).get("conflict_detected").asBoolean()).isFalse();
    }

    @Test
    void stock_below_zero_where_the_branch_allows_it_is_settled_by_policy() {
        jdbc.update("UPDATE stock_levels s JOIN branches b ON b.id = s.branch_id SET s.quantity = 10 "
                + "WHERE b.code = ? AND s.product_id = 1247", TestData.BRANCH);
        ApiClient.Response r = push(List.of(sale(1247, 15, 10000)));

        assertThat(r.result(0).get("success").asBoolean()).as(r.raw()).isTrue();
        assertThat(r.result(0).get("auto_resolved").asBoolean()).isTrue();
        assertThat(r.data().get("conflicts").get(0).get("reason").asString()).isEqualTo("insufficient_stock");
        assertThat(stock(TestData.BRANCH, 1247)).isEqualByComparingTo("-5");
    }

    @Test
    void a_void_that_arrives_before_its_sale_is_held_and_settles_when_the_sale_arrives() {
        Map<String, Object> sale = sale(1248, 1, 22000);
        BigDecimal before = stock(TestData.BRANCH, 1248);
        Map<String, Object> voidFirst = Sales.voidOf(sale.get("offline_id"));

        ApiClient.Response held = push(List.of(), List.of(), List.of(voidFirst));
        assertThat(held.result(0).get("conflict_detected").asBoolean()).as(held.raw()).isTrue();
        assertThat(held.result(0).get("conflict_status").asString()).isEqualTo("held");
        String conflictId = held.result(0).get("conflict_id").asString();

        ApiClient.Response saleArrives = push(List.of(sale));
        assertThat(saleArrives.result(0).get("success").asBoolean()).as(saleArrives.raw()).isTrue();
        long saleId = saleArrives.result(0).get("server_id").asLong();
        assertThat(jdbc.queryForObject("SELECT status FROM transactions WHERE id = ?", String.class, saleId)).isEqualTo("voided");
        assertThat(stock(TestData.BRANCH, 1248)).isEqualByComparingTo(before);
        assertThat(jdbc.queryForObject("SELECT status FROM offline_conflicts WHERE conflict_id = ?", String.class, conflictId))
                .isEqualTo("resolved");

        ApiClient.Response replay = push(List.of(), List.of(), List.of(voidFirst));
        assertThat(replay.result(0).get("success").asBoolean()).as(replay.raw()).isTrue();
        assertThat(replay.result(0).get("conflict_id").asString()).isEqualTo(conflictId);
    }

    @Test
    void a_payment_held_for_its_sale_and_one_sent_with_the_sale_never_pay_more_than_the_sale_together() {
        // two payments of the whole 24,200: one came before its sale, one comes with it
        Map<String, Object> sale = sale(1248, 1, 22000);
        Map<String, Object> early = Sales.payment(sale.get("offline_id"), 24200, "cash");
        Map<String, Object> withSale = Sales.payment(sale.get("offline_id"), 24200, "cash");
        ApiClient.Response held = push(List.of(), List.of(early), List.of());
        assertThat(held.result(0).get("conflict_status").asString()).as(held.raw()).isEqualTo("held");

        ApiClient.Response arrives = push(List.of(sale), List.of(withSale), List.of());

        assertThat(arrives.result(0).get("success").asBoolean()).as(arrives.raw()).isTrue();
        long saleId = arrives.result(0).get("server_id").asLong();
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM payments WHERE transaction_id = ?", BigDecimal.class, saleId))
                .isEqualByComparingTo("24200");
        // exactly one of the two is booked; the other waits for a manager as a payment beyond the total
        List<String> statuses = jdbc.queryForList("SELECT status FROM offline_conflicts WHERE item_type = 'payment' AND offline_id IN (?, ?)",
                String.class, early.get("offline_id"), withSale.get("offline_id"));
        long booked = jdbc.queryForObject("SELECT COUNT(*) FROM payments WHERE offline_id IN (?, ?)", Long.class,
                early.get("offline_id"), withSale.get("offline_id"));
        assertThat(booked).isEqualTo(1);
        assertThat(statuses).contains("open");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM offline_conflicts WHERE item_type = 'payment' AND status = 'open'"
                + " AND conflict_type = 'data_mismatch' AND offline_id IN (?, ?)", Long.class, early.get("offline_id"),
                withSale.get("offline_id"))).isEqualTo(1);
    }

    @Test
    void a_payment_held_for_its_sale_and_one_sent_with_it_that_together_pay_it_are_both_booked() {
        Map<String, Object> sale = sale(1248, 1, 22000);
        Map<String, Object> early = Sales.payment(sale.get("offline_id"), 12100, "cash");
        Map<String, Object> withSale = Sales.payment(sale.get("offline_id"), 12100, "cash");
        push(List.of(), List.of(early), List.of());

        ApiClient.Response arrives = push(List.of(sale), List.of(withSale), List.of());

        long saleId = arrives.result(0).get("server_id").asLong();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payments WHERE transaction_id = ?", Long.class, saleId)).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT status FROM offline_conflicts WHERE item_type = 'payment' AND offline_id = ?", String.class,
                early.get("offline_id"))).containsExactly("resolved");
    }
}
