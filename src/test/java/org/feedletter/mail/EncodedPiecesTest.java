package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.BodyPiece;
import org.feedletter.digest.DigestContent;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.Recipient;
import org.feedletter.digest.RecipientLinks;
import org.feedletter.digest.RenderedDigest;
import org.feedletter.store.StoredItem;
import org.junit.jupiter.api.Test;

class EncodedPiecesTest {

    /**
     * The shared pieces of digests filled into one skeleton are encoded once and kept; a subscriber's own are
     * encoded each time; every digest's pieces join to the encoding of its whole body.
     */
    @Test
    void aSharedPieceIsEncodedOnceAndTheEncodingsJoinToTheWhole() throws Exception {
        DigestRenderer renderer = new DigestRenderer(Optional.empty());
        Instant t = Instant.parse("2026-11-25T13:05:00Z");
        DigestContent content = new DigestContent(new NewsletterConfig("qc", "Quick Comment digest", "Fast takes",
                new Include(List.of("Quick Comment")), "0 0 8 * * ?", ZoneId.of("UTC"), 100), 7, t,
                List.of(new StoredItem(1, "urn:1", "https://example.org/a", "https://example.org/a",
                        "Quick Comment: Zölle", "Åsa Öberg", t, null, "<p>x</p>", "Drei Gründe.",
                        List.of("Quick Comment"), null, 1, t, t, null)), 0, "https://news.example.org/feed.atom");
        EncodedPieces encoded = new EncodedPieces();
        List<BodyPiece> first = null;
        for (int i = 0; i < 6; i++) {
            RenderedDigest digest = renderer.render(content, new Recipient("reader" + i + "@example.org",
                    ZoneId.of("UTC"), new RecipientLinks("https://news.example.org/u?t=" + i, null, null, null)));
            if (digest.htmlPieces() == null) {
                continue; // the first subscribers of a skeleton are rendered in full and compared
            }
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (BodyPiece piece : digest.htmlPieces()) {
                byte[] bytes = encoded.encoded(piece);
                assertThat(encoded.encoded(piece) == bytes).as("kept").isEqualTo(piece.shared());
                joined.writeBytes(bytes);
            }
            assertThat(joined.toByteArray()).isEqualTo(QuotedPrintable.encode(digest.html()));
            if (first == null) {
                first = digest.htmlPieces();
            }
        }
        assertThat(first).as("digests filled into the skeleton").isNotNull();
        assertThat(first).anyMatch(BodyPiece::shared).anyMatch(piece -> !piece.shared());
        assertThat(encoded.kept()).isEqualTo((int) first.stream().filter(BodyPiece::shared).count());
    }
}
