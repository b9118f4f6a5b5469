package io.tillsync.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillsync.catalog.ResolutionPolicy;
import io.tillsync.health.HealthState;
import io.tillsync.sales.ConflictType;
import io.tillsync.sales.Reason;
import io.tillsync.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import io.tillsync.backoffice.Formats;
import io.tillsync.backoffice.JsonDiffView;
import io.tillsync.backoffice.Money;
import io.tillsync.backoffice.Translations;

/** Every word the back-office shows exists in English and in Bahasa Indonesia. */
class TranslationsTest {

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TranslationsTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void both_languages_have_every_key_and_no_empty_text() throws IOException {
        Properties english = bundle("messages");
        Properties indonesian = bundle("messages_id");

        assertThat(new TreeSet<>(indonesian.stringPropertyNames())).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        for (Properties p : List.of(english, indonesian)) {
            assertThat(p.stringPropertyNames()).allSatisfy(key -> assertThat(p.getProperty(key)).as(key).isNotBlank());
        }
    }

    /** Keys written out in the views: any literal that starts like a key of the bundle must be one. */
    @Test
    void every_key_the_views_name_exists() throws IOException {
        Set<String> keys = bundle("messages").stringPropertyNames();
        Set<String> prefixes = keys.stream().map(k -> k.substring(0, k.indexOf('.') + 1)).collect(Collectors.toSet());
        Pattern literal = Pattern.compile("\"([a-z][A-Za-z]*\\.[A-Za-z0-9_.]*)\"");
        List<String> missing = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/tillsync"))) {
            sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/ui/")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            Matcher m = literal.matcher(Files.readString(source));
            while (m.find()) {
                String key = m.group(1);
                boolean prefixOnly = key.endsWith(".");
                if (!prefixOnly && prefixes.contains(key.substring(0, key.indexOf('.') + 1)) && !keys.contains(key)) {
                    missing.add(source.getFileName() + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Services outside the views name refusal keys too; a key missing from a bundle would show the English text unnoticed. */
    @Test
    void every_refusal_key_the_services_name_exists_in_both_languages() throws IOException {
        Pattern literal = Pattern.compile("\"(refusal\\.[A-Za-z0-9_.]+)\"");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/tillsync"))) {
            for (Path source : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(source));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertThat(named).contains("refusal.password.weak", "refusal.deviceId.taken", "refusal.settings.tax");
        for (Properties p : List.of(bundle("messages"), bundle("messages_id"))) {
            assertThat(named).allSatisfy(key -> assertThat(p.getProperty(key)).as(key).isNotBlank());
        }
    }

    /** The codes the server stores and the views show through a prefix: states, types, reasons, methods. */
    @Test
    void every_stored_code_the_views_show_has_words_in_both_languages() throws Exception {
        List<String> keys = new ArrayList<>();
        Arrays.stream(HealthState.values()).forEach(s -> keys.add("health." + s.name().toLowerCase(Locale.ROOT)));
        Arrays.stream(ConflictType.values()).forEach(t -> keys.add("conflictType." + t.wire()));
        for (var field : Reason.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                keys.add("reason." + field.get(null));
                keys.add("fix." + field.get(null));
            }
        }
        Arrays.stream(Role.values()).forEach(r -> keys.add("role." + r.name()));
        Arrays.stream(ResolutionPolicy.values()).forEach(p -> keys.add("policy." + p.wire()));
        Stream.of("paid", "unpaid", "voided", "replaced").forEach(s -> keys.add("txstatus." + s));
        Stream.of("CASH", "QRIS", "DEBIT", "CREDIT", "EWALLET", "TRANSFER").forEach(m -> keys.add("payment." + m));
        Stream.of("offline", "online").forEach(c -> keys.add("channel." + c));
        Stream.of("open", "held", "resolved", "any").forEach(s -> keys.add("state." + s));
        Stream.of("keep_server", "keep_local", "merge").forEach(s -> keys.add("strategy." + s));
        Stream.of("booked", "rejected").forEach(o -> keys.add("outcome." + o));
        Stream.of("detected", "resolved", "reopened").forEach(e -> keys.add("event." + e));
        Stream.of("sale", "void", "reversal").forEach(m -> keys.add("movement." + m));
        Stream.of("transaction", "payment", "void").forEach(i -> keys.add("item." + i));
        Stream.of("changed", "added", "removed").forEach(d -> keys.add("diff." + d));
        Stream.of("device_exists", "unknown_device", "conflict_not_found", "already_resolved", "sale_unknown")
                .forEach(c -> keys.add("error." + c));
        Stream.of("any", "PT1H", "PT24H", "P7D").forEach(a -> keys.add("age." + a));
        Stream.of("offline_id", "offline_reference", "device_id", "created_at_device", "branch_code", "payment_method", "items",
                "product_id", "quantity", "unit_price", "subtotal", "discount_total", "tax_total", "grand_total", "status",
                "transaction_offline_id", "method", "amount", "paid_at_device", "gateway_reference", "reason", "voided_at_device")
                .forEach(f -> keys.add("field." + f));

        for (Properties p : List.of(bundle("messages"), bundle("messages_id"))) {
            assertThat(keys).allSatisfy(key -> assertThat(p.getProperty(key)).as(key).isNotBlank());
        }
    }

    /** The audit trail stores who acted with a prefix and writes its own comments in English; people read neither. */
    @Test
    void a_conflicts_history_reads_without_prefixes_or_the_servers_english() {
        assertThat(Translations.actor("user:ana", Translations.INDONESIAN)).isEqualTo("ana");
        assertThat(Translations.actor("device:TILL-A1", Translations.INDONESIAN)).isEqualTo("Kasir TILL-A1");
        assertThat(Translations.actor("device:TILL-A1", Translations.ENGLISH)).isEqualTo("Till TILL-A1");
        assertThat(Translations.actor("policy", Translations.INDONESIAN)).isEqualTo("Kebijakan cabang");
        assertThat(Translations.historyComment("policy", "settled by the branch's policy", Translations.INDONESIAN))
                .isEqualTo("Diselesaikan oleh kebijakan cabang");
        assertThat(Translations.historyComment("policy", "the sale it waited for arrived", Translations.INDONESIAN))
                .isEqualTo("Penjualan yang ditunggu sudah tiba");
        assertThat(Translations.historyComment("policy", "sale_voided", Translations.INDONESIAN))
                .isEqualTo("Menunggu keputusan orang: Penjualan sudah dibatalkan");
        assertThat(Translations.historyComment("user:ana", "sale_voided", Translations.INDONESIAN)).as("typed by a person").isEqualTo("sale_voided");
    }

    @Test
    void rates_and_clock_skew_read_in_each_languages_number_format() {
        assertThat(Formats.percent(0.295, Translations.INDONESIAN)).isEqualTo("29,5 %");
        assertThat(Formats.percent(0, Translations.INDONESIAN)).isEqualTo("0,0 %");
        assertThat(Formats.percent(0.295, Translations.ENGLISH)).isEqualTo("29.5 %");
        assertThat(Formats.seconds(0, Translations.INDONESIAN)).isEqualTo("+0,0 dtk");
        assertThat(Formats.seconds(-1500, Translations.ENGLISH)).isEqualTo("-1.5 s");
        assertThat(Formats.seconds(12_345_600, Translations.INDONESIAN)).isEqualTo("+12.345,6 dtk");
    }

    @Test
    void indonesian_says_luring_never_offline() throws IOException {
        Properties indonesian = bundle("messages_id");
        assertThat(indonesian.stringPropertyNames()).allSatisfy(key ->
                assertThat(indonesian.getProperty(key)).as(key).doesNotContainIgnoringCase("offline"));
    }

    @Test
    void a_json_path_reads_as_words() {
        assertThat(JsonDiffView.pathLabel("items[product_id=1238].quantity", Translations.INDONESIAN)).isEqualTo("Produk 1238 › Jumlah");
        assertThat(JsonDiffView.pathLabel("grand_total", Translations.ENGLISH)).isEqualTo("Grand total");
        assertThat(JsonDiffView.pathLabel("items[1].note", Translations.ENGLISH)).isEqualTo("#2 › note");
    }

    @Test
    void an_unknown_code_reads_as_sent_and_money_reads_the_indonesian_way() {
        assertThat(Translations.code("payment.", "GOPAY", Translations.INDONESIAN)).isEqualTo("GOPAY");
        assertThat(Translations.code("payment.", "CASH", Translations.INDONESIAN)).isEqualTo("Tunai");
        assertThat(Translations.code("payment.", "CASH", Translations.ENGLISH)).isEqualTo("Cash");
        assertThat(Money.format(new java.math.BigDecimal("33000"), Translations.INDONESIAN)).isEqualTo("Rp 33.000");
        assertThat(Formats.age(java.time.Instant.parse("2025-10-13T08:00:00Z"), java.time.Instant.parse("2025-10-13T11:05:00Z"),
                Translations.INDONESIAN)).isEqualTo("3 jam 5 mnt");
    }
}
