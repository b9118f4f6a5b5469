package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.base.Json;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import io.tillsync.backoffice.JsonDiff;
import io.tillsync.backoffice.JsonDiffView;
import io.tillsync.backoffice.Money;
import io.tillsync.backoffice.ProductNames;
import io.tillsync.backoffice.Translations;

class MoneyAndDiffTest {

    @Test
    void indonesian_amounts_read_with_dots_as_thousands() {
        assertThat(Money.parse("16.500", Translations.INDONESIAN)).isEqualByComparingTo("16500");
        assertThat(Money.parse("Rp 16.500", Translations.INDONESIAN)).isEqualByComparingTo("16500");
        assertThat(Money.parse("16.500,50", Translations.INDONESIAN)).isEqualByComparingTo("16500.50");
        assertThat(Money.parse("1.234.567", Translations.INDONESIAN)).isEqualByComparingTo("1234567");
        assertThat(Money.parse("16,500", Locale.ENGLISH)).isEqualByComparingTo("16500");
        assertThat(Money.parse("16.5", Locale.ENGLISH)).isEqualByComparingTo("16.5");
        assertThat(Money.parse("16.50", Translations.INDONESIAN)).as("not a grouping of thousands").isNull();
        assertThat(Money.parse("abc", Translations.INDONESIAN)).isNull();
    }

    @Test
    void the_same_instant_in_two_zones_is_not_a_difference_and_bookkeeping_is_never_one() {
        var left = Json.parse("{\"created_at_device\":\"2026-12-01T15:20:00+07:00\",\"grand_total\":1000}");
        var right = Json.parse("{\"created_at_device\":\"2026-12-01T08:20:00Z\",\"grand_total\":1000.00,"
                + "\"price_variance\":500,\"server_id\":12,\"transaction_code\":\"TRX-1\"}");

        assertThat(JsonDiff.differences(left, right)).isEmpty();
        assertThat(JsonDiff.diff(left, right)).extracting(JsonDiff.Row::path).doesNotContain("price_variance", "server_id", "transaction_code");
        assertThat(JsonDiffView.display("created_at_device", left.get("created_at_device"), Locale.ENGLISH))
                .isEqualTo(JsonDiffView.display("created_at_device", right.get("created_at_device"), Locale.ENGLISH));
        assertThat(JsonDiff.merge(left, right, java.util.Map.of()).has("price_variance")).isFalse();
    }

    @Test
    void basket_lines_read_by_the_products_name_with_its_id_and_by_the_id_alone_when_the_catalog_has_none() {
        ProductNames names = id -> "1239".equals(id) ? "Es Teh Manis" : null;
        var line = Json.parse("{\"product_id\":1239,\"quantity\":2,\"unit_price\":8000,\"subtotal\":16000}");

        assertThat(JsonDiffView.pathLabel("items[product_id=1239].quantity", Locale.ENGLISH, names)).isEqualTo("Es Teh Manis (#1239) › Quantity");
        assertThat(JsonDiffView.pathLabel("items[product_id=99999].quantity", Translations.INDONESIAN, names)).isEqualTo("Produk 99999 › Jumlah");
        assertThat(JsonDiffView.display("items[product_id=1239]", line, Locale.ENGLISH, names)).isEqualTo("Es Teh Manis (#1239): 2 × Rp 8,000 = Rp 16,000");
        assertThat(JsonDiffView.display("items[0].product_id", line.get("product_id"), Locale.ENGLISH, names)).isEqualTo("Es Teh Manis (#1239)");
        assertThat(JsonDiffView.display("items[0].product_id", Json.parse("99999"), Locale.ENGLISH, names)).isEqualTo("99999");
        // without names, as before: the id in words
        assertThat(JsonDiffView.display("items[product_id=1239]", line, Locale.ENGLISH)).isEqualTo("Product 1239: 2 × Rp 8,000 = Rp 16,000");
    }
}
