package io.tillsync.catalog;

import io.tillsync.base.Db;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;
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
 * Merchant MC01 with two outlets: BRN-MST-OSK00001 Senopati (10% tax on top, negative stock
 * allowed and settled by policy) and BRN-MST-OSK00002 Kemang (negative stock forbidden, dearer for
 * the products after 1249), and an Indonesian café and minimarket catalog with a day's stock, so
 * the contract's example books as printed. Loaded once into an empty catalog: by default on the embedded database only;
 * {@code tillsync.demo-data=true|false} decides otherwise.
 */
@Component
@Order(1)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /**
     * One product of the demo shop: its price in Senopati and in Kemang (the busier, dearer
     * outlet), and what each outlet holds at opening. Products 1238 to 1249 cost the same in both
     * outlets, as the contract's examples and the tests expect.
     */
    record Item(long id, String sku, String name, String unit, long price, long kemangPrice, long stock) {
    }

    static final List<Item> CATALOG = List.of(
            new Item(1238, "KOPI-SUSU", "Kopi Susu Gula Aren", "cup", 15000, 15000, 400),
            new Item(1239, "TEH-MANIS", "Es Teh Manis", "cup", 8000, 8000, 500),
            new Item(1240, "AIR-600", "Air Mineral 600 ml", "btl", 5000, 5000, 240),
            new Item(1241, "ROTI-BKR", "Roti Bakar Cokelat", "pcs", 18000, 18000, 60),
            new Item(1242, "NASGOR", "Nasi Goreng Spesial", "plt", 32000, 32000, 90),
            new Item(1243, "MIE-AYAM", "Mie Ayam Bakso", "bwl", 27000, 27000, 80),
            new Item(1244, "PISANG-GRG", "Pisang Goreng", "pcs", 12000, 12000, 70),
            new Item(1245, "KERIPIK", "Keripik Singkong Pedas", "pck", 10000, 10000, 48),
            new Item(1246, "SUSU-UHT", "Susu UHT 250 ml", "box", 7500, 7500, 96),
            new Item(1247, "KOPI-HTM", "Kopi Hitam Tubruk", "cup", 10000, 10000, 300),
            new Item(1248, "JUS-ALP", "Jus Alpukat", "cup", 22000, 22000, 36),
            new Item(1249, "SATE-AYM", "Sate Ayam (10 tusuk)", "prt", 35000, 35000, 40),
            new Item(1250, "ES-KOPI-LTR", "Es Kopi Susu 1 Liter", "btl", 85000, 95000, 20),
            new Item(1251, "CROIS-CKL", "Croissant Cokelat", "pcs", 22000, 25000, 30),
            new Item(1252, "DONAT-GL", "Donat Gula Halus", "pcs", 8000, 9000, 48),
            new Item(1253, "INDOMIE-GRG", "Indomie Goreng", "pck", 3500, 4000, 120),
            new Item(1254, "TEH-BOTOL", "Teh Botol Sosro 450 ml", "btl", 6000, 7000, 144),
            new Item(1255, "ES-JERUK", "Es Jeruk Peras", "cup", 12000, 14000, 100),
            new Item(1256, "ROTI-SOBEK", "Roti Sobek Cokelat Keju", "pck", 16500, 17500, 24),
            new Item(1257, "GULA-1KG", "Gula Pasir 1 kg", "pck", 18500, 19500, 30),
            new Item(1258, "TELUR-10", "Telur Ayam (10 butir)", "pck", 28000, 29500, 25),
            new Item(1259, "KERUPUK-UDG", "Kerupuk Udang", "pck", 12000, 13500, 40));

    private final JdbcTemplate jdbc;
    private final boolean wanted;
    private final ToLongFunction<Item> stockOf;

    DemoData(JdbcTemplate jdbc, Environment env) {
        this.jdbc = jdbc;
        // by default only on the embedded database: an external one may be a real shop's
        String setting = env.getProperty("tillsync.demo-data", "");
        this.wanted = setting.isBlank() ? env.getProperty("spring.datasource.url", "").isEmpty() : Boolean.parseBoolean(setting);
        // With simulated tills selling, the outlets hold a day's stock and run out of some of it;
        // otherwise (benchmarks, tests, a client developer's first requests) one level for all
        Long uniform = env.getProperty("tillsync.demo-stock", Long.class);
        boolean dayStock = uniform == null && env.getProperty("tillsync.demo.traffic.enabled", Boolean.class, false);
        this.stockOf = dayStock ? Item::stock : item -> uniform == null ? 1000L : uniform;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Integer merchants = jdbc.queryForObject("SELECT COUNT(*) FROM merchants", Integer.class);
        if (!wanted || merchants == null || merchants > 0) {
            return;
        }
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
            for (int i = 0; i < branches.size(); i++) {
                long price = i == 0 ? item.price() : item.kemangPrice();
                jdbc.update("INSERT INTO branch_prices (branch_id, product_id, price, valid_from, created_at) VALUES (?, ?, ?, ?, ?)",
                        branches.get(i), item.id(), BigDecimal.valueOf(price), since, now);
                jdbc.update("INSERT INTO stock_levels (branch_id, product_id, quantity) VALUES (?, ?, ?)", branches.get(i), item.id(),
                        stockOf.applyAsLong(item));
            }
        }
        log.info("Demo data loaded: merchant MC01, branches BRN-MST-OSK00001 and BRN-MST-OSK00002, {} products", CATALOG.size());
    }
}
