package org.feedletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.feedletter.digest.RenderedDigest;
import org.feedletter.lang.MessageCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Subjects and List-Id of newsletters in other scripts (Ukrainian, Arabic, Hebrew, Polish): RFC 2047 encoded words in
 * short ASCII lines that read back as written.
 */
class MessageComposerScriptsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "uk | Тиждень | Україна і Польща: нова угода про транзит зерна через Балтійське море",
            "ar | النشرة الأسبوعية | تقرير الأسبوع: الاقتصاد والطاقة في منطقة البحر الأحمر",
            "he | העלון השבועי | דו\"ח שבועי על הכלכלה והאנרגיה",
            "pl | Przegląd tygodnia | Zażółć gęślą jaźń: przegląd"})
    void subjectAndListIdInAnyScriptAreEncodedAndReadBack(String language, String title, String first)
            throws Exception {
        String subject = MessageCatalog.bundled().messages(Locale.forLanguageTag(language))
                .plural("digest.subject.more", 3, title, first);
        String listId = DigestMessages.listPhrase(title) + " <weekly.example.org>";
        MimeMessage message = new MessageComposer(new InternetAddress("Instytut <digest@example.org>", true))
                .compose(new RenderedDigest(subject, "<p>h</p>", "t"), new InternetAddress("ida@example.org", true),
                        "<m@example.org>", Map.of("List-Id", listId), new Date());

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);
        String headers = wire.toString(StandardCharsets.US_ASCII).split("\r\n\r\n", 2)[0];
        assertThat(headers.chars()).as("every header ASCII").allMatch(c -> c < 0x80);
        assertThat(headers.split("\r\n")).as("folded into short lines").allMatch(line -> line.length() <= 78);
        assertThat(headers).contains("Subject: =?UTF-8?B?", "List-Id: =?UTF-8?B?");

        MimeMessage read = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(wire.toByteArray()));
        assertThat(read.getSubject()).isEqualTo(subject);
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(read.getHeader("List-Id", null))))
                .isEqualTo(title + " <weekly.example.org>");
    }
}
