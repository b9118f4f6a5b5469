package io.tillsync.catalog;

import io.tillsync.base.Db;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchant MC01, branch BRN-MST-OSK00001 (10% tax on top, negative stock allowed and settled by
 * policy) and a small Indonesian shop catalog with stock, so the contract's example books as
 * printed. Loaded once into an empty catalog: by default on the embedded database only;
 * {@code tillsync.demo-data=true|false} decides otherwise.
 */
@Component
@Order(1)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    record Item(long id, String sku, String name, String unit, long price) {
    }

    static final List<Item> CATALOG = List.of(
            new Item(1238, "KOPI-SUSU", "Kopi Susu Gula Aren", "cup", 15000),
            new Item(1239, "TEH-MANIS", "Es Teh Manis", "cup", 8000),
            new Item(1240, "AIR-600", "Air Mineral 600 ml", "btl", 5000),
            new Item(1241, "ROTI-BKR", "Roti Bakar Cokelat", "pcs", 18000),
            new Item(1242, "NASGOR", "Nasi Goreng Spesial", "plt", 32000),
            new Item(1243, "MIE-AYAM", "Mie Ayam Bakso", "bwl", 27000),
            new Item(1244, "PISANG-GRG", "Pisang Goreng", "pcs", 12000),
            new Item(1245, "KERIPIK", "Keripik Singkong Pedas", "pck", 10000),
            new Item(1246, "SUSU-UHT", "Susu UHT 250 ml", "box", 7500),
            new Item(1247, "KOPI-HTM", "Kopi Hitam Tubruk", "cup", 10000),
            new Item(1248, "JUS-ALP", "Jus Alpukat", "cup", 22000),
            new Item(1249, "SATE-AYM", "Sate Ayam (10 tusuk)", "prt", 35000));

    private final JdbcTemplate jdbc;
    private final Environment env;

    DemoData(JdbcTemplate jdbc, Environment env) {
        this.jdbc = jdbc;
        this.env = env;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        String setting = env.getProperty("tillsync.demo-data", "");
        boolean embedded = env.getProperty("spring.datasource.url", "").isEmpty();
        boolean wanted = setting.isBlank() ? embedded : Boolean.parseBoolean(setting);
        Integer merchants = jdbc.queryForObject("SELECT COUNT(*) FROM merchants", Integer.class);
        if (!wanted || merchants == null || merchants > 0) {
            return;
        }
        long stock = env.getProperty("tillsync.demo-stock", Long.class, 1000L);
        Object now = Db.ts(Instant.now());
        Object since = Db.ts(Instant.parse("2020-01-01T00:00:00Z"));
        jdbc.update("INSERT INTO merchants (code, name) VALUES ('MC01', 'Toko Kopi Nusantara')");
        long merchant = jdbc.queryForObject("SELECT id FROM merchants WHERE code = 'MC01'", Long.class);
        jdbc.update("INSERT INTO branches (merchant_id, code, name, address, tax_rate, allow_negative_stock) VALUES (?, 'BRN-MST-OSK00001', "
                + "'Outlet Senopati', 'Jl. Senopati No. 12, Jakarta Selatan', 0.1000, TRUE)", merchant);
        jdbc.update("INSERT INTO branches (merchant_id, code, name, address, tax_rate, allow_negative_stock) VALUES (?, 'BRN-MST-OSK00002', "
                + "'Outlet Kemang', 'Jl. Kemang Raya No. 8, Jakarta Selatan', 0.1000, FALSE)", merchant);
        List<Long> branches = jdbc.queryForList("SELECT id FROM branches WHERE merchant_id = ? ORDER BY id", Long.class, merchant);
        for (Item item : CATALOG) {
            jdbc.update("INSERT INTO products (id, merchant_id, sku, name, unit, active, updated_at) VALUES (?, ?, ?, ?, ?, TRUE, ?)",
                    item.id(), merchant, item.sku(), item.name(), item.unit(), now);
            for (long branch : branches) {
                jdbc.update("INSERT INTO branch_prices (branch_id, product_id, price, valid_from, created_at) VALUES (?, ?, ?, ?, ?)",
                        branch, item.id(), BigDecimal.valueOf(item.price()), since, now);
                jdbc.update("INSERT INTO stock_levels (branch_id, product_id, quantity) VALUES (?, ?, ?)", branch, item.id(), stock);
            }
        }
        log.info("Demo data loaded: merchant MC01, branches BRN-MST-OSK00001 and BRN-MST-OSK00002, {} products", CATALOG.size());
    }
}
