package org.feedletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes each message as an .eml file named after its Message-ID, for offline use and for looking at what would
 * be sent. Writing the same message again replaces the file, so a repeat never makes a second copy.
 */
public final class FileTransport implements MailTransport {

    private final Path directory;

    public FileTransport(Path directory) {
        this.directory = directory;
    }

    @Override
    public MailSender open() {
        return new FileSender();
    }

    @Override
    public String describe() {
        return "files in " + directory;
    }

    /** The file a message with this Message-ID is written to. */
    public Path fileFor(String messageId) {
        String name = messageId.replaceAll("^<|>$", "").replaceAll("[^A-Za-z0-9._@-]", "_");
        return directory.resolve(name + ".eml");
    }

    private final class FileSender implements MailSender {
        @Override
        public SendResult send(MimeMessage message, InternetAddress recipient) {
            try {
                Files.createDirectories(directory);
                Path target = fileFor(message.getMessageID());
                Path partial = Files.createTempFile(directory, ".writing-", ".eml");
                try (OutputStream out = Files.newOutputStream(partial)) {
                    message.writeTo(out);
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
                return new SendResult.Sent("written to " + target);
            } catch (IOException e) {
                return new SendResult.ConnectionProblem("cannot write to " + directory + ": " + e.getMessage());
            } catch (MessagingException e) {
                return new SendResult.Rejected("cannot write the message: " + e.getMessage());
            }
        }

        @Override
        public void close() {}
    }
}
