package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

class JsonDiffTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static JsonNode json(String s) {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void basket_lines_are_compared_by_product_even_when_their_order_differs() {
        JsonNode device = json("{'items':[{'product_id':1240,'quantity':1,'subtotal':5000},{'product_id':1238,'quantity':2,'subtotal':30000}]}");
        JsonNode server = json("{'items':[{'product_id':1238,'quantity':2,'subtotal':30000.00},{'product_id':1240,'quantity':1,'subtotal':5500}]}");

        List<JsonDiff.Row> differences = JsonDiff.differences(device, server);

        assertThat(differences).extracting(JsonDiff.Row::path).containsExactly("items[product_id=1240].subtotal");
        assertThat(differences.getFirst().kind()).isEqualTo(JsonDiff.Kind.CHANGED);
    }

    @Test
    void fields_and_lines_on_one_side_only_are_added_or_removed() {
        JsonNode device = json("{'a':1,'items':[{'product_id':1,'q':1}]}");
        JsonNode server = json("{'b':2,'items':[{'product_id':1,'q':1},{'product_id':2,'q':3}]}");

        Map<String, JsonDiff.Kind> kinds = new HashMap<>();
        JsonDiff.differences(device, server).forEach(r -> kinds.put(r.path(), r.kind()));

        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of("a", JsonDiff.Kind.REMOVED, "b", JsonDiff.Kind.ADDED,
                "items[product_id=2]", JsonDiff.Kind.ADDED));
    }

    @Test
    void merge_takes_each_picked_value_and_the_device_value_elsewhere() {
        JsonNode device = json("{'grand_total':39000,'note':'x','items':[{'product_id':1,'subtotal':100}]}");
        JsonNode server = json("{'grand_total':38500,'items':[{'product_id':1,'subtotal':100},{'product_id':2,'subtotal':5}]}");
        Map<String, JsonNode> picks = new HashMap<>();
        picks.put("grand_total", server.get("grand_total"));
        picks.put("note", MissingNode.getInstance());
        picks.put("items[product_id=2]", server.get("items").get(1));

        JsonNode merged = JsonDiff.merge(device, server, picks);

        assertThat(merged.get("grand_total").decimalValue()).isEqualByComparingTo("38500");
        assertThat(merged.has("note")).isFalse();
        assertThat(merged.get("items")).hasSize(2);
    }

    @Test
    void money_reads_as_rupiah_in_both_languages() {
        assertThat(Money.format(new BigDecimal("33000"), Translations.INDONESIAN)).isEqualTo("Rp 33.000");
        assertThat(Money.format(new BigDecimal("33000.00"), Locale.ENGLISH)).isEqualTo("Rp 33,000");
        assertThat(Money.format(new BigDecimal("1250.50"), Translations.INDONESIAN)).isEqualTo("Rp 1.250,50");
    }
}
