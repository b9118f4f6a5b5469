package io.tillsync.demo;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** What customers of the demo shop buy at which time of day: coffee and bread in the morning, rice at lunch. */
final class Menu {

    /** Weights per product id: morning, lunch, afternoon, evening. Products not listed weigh 1. */
    private static final Map<Long, int[]> TASTE = Map.ofEntries(
            Map.entry(1238L, new int[] {12, 4, 7, 3}), Map.entry(1239L, new int[] {4, 9, 7, 7}),
            Map.entry(1240L, new int[] {3, 6, 5, 4}), Map.entry(1241L, new int[] {6, 1, 3, 5}),
            Map.entry(1242L, new int[] {1, 9, 2, 8}), Map.entry(1243L, new int[] {1, 8, 2, 6}),
            Map.entry(1244L, new int[] {3, 2, 8, 3}), Map.entry(1245L, new int[] {1, 2, 4, 3}),
            Map.entry(1246L, new int[] {3, 1, 2, 1}), Map.entry(1247L, new int[] {7, 2, 3, 2}),
            Map.entry(1248L, new int[] {1, 4, 5, 3}), Map.entry(1249L, new int[] {0, 4, 1, 8}),
            Map.entry(1250L, new int[] {1, 1, 2, 1}), Map.entry(1251L, new int[] {5, 1, 3, 1}),
            Map.entry(1252L, new int[] {4, 1, 4, 1}), Map.entry(1253L, new int[] {2, 3, 2, 4}),
            Map.entry(1254L, new int[] {2, 4, 4, 3}), Map.entry(1255L, new int[] {2, 5, 4, 4}),
            Map.entry(1256L, new int[] {3, 1, 2, 1}), Map.entry(1257L, new int[] {1, 1, 1, 1}),
            Map.entry(1258L, new int[] {1, 1, 1, 2}), Map.entry(1259L, new int[] {1, 2, 2, 2}));

    private Menu() {
    }

    private static int band(LocalTime t) {
        if (t.isBefore(LocalTime.of(10, 30))) {
            return 0;
        }
        if (t.isBefore(LocalTime.of(14, 0))) {
            return 1;
        }
        return t.isBefore(LocalTime.of(17, 0)) ? 2 : 3;
    }

    /** A basket of one to four different products from those offered, or an empty list when nothing is. */
    static List<Long> basket(List<Long> offered, LocalTime t, RandomGenerator random) {
        int want = pickSize(random);
        List<Long> left = new ArrayList<>(offered);
        List<Long> basket = new ArrayList<>();
        int band = band(t);
        while (basket.size() < want && !left.isEmpty()) {
            int total = 0;
            for (long id : left) {
                total += weight(id, band);
            }
            if (total == 0) {
                break;
            }
            int r = random.nextInt(total);
            for (int i = 0; i < left.size(); i++) {
                r -= weight(left.get(i), band);
                if (r < 0) {
                    basket.add(left.remove(i));
                    break;
                }
            }
        }
        return basket;
    }

    static int quantity(RandomGenerator random) {
        int r = random.nextInt(100);
        return r < 78 ? 1 : r < 95 ? 2 : 3;
    }

    private static int pickSize(RandomGenerator random) {
        int r = random.nextInt(100);
        return r < 45 ? 1 : r < 80 ? 2 : r < 95 ? 3 : 4;
    }

    private static int weight(long id, int band) {
        int[] w = TASTE.get(id);
        return w == null ? 1 : w[band];
    }
}
