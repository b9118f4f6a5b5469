package io.tillsync.demo;

import io.tillsync.catalog.Branch;
import io.tillsync.catalog.CatalogService;
import io.tillsync.catalog.Stock;
import io.tillsync.devices.DeviceService;
import io.tillsync.devices.EnrolledDevice;
import io.tillsync.sales.TransactionFilter;
import io.tillsync.sales.TransactionQueries;
import io.tillsync.sales.TransactionRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * A handful of tills per demo branch selling through the device API on this application's own
 * port, from the moment the application is ready until it stops. Off unless asked for, and on an
 * external database only when asked for that too.
 */
@Component
class DemoTraffic implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    /** The demo branches and the prefix of their tills' device ids. */
    private static final Map<String, String> BRANCHES = Map.of("BRN-MST-OSK00001", "SNP", "BRN-MST-OSK00002", "KMG");
    private static final long TICK_MILLIS = 250;
    /** The user the demo's tills are enrolled by; created on the first start. */
    private static final String ADMIN = "admin";

    private final DemoTrafficProperties properties;
    private final DeviceService devices;
    private final CatalogService catalog;
    private final Stock stock;
    private final TransactionQueries transactions;
    private final Environment env;
    private final RandomGenerator random;
    private final List<SimulatedTill> tills = new ArrayList<>();
    private DayRhythm rhythm;
    private Shelves shelves;
    private Troubles troubles;
    private DeviceApi api;
    private volatile boolean running;
    private volatile Thread worker;

    DemoTraffic(DemoTrafficProperties properties, DeviceService devices, CatalogService catalog, Stock stock,
                TransactionQueries transactions, Environment env) {
        this.stock = stock;
        this.properties = properties;
        this.devices = devices;
        this.catalog = catalog;
        this.transactions = transactions;
        this.env = env;
        this.random = properties.seed() == null ? new Random() : new Random(properties.seed());
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!properties.enabled() || !running) {
            return;
        }
        boolean embedded = env.getProperty("spring.datasource.url", "").isBlank();
        if (!embedded && !properties.externalDatabase()) {
            log.warn("Demo traffic not started: it sells on the embedded database only, unless "
                    + "tillsync.demo.traffic.external-database=true says this database may take simulated sales");
            return;
        }
        Integer port = env.getProperty("local.server.port", Integer.class);
        if (port == null || port <= 0) {
            log.warn("Demo traffic not started: no HTTP port to send to");
            return;
        }
        api = new DeviceApi(port, env.getProperty("server.servlet.context-path", ""));
        worker = Thread.ofPlatform().name("demo-traffic").daemon().start(this::run);
    }

    DayRhythm rhythm() {
        return rhythm;
    }

    DemoTrafficProperties properties() {
        return properties;
    }

    private void run() {
        try {
            if (!setUp()) {
                return;
            }
            log.info("Demo traffic: {} tills selling at {}x speed from {}", tills.size(), properties.speed(), properties.startsAt());
            while (running) {
                long now = System.nanoTime();
                for (SimulatedTill till : List.copyOf(tills)) {
                    till.tick(now);
                }
                troubles.resolveNowAndThen(now, tills);
                shelves.deliverWhenDue(now);
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Demo traffic stopped: {}", e.toString());
            }
        }
    }

    private boolean setUp() throws InterruptedException {
        long now = System.nanoTime();
        rhythm = DayRhythm.startingAt(properties.startsAt(), properties.speed(), now);
        List<Branch> branches = BRANCHES.keySet().stream().sorted().map(catalog::branchByCode).flatMap(Optional::stream).toList();
        if (branches.isEmpty()) {
            log.warn("Demo traffic not started: the demo branches are missing (demo data is loaded into an empty database only)");
            return false;
        }
        shelves = new Shelves(catalog, stock, rhythm, branches, now);
        Map<String, Long> branchIds = new java.util.HashMap<>();
        branches.forEach(b -> branchIds.put(b.code(), b.id()));
        troubles = new Troubles(this, catalog, shelves, branchIds, random, properties.troubleEvery());
        LocalDate today = LocalDate.now(SimulatedTill.SHOP_ZONE);
        for (Branch branch : branches) {
            for (int n = 1; n <= properties.tillsPerBranch() && running; n++) {
                String deviceId = BRANCHES.get(branch.code()) + "-KASIR-" + n;
                String name = "Kasir " + n + " " + branch.name();
                EnrolledDevice enrolled = asAdmin(() -> devices.find(deviceId).isPresent()
                        // the demo's own tills: brought back even if someone revoked one in the back-office
                        ? devices.rotate(deviceId, true) : devices.enroll(deviceId, branch.code(), name));
                int lastSeq = asAdmin(() -> lastSequence(deviceId, today));
                tills.add(new SimulatedTill(this, api, random, deviceId, branch.code(), !branch.allowNegativeStock(),
                        enrolled.token(), 10 * n, today, lastSeq, now));
            }
        }
        return running;
    }

    /** Where a till restarted on the same day goes on counting: after the highest number it sent today. */
    private int lastSequence(String deviceId, LocalDate today) {
        Pattern own = Pattern.compile(Pattern.quote(deviceId) + "-" + today.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + "-(\\d+)");
        TransactionFilter filter = TransactionFilter.ALL.withDeviceId(deviceId)
                .withFrom(today.atStartOfDay(SimulatedTill.SHOP_ZONE).toInstant());
        int max = 0;
        for (TransactionRow row : transactions.list(filter, PageRequest.of(0, 500), null)) {
            Matcher m = own.matcher(row.offlineReference());
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max;
    }

    private static <T> T asAdmin(Supplier<T> call) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(ADMIN, null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        SecurityContextHolder.setContext(context);
        try {
            return call.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    void saleMade(SimulatedTill till) {
        troubles.afterSale(System.nanoTime(), tills);
    }

    /** At most one till of a branch is offline at a time, so a branch never looks dead. */
    boolean mayGoOffline(SimulatedTill till) {
        return tills.stream().noneMatch(t -> t != till && t.offline() && t.branchCode.equals(till.branchCode));
    }

    void refused(SimulatedTill till) {
        log.info("Demo till {} stops sending: its token was revoked or rotated in the back-office", till.deviceId);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            try {
                // a tick ends within a request's time: let the last one finish rather than cut it
                t.join(2_000);
                t.interrupt();
                t.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (api != null) {
            api.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
