package org.feedletter.config;

import java.util.List;

/**
 * Which items a newsletter takes, before its exclude rules: with no rule, every item.
 *
 * @param match how the rules combine: any rule matching is enough, or every rule must match
 */
public record Include(Match match, FilterRules rules) {

    public static final Include EVERYTHING = new Include(Match.ANY, FilterRules.NONE);

    public enum Match { ANY, ALL }

    /** Items in any of these categories, as {@code include: {categories: [...]}} says. */
    public Include(List<String> categories) {
        this(Match.ANY, FilterRules.categories(categories));
    }

    public boolean takesEverything() {
        return rules.isEmpty();
    }
}
