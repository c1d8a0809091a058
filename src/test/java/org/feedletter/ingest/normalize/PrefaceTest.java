package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefaceTest {

    private static final String BODY = "<p>The United States, Mexico and Canada opened the formal joint review of their "
            + "trade agreement this morning, and the U.S. trade representative put autos first on the agenda. That is a "
            + "mistake, and not because autos are unimportant. The rules of origin for vehicles are the most contested "
            + "part of the agreement.</p>";

    @Test
    void aShortPrefaceAboveABreakIsNotThePiecesOpening() {
        String html = "<p>Day one of the USMCA review, and I'm already grumpy. Some context for newer readers.</p><hr>"
                + BODY;

        assertThat(Preface.textAfter(html)).startsWith("The United States, Mexico and Canada opened");
    }

    @Test
    void aBreakAfterThePieceOrAfterALongOpeningOrBeforeAFooterIsNoPreface() {
        assertThat(Preface.textAfter(BODY + "<hr><p><em>Originally published at <a href=\"https://x.example/a\">X</a>"
                + "</em></p>")).as("a closing note after the piece").isNull();
        assertThat(Preface.textAfter("<p>Short lede.</p><hr><p>Unsubscribe.</p>")).as("a footer").isNull();
        assertThat(Preface.textAfter(BODY + BODY + "<hr>" + BODY)).as("sections of one piece").isNull();
        assertThat(Preface.textAfter(BODY)).as("no break").isNull();
    }
}
