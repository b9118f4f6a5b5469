package io.tillsync.sales.booking;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * {@code TRX-<merchant>-<branch>-<yyMMdd>-<4 characters>}. The 4 characters are the sale's id
 * passed through a bijection of the 36^4 codes: they look random, and two sales whose ids are
 * fewer than 1,679,616 apart never share them. The unique index on the code still has the last word.
 */
final class TransactionCodes {

    private static final int SPACE = 36 * 36 * 36 * 36;
    // odd and not a multiple of 3, so coprime with 36^4 = 2^8 * 3^8: x -> (A x + B) mod 36^4 is a bijection
    private static final long A = 1_000_003L;
    private static final long B = 738_215L;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private TransactionCodes() {
    }

    static String code(String merchantCode, String branchCode, LocalDate day, long saleId) {
        long x = Math.floorMod(A * Math.floorMod(saleId, SPACE) + B, SPACE);
        char[] suffix = new char[4];
        for (int i = 3; i >= 0; i--) {
            suffix[i] = ALPHABET.charAt((int) (x % 36));
            x /= 36;
        }
        return "TRX-" + merchantCode + "-" + branchCode + "-" + DAY.format(day) + "-" + new String(suffix);
    }
}
