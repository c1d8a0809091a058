package org.feedletter.store;

/**
 * What tells which piece an entry is, in its stored form (ingest's identity package makes and reads it).
 *
 * @param declared canonical URLs the entry names as its original, one per line; empty when none
 * @param marks comma-separated: own (on its feed's site), declares, attribution, aggregated
 * @param titleKey the title's folded words without its feed's affixes
 * @param authorKey the people named, "surname:initial" joined by "|"
 * @param summaryShingles 3-word shingle hashes of the summary's opening and its ending, in the form
 *     {@code TextOpening.encodedShingles} writes (entries stored before it: the hashes alone, 4 bytes each), or null
 * @param contentShingles the same of the content's opening, or null
 * @param continuationShingles the same of what the content says after its opening, or null (entries stored before
 *     version 22 of the schema have none)
 */
public record StoredEvidence(String declared, String marks, String titleKey, String authorKey, byte[] summaryShingles,
        int summaryWords, byte[] contentShingles, int contentWords, byte[] continuationShingles,
        int continuationWords) {}
