package io.tillsync.support.soak;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name=value} options of a soak's or a benchmark's main; a bare {@code --name} is "true". */
public final class SoakOptions {

    private SoakOptions() {
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        // one option per word: exec:exec passes -Dbench.args as one argument
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (arg.isEmpty()) {
                continue;
            }
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        return options;
    }
}
