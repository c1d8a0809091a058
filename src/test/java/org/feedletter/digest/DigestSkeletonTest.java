package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.TemplateLoading;
import org.feedletter.store.StoredItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A digest filled into its edition's skeleton is the digest a full rendering gives, for every subscriber; templates
 * that do more with an address or link than print it are rendered in full.
 */
class DigestSkeletonTest {

    private static final NewsletterConfig NEWSLETTER = new NewsletterConfig("quick-comment", "Quick Comment digest",
            "Fast takes", new Include(List.of("Quick Comment")), "0 0 8 * * ?", ZoneId.of("Europe/Stockholm"), 100);

    @TempDir
    Path dir;

    private DigestContent lastContent;

    @Test
    void theBundledTemplatesOnlyPrintThePersonalFieldsOrAskWhetherTheyAreEmpty() throws Exception {
        var freemarker = TemplateLoading.freemarker(Optional.empty());
        for (String name : List.of(DigestRenderer.SUBJECT, DigestRenderer.HTML, DigestRenderer.TEXT)) {
            assertThat(DigestSkeleton.plainUse(freemarker.getTemplate(name).toString())).as(name).isTrue();
        }
    }

    @Test
    void anyOtherUseOfAnAddressOrLinkRulesTheShortcutOut() {
        assertThat(DigestSkeleton.plainUse("Hi ${recipient.email}, <#if links.preferences?has_content>x</#if>"))
                .isTrue();
        assertThat(DigestSkeleton.plainUse("<#-- personal links go below --> ${links.unsubscribe}")).isTrue();
        for (String source : List.of("${recipient.email?upper_case}", "<#if recipient.email?ends_with(\"@a.org\")>",
                "<#assign r = recipient>${r.email}", "${links.unsubscribe!}", "${links[\"unsubscribe\"]}",
                "[#if recipient.email?has_content][/#if]", "<#include \"footer.ftl\">", "${.now}",
                "<#if 1 > 0 && links.unsubscribe?length gt 3>", "Your links: below",
                "<#noautoesc>${links.unsubscribe}</#noautoesc>", "<#ftl output_format=\"HTML\">${recipient.email}")) {
            assertThat(DigestSkeleton.plainUse(source)).as(source).isFalse();
        }
    }

    @Test
    void everySubscribersDigestIsTheOneAFullRenderingGives() throws Exception {
        assertSameAsFullRendering(Optional.empty());
        assertThat(lastContent.skeleton(DigestSkeleton.Key.of(recipient(39)))).as("filled in, not rendered")
                .satisfies(s -> assertThat(s.trusted()).isTrue());
    }

    @Test
    void aTemplateThatUpperCasesTheAddressIsRenderedInFullForEachSubscriber() throws Exception {
        Files.writeString(dir.resolve(DigestRenderer.TEXT), "Hello ${recipient.email?upper_case}\n");
        List<RenderedDigest> digests = assertSameAsFullRendering(Optional.of(dir));
        assertThat(digests.get(5).text()).contains("READER5+NEWS@EXAMPLE.ORG");
        assertThat(lastContent.skeleton(DigestSkeleton.Key.of(recipient(5)))).as("no skeleton made").isNull();
    }

    @Test
    void aTemplateWhoseOutputDependsOnALinkOtherwiseFailsTheCheckAndIsRenderedInFull() throws Exception {
        // Passes the source check (a plain ${links.unsubscribe}), but prints the length of what it rendered: the
        // first comparison with a full rendering differs, and every later subscriber is rendered in full.
        Files.writeString(dir.resolve(DigestRenderer.HTML),
                "<p>${recipient.email}</p><#assign link>${links.unsubscribe}</#assign>${link?markup_string?length}");
        List<RenderedDigest> digests = assertSameAsFullRendering(Optional.of(dir));
        assertThat(digests.get(3).html()).endsWith(String.valueOf("https://news.example.org/u?t=3&n=quick-comment"
                .replace("&", "&amp;").length()));
        assertThat(lastContent.skeleton(DigestSkeleton.Key.of(recipient(3)))).satisfies(s -> {
            assertThat(s.failed()).isTrue();
            assertThat(s.trusted()).isFalse();
        });
    }

    /** Renders 40 subscribers in two time zones, some without preferences links, both ways; returns the digests. */
    private List<RenderedDigest> assertSameAsFullRendering(Optional<Path> templates) throws Exception {
        DigestRenderer skeletons = new DigestRenderer(templates, true);
        DigestRenderer full = new DigestRenderer(templates, false);
        DigestContent content = content();
        DigestContent sameContent = content();
        lastContent = content;
        List<RenderedDigest> digests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Recipient recipient = recipient(i);
            RenderedDigest filled = skeletons.render(content, recipient);
            assertThat(filled).as("subscriber %d", i).isEqualTo(full.render(sameContent, recipient));
            digests.add(filled);
        }
        return digests;
    }

    private static Recipient recipient(int i) {
        ZoneId zone = ZoneId.of(i % 2 == 0 ? "Europe/Stockholm" : "America/New_York");
        String base = "https://news.example.org/";
        return new Recipient("reader" + i + "+news@example.org", zone, new RecipientLinks(
                base + "u?t=" + i + "&n=quick-comment", "mailto:u" + i + "@example.org",
                i % 3 == 0 ? null : base + "p?t=" + i + "&who=O'Brien<\"x\">", base + "archive/7"));
    }

    private static DigestContent content() {
        Instant t = Instant.parse("2026-11-25T13:05:00Z");
        List<StoredItem> items = List.of(
                new StoredItem(1, "urn:1", "https://example.org/a?x=1&y=2", "https://example.org/a?x=1&y=2",
                        "Quick Comment: Rates & \"risks\"", "Ingrid Halvorsen", t, null, "<p>x</p>", "Three reasons.",
                        List.of("Quick Comment"), null, 1, t, t, null),
                new StoredItem(2, "urn:2", "https://example.org/b", "https://example.org/b",
                        "Quick Comment: Arctic shipping, Malmö", "Ola Nordmann", t, null, "<p>y</p>", "A first reading.",
                        List.of("Quick Comment"), null, 1, t, t, null));
        return new DigestContent(NEWSLETTER, 7, Instant.parse("2026-11-26T07:00:00Z"), items, 3,
                "https://news.example.org/newsletters/quick-comment/feed.atom");
    }
}
