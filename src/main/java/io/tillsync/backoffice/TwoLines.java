package io.tillsync.backoffice;

import com.vaadin.flow.data.renderer.LitRenderer;
import java.util.function.Function;

/**
 * A grid cell of two lines: what the row is known by on top, a fact that goes with it below in
 * smaller grey type. Lists with many facts per row keep every one in view on a laptop this way,
 * instead of a column per fact that makes the grid scroll sideways. Drawn in the browser from two
 * strings per row, so a grid keeps no component per row on the server.
 */
public final class TwoLines {

    private TwoLines() {
    }

    public static <T> LitRenderer<T> of(Function<T, String> top, Function<T, String> below) {
        return LitRenderer.<T>of("<div class=\"cell-top\">${item.top}</div><div class=\"cell-below\">${item.below}</div>")
                .withProperty("top", t -> orEmpty(top.apply(t)))
                .withProperty("below", t -> orEmpty(below.apply(t)));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
