package io.tillsync.sync;

import io.tillsync.devices.DevicePrincipal;
import io.tillsync.sales.SalesIntake.IntakeAnswer;
import io.tillsync.sales.SalesIntake.IntakeBatch;
import io.tillsync.sales.ItemResult;
import io.tillsync.sales.SalesIntake;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** A batch as the protocol sees it: answered from the replay cache when it can be, else taken in by sales. */
@Service
class BatchSyncService {

    private final SalesIntake intake;
    private final ReplayCache replays;

    BatchSyncService(SalesIntake intake, ReplayCache replays) {
        this.intake = intake;
        this.replays = replays;
    }

    BatchSyncResponse sync(DevicePrincipal device, BatchRequest request, Instant receivedAt) {
        var resent = replays.answer(device, request);
        if (resent.isPresent()) {
            List<ItemResult> results = resent.get();
            return new BatchSyncResponse(true, results.size(), results.size(), 0, results, List.of(), receivedAt.toString());
        }
        IntakeAnswer answer = intake.take(device, new IntakeBatch(request.transactions(), request.payments(), request.voids()), receivedAt);
        replays.remember(device, request, answer.results());
        int ok = answer.successCount();
        int total = answer.results().size();
        return new BatchSyncResponse(ok == total, total, ok, total - ok, answer.results(), answer.conflicts(), receivedAt.toString());
    }
}
