package org.feedletter.cli;

/** A count with its noun, singular for one: "1 feed", "3 feeds", "0 messages". */
final class Counted {

    private Counted() {}

    static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
