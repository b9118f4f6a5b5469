package io.tillsync.sales.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.sales.TransactionRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysetPagerTest {

    private static List<TransactionRow> page(int offset, int size) {
        return java.util.stream.IntStream.range(offset, offset + size).mapToObj(i -> new TransactionRow(1_000_000 - i, "TRX-" + i, "REF-" + i,
                "D1", 1, Instant.EPOCH.plusSeconds(1_000_000 - i), Instant.EPOCH, false, "CASH", BigDecimal.TEN, "paid", null)).toList();
    }

    @Test
    void a_long_scroll_keeps_only_the_recent_page_keys_and_still_continues_from_the_last_one() {
        KeysetPager pager = new KeysetPager();
        for (int offset = 0; offset < 25 * 400; offset += 25) {
            pager.fetched(offset, page(offset, 25));
        }

        assertThat(pager.size()).isEqualTo(KeysetPager.KEPT);
        assertThat(pager.startingAt(25 * 400)).isEqualTo(page(25 * 399, 25).getLast().key());
        // a jump back to the top of a long scroll is fetched by OFFSET once
        assertThat(pager.startingAt(25)).isNull();
    }
}
