package org.feedletter.mail;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.feedletter.digest.BodyPiece;

/**
 * The quoted-printable encoding of digest body pieces, each shared piece's worked out once. A digest filled into its
 * edition's skeleton comes in {@link BodyPiece pieces} of whole lines; the shared ones are the same objects for every
 * subscriber of the skeleton, so their encodings are kept here by the piece's identity for as long as the piece
 * itself is kept (weak keys: when the edition's content is let go, its encodings go with it). A subscriber's own
 * pieces are encoded every time and not kept. Quoted-printable starts afresh after each hard line break, so the
 * pieces' encodings join to exactly the encoding of the whole body ({@code MessageComposerTest} compares the two).
 *
 * <p>What it buys: docs/BENCHMARKS.md, "Send: 10,000 personalized digests (`bench/run send`)", the paragraph "Then:
 * the shared lines encoded once, and a cheaper sent-mark journal": render and compose 158 -> 101-133 us per
 * message. (Until this class the encodings were kept on the pieces themselves, inside {@code digest}; keeping them
 * here adds a synchronized map lookup per shared piece, which was not measured.)
 *
 * <p>Thread-safe: two threads that meet a new piece at once may both encode it; they keep the same bytes.
 */
final class EncodedPieces {

    private final Map<BodyPiece, byte[]> shared = Collections.synchronizedMap(new WeakHashMap<>());

    byte[] encoded(BodyPiece piece) {
        if (!piece.shared()) {
            return QuotedPrintable.encode(piece.text());
        }
        byte[] kept = shared.get(piece);
        if (kept == null) {
            kept = QuotedPrintable.encode(piece.text()); // outside the lock: other threads go on meanwhile
            shared.put(piece, kept);
        }
        return kept;
    }

    /** How many shared pieces have their encoding kept (for tests). */
    int kept() {
        return shared.size();
    }
}
