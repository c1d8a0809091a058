package org.feedletter.store;

/**
 * Another URL that stands for an item.
 *
 * @param publicId the id an item under that URL would have: how it is looked up
 * @param kind "url" when an entry under that URL joined the item; "declared" when the item names it as its original;
 *     "merged" for the public id of an item merged into this one
 */
public record ItemAlias(String publicId, long itemId, String kind, String url) {

    public static final String URL = "url";
    public static final String DECLARED = "declared";
    public static final String MERGED = "merged";
}
