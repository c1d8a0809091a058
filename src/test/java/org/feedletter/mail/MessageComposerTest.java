package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.digest.DigestContent;
import org.feedletter.digest.DigestRenderer;
import org.feedletter.digest.Recipient;
import org.feedletter.digest.RecipientLinks;
import org.feedletter.digest.RenderedDigest;
import org.feedletter.store.StoredItem;
import org.junit.jupiter.api.Test;

class MessageComposerTest {

    private final MessageComposer composer = new MessageComposer(address("Quick Comments <digest@example.org>"));

    private static InternetAddress address(String text) {
        try {
            return new InternetAddress(text, true);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String wire(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static MimeMessage reparse(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void aDigestIsMultipartAlternativeWithTextFirstAndHtmlSecond() throws Exception {
        MimeMessage message = reparse(composer.compose(new RenderedDigest("Subject", "<p>html</p>", "text"),
                address("alice@example.org"), "<e1.s1@example.org>", Map.of(), new Date()));

        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("text");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>html</p>");
    }

    @Test
    void theMessageIdIsTheOneGivenAndSurvivesSaving() throws Exception {
        MimeMessage message = composer.compose(new RenderedDigest("S", "h", "t"), address("alice@example.org"),
                "<edition-5.subscriber-3@example.org>", Map.of(), new Date());
        message.saveChanges();

        assertThat(reparse(message).getMessageID()).isEqualTo("<edition-5.subscriber-3@example.org>");
    }

    @Test
    void nonAsciiSubjectsAreEncodedAndReadBackIntact() throws Exception {
        String subject = "Snabbkommentar: Riksbankens paus – vad händer nu? Москва, 東京";
        MimeMessage message = composer.compose(new RenderedDigest(subject, "h", "t"), address("alice@example.org"),
                "<m@example.org>", Map.of(), new Date());

        String headers = wire(message).split("\r\n\r\n", 2)[0];
        assertThat(headers).contains("Subject: =?UTF-8?");
        assertThat(reparse(message).getSubject()).isEqualTo(subject);
    }

    @Test
    void feedTextCannotAddAMailHeader() throws Exception {
        String hostile = "Breaking\r\nBcc: victim@example.net\r\nX-Evil: 1";
        MimeMessage message = composer.compose(new RenderedDigest(hostile, "h", "t"), address("alice@example.org"),
                "<m@example.org>", Map.of("List-Id", "\"x\r\nBcc: other@example.net\" <x.example.org>"), new Date());

        MimeMessage back = reparse(message);
        assertThat(back.getHeader("Bcc")).isNull();
        assertThat(back.getHeader("X-Evil")).isNull();
        assertThat(back.getSubject()).isEqualTo("Breaking Bcc: victim@example.net X-Evil: 1");
    }

    /** What a mail program shows for a header: unfolded, encoded words decoded. */
    private static String shown(MimeMessage message, String header) throws Exception {
        return MimeUtility.decodeText(MimeUtility.unfold(reparse(message).getHeader(header, null)));
    }

    @Test
    void anEncodedWordInFeedTextIsShownAsTheCharactersItIsMadeOf() throws Exception {
        for (String title : java.util.List.of("Digest: =?UTF-8?B?SGFja2Vk?=",
                "Digest: =?utf-8?q?caf=C3=A9_=3D_ok?= and more", "=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=",
                "Half an encoded word: =?", "Snabbkommentar =?UTF-8?B?w6Q=?= – vad händer?")) {
            MimeMessage message = composer.compose(new RenderedDigest(title, "h", "t"), address("alice@example.org"),
                    "<m@example.org>", Map.of(), new Date());

            assertThat(shown(message, "Subject")).as(title).isEqualTo(title);
            assertThat(reparse(message).getSubject()).as(title).isEqualTo(title);
        }
    }

    @Test
    void plainAsciiSubjectsGoAsTheyAre() throws Exception {
        MimeMessage message = composer.compose(new RenderedDigest("Quick Comment digest: Rates = 4% (?)", "h", "t"),
                address("alice@example.org"), "<m@example.org>", Map.of(), new Date());

        assertThat(wire(message)).contains("\r\nSubject: Quick Comment digest: Rates = 4% (?)\r\n");
    }

    @Test
    void anEncodedSubjectIsFoldedIntoShortAsciiLinesWithoutSplittingACharacter() throws Exception {
        String subject = ("=?UTF-8?Q?x?= Åsa 😀 東京 " + "x".repeat(7)).repeat(6);
        MimeMessage message = composer.compose(new RenderedDigest(subject, "h", "t"), address("alice@example.org"),
                "<m@example.org>", Map.of(), new Date());

        String headers = wire(message).split("\r\n\r\n", 2)[0];
        assertThat(headers).matches("\\p{ASCII}*");
        assertThat(headers.split("\r\n")).filteredOn(line -> line.startsWith("Subject:") || line.startsWith(" "))
                .hasSizeGreaterThan(3).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(shown(message, "Subject")).isEqualTo(subject);
    }

    @Test
    void aListNameWithAnEncodedWordIsEncodedToo() throws Exception {
        String listId = DigestMessages.listPhrase("News =?UTF-8?B?SGFja2Vk?=") + " <qc.example.org>";
        MimeMessage message = composer.compose(new RenderedDigest("S", "h", "t"), address("alice@example.org"),
                "<m@example.org>", Map.of("List-Id", listId), new Date());

        assertThat(shown(message, "List-Id")).isEqualTo("News =?UTF-8?B?SGFja2Vk?= <qc.example.org>");
        assertThat(DigestMessages.listPhrase("Back\\slash")).isEqualTo("\"Back\\\\slash\"");
    }

    @Test
    void aSenderNameIsEncodedByUsToo() throws Exception {
        for (String name : java.util.List.of("Quick Comments", "Snabbkommentarer – Översikt", "News =?UTF-8?B?SGk=?=",
                "Comma, \"quoted\" (note)")) {
            MessageComposer sender = new MessageComposer(new InternetAddress("digest@example.org", name, "UTF-8"));
            MimeMessage message = sender.compose(new RenderedDigest("S", "h", "t"), address("alice@example.org"),
                    "<m@example.org>", Map.of(), new Date());

            InternetAddress from = (InternetAddress) reparse(message).getFrom()[0];
            assertThat(from.getAddress()).isEqualTo("digest@example.org");
            assertThat(from.getPersonal()).as(name).isEqualTo(name.replace('"', '\''));
            assertThat(wire(message).split("\r\n\r\n", 2)[0]).matches("\\p{ASCII}*");
        }
    }

    @Test
    void longSubjectsAreCutToFit() throws Exception {
        MimeMessage message = composer.compose(new RenderedDigest("x".repeat(1000), "h", "t"),
                address("alice@example.org"), "<m@example.org>", Map.of(), new Date());

        assertThat(reparse(message).getSubject()).hasSizeLessThanOrEqualTo(MessageComposer.MAX_SUBJECT);
    }

    @Test
    void listHeadersAreSet() throws Exception {
        MimeMessage message = composer.compose(new RenderedDigest("S", "h", "t"), address("alice@example.org"),
                "<m@example.org>", Map.of("List-Unsubscribe", "<https://x.example/u>",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), new Date());

        MimeMessage back = reparse(message);
        assertThat(back.getHeader("List-Unsubscribe", null)).isEqualTo("<https://x.example/u>");
        assertThat(back.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(back.getFrom()[0].toString()).isEqualTo("Quick Comments <digest@example.org>");
    }

    @Test
    void bothPartsCarryAnyTextIntactInShortLines() throws Exception {
        String text = "Riksbankens paus – vad händer nu?\nМосква, 東京 😀 " + "lång rad ".repeat(50) + "\n=50% off ";
        String html = "<p style=\"margin:0\">" + text.replace("\n", "<br>") + "</p>";
        MimeMessage message = composer.compose(new RenderedDigest("S", html, text), address("alice@example.org"),
                "<m@example.org>", Map.of(), new Date());

        String body = wire(message).split("\r\n\r\n", 2)[1];
        assertThat(body.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(body).matches("\\p{ASCII}*");
        MimeMultipart parts = (MimeMultipart) reparse(message).getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(text.replace("\n", "\r\n"));
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(html);
    }

    @Test
    void aComposedMessageIsWrittenTheSameEachTime() throws Exception {
        MimeMessage message = composer.compose(new RenderedDigest("S", "<p>h</p>", "t"), address("alice@example.org"),
                "<m@example.org>", Map.of(), new Date());

        assertThat(wire(message)).isEqualTo(wire(message));
        assertThat(message.getMessageID()).isEqualTo("<m@example.org>");
        assertThat(((MimeMultipart) message.getContent()).getCount()).isEqualTo(2);
    }

    @Test
    void aNonAsciiNewsletterTitleIsEncodedInListIdAndEveryHeaderStaysAscii() throws Exception {
        String listId = DigestMessages.listPhrase("Snabbkommentarer – Översikt") + " <qc.example.org>";
        MimeMessage message = composer.compose(new RenderedDigest("S", "h", "t"), address("alice@example.org"),
                "<m@example.org>", Map.of("List-Id", listId), new Date());

        String headers = wire(message).split("\r\n\r\n", 2)[0];
        assertThat(headers.chars()).allMatch(c -> c < 0x80);
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(reparse(message).getHeader("List-Id", null))))
                .isEqualTo("Snabbkommentarer – Översikt <qc.example.org>");
        assertThat(DigestMessages.listPhrase("Quick Comment \"digest\"")).isEqualTo("\"Quick Comment 'digest'\"");
    }

    /**
     * Digests filled into an edition's skeleton come in pieces, and the pieces all subscribers share are encoded
     * once: the message on the wire is the one encoding the whole body gives, byte for byte.
     */
    @Test
    void aDigestInPiecesIsEncodedExactlyAsTheWholeBody() throws Exception {
        DigestRenderer renderer = new DigestRenderer(java.util.Optional.empty());
        java.time.Instant t = java.time.Instant.parse("2026-11-25T13:05:00Z");
        String longLine = "Kurz gesagt: Zölle, Wahlen und die Zentralbank = drei Gründe ".repeat(6) + "  ";
        DigestContent content = new DigestContent(new NewsletterConfig("qc", "Quick Comment digest", "Fast takes",
                new Include(java.util.List.of("Quick Comment")), "0 0 8 * * ?", java.time.ZoneId.of("UTC"), 100), 7, t,
                java.util.List.of(new StoredItem(1, "urn:1", "https://example.org/a?x=1&y=2",
                        "https://example.org/a?x=1&y=2", "Quick Comment: Tarife \u2014 \"Malmö\" \ud83d\udcc8",
                        "Åsa Öberg", t, null, "<p>x</p>", longLine, java.util.List.of("Quick Comment"), null, 1, t, t,
                        null)), 0, "https://news.example.org/feed.atom");
        int inPieces = 0;
        for (int i = 0; i < 12; i++) {
            String token = "t" + i + "&n=qc=" + "x".repeat(i * 7);
            Recipient recipient = new Recipient("reader" + i + "@example.org", java.time.ZoneId.of("UTC"),
                    new RecipientLinks("https://news.example.org/u?" + token, null, "https://news.example.org/p?"
                            + token, null));
            RenderedDigest digest = renderer.render(content, recipient);
            inPieces += digest.htmlPieces() == null ? 0 : 1;
            RenderedDigest whole = new RenderedDigest(digest.subject(), digest.html(), digest.text());
            Date sent = new Date(0);
            assertThat(withoutBoundaries(wire(composer.compose(digest, address("reader@example.org"), "<m@x>",
                    Map.of(), sent)))).as("subscriber %d", i).isEqualTo(withoutBoundaries(wire(composer.compose(whole,
                    address("reader@example.org"), "<m@x>", Map.of(), sent))));
        }
        assertThat(inPieces).as("digests filled into the skeleton").isEqualTo(12 - 2);
    }

    private static String withoutBoundaries(String wire) {
        return wire.replaceAll("=_feedletter_[0-9a-f]+", "BOUNDARY");
    }
}
