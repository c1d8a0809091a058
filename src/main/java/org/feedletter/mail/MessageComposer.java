package org.feedletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.feedletter.digest.BodyPiece;
import org.feedletter.digest.RenderedDigest;

/**
 * Builds the MIME message for a rendered digest: multipart/alternative with plain text and HTML, a subject
 * encoded for any script (and so that feed text is never read as an encoded word, see {@link HeaderText}), a
 * Message-ID that stays the same on every attempt, and list headers. Jakarta Mail sets the headers; the body is
 * encoded here, once, in one pass (quoted-printable UTF-8, {@link QuotedPrintable}), and written out as it is:
 * Jakarta Mail's own part objects look up a service provider on every use and re-encode on every write.
 *
 * <p>What writing the body here buys: docs/BENCHMARKS.md, "Send: 10,000 personalized digests (`bench/run send`)",
 * the item "Jakarta Mail's part objects looked up a service provider on every construction and every encode": the
 * outbox 122 / 178 / 294 -> 165 / 472 / 614 msgs/s at concurrency 1 / 4 / 8 (2,000-message runs), one step with
 * {@link QuotedPrintable}, not measured apart. Shared body pieces are encoded once ({@link EncodedPieces}).
 */
public final class MessageComposer {

    static final int MAX_SUBJECT = 200;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Session session;
    private final String fromHeader;
    private final EncodedPieces pieces = new EncodedPieces();

    public MessageComposer(InternetAddress from) {
        this.session = Session.getInstance(new Properties());
        // The display name encoded by us as well: InternetAddress leaves an ASCII "=?...?=" in it as it is.
        this.fromHeader = from.getPersonal() == null || from.getPersonal().isEmpty() ? from.getAddress()
                : MimeUtility.fold(6, HeaderText.phrase(oneLine(from.getPersonal(), 200)) + " <" + from.getAddress() + ">");
    }

    /**
     * @param headers extra headers such as List-Id and List-Unsubscribe; values are made one line
     */
    public MimeMessage compose(RenderedDigest digest, InternetAddress to, String messageId, Map<String, String> headers,
            Date sent) throws MessagingException {
        String boundary = "=_feedletter_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        ComposedMessage message = new ComposedMessage(session);
        message.setSentDate(sent);
        message.setHeader("From", fromHeader);
        message.setHeader("To", to.toString());
        message.setHeader("Message-ID", messageId);
        // Encoded by us: Jakarta Mail would pass an ASCII "=?...?=" from a feed title through for programs to decode.
        message.setHeader("Subject", MimeUtility.fold(9, HeaderText.unstructured(oneLine(digest.subject(), MAX_SUBJECT))));
        message.setHeader("MIME-Version", "1.0");
        // "=_" never occurs in quoted-printable text, so the boundary cannot occur in the parts.
        message.setHeader("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            message.setHeader(name, MimeUtility.fold(name.length() + 2, oneLine(header.getValue(), 2000)));
        }
        message.setBody(alternative(boundary, body(digest.text(), digest.textPieces()),
                body(digest.html(), digest.htmlPieces())));
        return message;
    }

    /**
     * A body encoded: piece by piece when it comes in pieces, each shared piece encoded once for every subscriber
     * of its edition (quoted-printable starts afresh after each line break, so the pieces' encodings join to the
     * whole's), else whole.
     */
    private byte[] body(String whole, List<BodyPiece> inPieces) {
        if (inPieces == null) {
            return QuotedPrintable.encode(whole);
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(whole.length() + whole.length() / 8 + 64);
        for (BodyPiece piece : inPieces) {
            encoded.writeBytes(pieces.encoded(piece));
        }
        return encoded.toByteArray();
    }

    /** Plain text first, the least preferred (RFC 2046), then HTML. */
    private static byte[] alternative(String boundary, byte[] text, byte[] html) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(text.length + html.length + 512);
        part(body, boundary, "text/plain", text);
        part(body, boundary, "text/html", html);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static void part(ByteArrayOutputStream body, String boundary, String type, byte[] encoded) {
        body.writeBytes(("--" + boundary + "\r\nContent-Type: " + type + "; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(encoded);
        body.writeBytes(CRLF);
    }

    /** No CR or LF can reach a header: feed text never starts a header of its own. */
    static String oneLine(String value, int max) {
        String line = value == null ? "" : value.replaceAll("[\\r\\n\\u0000-\\u001f\\u007f]+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1).stripTrailing() + "…";
    }

    /**
     * A message complete as composed: its Message-ID is never renewed (Jakarta Mail makes a new one on every save;
     * ours must not change between attempts), and it is written out byte for byte. An SMTP message, so that the
     * deliverer can give it its own envelope sender (VERP) without a header changing.
     */
    private static final class ComposedMessage extends SMTPMessage {

        ComposedMessage(Session session) {
            super(session);
        }

        void setBody(byte[] body) {
            content = body;
            modified = false;
            saved = true;
        }

        @Override
        protected void updateMessageID() {
            // set by the composer, and it stays
        }

        @Override
        public void saveChanges() {
            // headers and body are final as composed; re-deriving them would drop the body's encoding
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
            Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
            while (lines.hasMoreElements()) {
                out.write(lines.nextElement().getBytes(StandardCharsets.UTF_8));
                out.write(CRLF);
            }
            out.write(CRLF);
            out.write(content);
            out.flush();
        }
    }
}
