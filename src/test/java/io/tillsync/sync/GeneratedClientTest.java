package io.tillsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.tillsync.client.ApiClient;
import io.tillsync.client.api.ConflictsApi;
import io.tillsync.client.api.ProvisioningApi;
import io.tillsync.client.api.SyncApi;
import io.tillsync.client.model.BatchSyncRequest;
import io.tillsync.client.model.BatchSyncResponse;
import io.tillsync.client.model.Changes;
import io.tillsync.client.model.Conflict;
import io.tillsync.client.model.DeviceToken;
import io.tillsync.client.model.EnrollDeviceRequest;
import io.tillsync.client.model.ItemResult;
import io.tillsync.client.model.ModelVoid;
import io.tillsync.client.model.Money;
import io.tillsync.client.model.Payment;
import io.tillsync.client.model.Quantity;
import io.tillsync.client.model.Resolution;
import io.tillsync.client.model.ResolveRequest;
import io.tillsync.client.model.Transaction;
import io.tillsync.client.model.TransactionItemsInner;
import io.tillsync.support.IntegrationTest;
import io.tillsync.support.Sales;
import io.tillsync.support.TestData;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client developer's view: the Java client generated at build time from /openapi.yaml (the
 * {@code java} generator, native HttpClient) drives the contract's example, a replay, a conflict and
 * its resolution against the real server. The client refuses fields the description does not name,
 * so the description and the server cannot drift apart unnoticed.
 */
@IntegrationTest
class GeneratedClientTest {

    @LocalServerPort
    int port;

    private ApiClient client(String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setObjectMapper(ApiClient.createDefaultObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        return client;
    }

    private static Money money(long amount) {
        return new Money(BigDecimal.valueOf(amount));
    }

    private static Transaction sale(String device, int seq, long grandTotal) {
        return new Transaction()
                .offlineId(UUID.randomUUID().toString())
                .offlineReference(device + "-20251013-" + String.format("%03d", seq))
                .deviceId(device)
                .createdAtDevice(OffsetDateTime.parse("2025-10-13T10:30:00Z"))
                .branchCode(TestData.BRANCH)
                .paymentMethod("CASH")
                .idUserApps(5L)
                .items(List.of(new TransactionItemsInner().productId(1238L).quantity(new Quantity(BigDecimal.TWO))
                        .unitPrice(money(15000)).subtotal(money(30000))))
                .subtotal(money(30000)).discountTotal(money(0)).taxTotal(money(3000)).grandTotal(money(grandTotal))
                .status(Transaction.StatusEnum.PAID);
    }

    @Test
    void a_generated_client_books_replays_raises_and_resolves_a_conflict() throws Exception {
        String device = Sales.newDeviceId();
        DeviceToken enrolled = new ProvisioningApi(client(io.tillsync.support.ApiClient.adminAuth()))
                .enrollDevice(new EnrollDeviceRequest().deviceId(device).branchCode(TestData.BRANCH).name("Till 1")).getData();
        assertThat(enrolled.getToken()).startsWith("tsd_");
        ApiClient till = client("Bearer " + enrolled.getToken());
        SyncApi sync = new SyncApi(till);

        // the contract's example: a sale, its payment and its void
        Transaction example = sale(device, 1, 33000);
        BatchSyncRequest batch = new BatchSyncRequest().deviceId(device).syncedAt(OffsetDateTime.parse("2025-10-13T11:00:00Z"))
                .transactions(List.of(example))
                .payments(List.of(new Payment().offlineId(UUID.randomUUID().toString()).transactionOfflineId(example.getOfflineId())
                        .method("CASH").amount(money(33000)).paidAtDevice(OffsetDateTime.parse("2025-10-13T10:30:05Z"))))
                .voids(List.of(new ModelVoid().offlineId(UUID.randomUUID().toString()).transactionOfflineId(example.getOfflineId())
                        .reason("customer cancelled").voidedAtDevice(OffsetDateTime.parse("2025-10-13T10:40:00Z")).idUserApps(5L)));
        BatchSyncResponse first = sync.batchSync(batch).getData();
        assertThat(first.getSuccess()).isTrue();
        assertThat(first.getTotalItems()).isEqualTo(3);
        assertThat(first.getResults()).extracting(ItemResult::getType)
                .containsExactly(ItemResult.TypeEnum.TRANSACTION, ItemResult.TypeEnum.PAYMENT, ItemResult.TypeEnum.VOID);
        ItemResult booked = first.getResults().getFirst();
        assertThat(booked.getTransactionCode()).matches("TRX-MC01-BRN-MST-OSK00001-251013-[0-9A-Z]{4}");
        assertThat(booked.getReplayed()).isFalse();

        // sent again: the first answer again, nothing booked twice
        BatchSyncResponse again = sync.batchSync(batch).getData();
        assertThat(again.getResults()).allSatisfy(r -> assertThat(r.getReplayed()).isTrue());
        assertThat(again.getResults().getFirst().getServerId()).isEqualTo(booked.getServerId());
        assertThat(again.getResults().getFirst().getTransactionCode()).isEqualTo(booked.getTransactionCode());

        // totals that do not add up: a conflict that waits for a person
        String cursor = sync.pullChanges(null, null).getData().getCursor();
        BatchSyncResponse mismatch = sync.batchSync(new BatchSyncRequest().deviceId(device)
                .transactions(List.of(sale(device, 2, 33500)))).getData();
        assertThat(mismatch.getResults().getFirst().getConflictDetected()).isTrue();
        Conflict conflict = mismatch.getConflicts().getFirst();
        assertThat(conflict.getConflictType()).isEqualTo(Conflict.ConflictTypeEnum.DATA_MISMATCH);
        assertThat(conflict.getReason()).isEqualTo(Conflict.ReasonEnum.GRAND_TOTAL_MISMATCH);
        assertThat(conflict.getStatus()).isEqualTo(Conflict.StatusEnum.OPEN);

        // the till resolves it with the server's version, and learns the outcome through the pull
        Resolution resolution = new ConflictsApi(till).resolveConflict(conflict.getConflictId(),
                new ResolveRequest().strategy(ResolveRequest.StrategyEnum.KEEP_SERVER)).getData();
        assertThat(resolution.getStatus()).isEqualTo("resolved");
        assertThat(resolution.getConflictId()).isEqualTo(conflict.getConflictId().toString());
        assertThat(resolution.getOutcome()).isNotNull();
        Changes changes = sync.pullChanges(cursor, 100).getData();
        assertThat(changes.getConflicts()).anySatisfy(c -> {
            assertThat(c.getConflictId()).isEqualTo(conflict.getConflictId().toString());
            assertThat(c.getResolution()).isEqualTo("keep_server");
            assertThat(c.getOutcome().getValue()).isEqualTo(resolution.getOutcome().getValue());
        });
    }
}
