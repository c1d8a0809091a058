package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalUrlTest {

    private static String canonical(String url) {
        return CanonicalUrl.of(url).orElseThrow();
    }

    @Test
    void aRedirectorLinkIsTheLinkItLeadsTo() {
        assertThat(CanonicalUrl.of("https://newsnest.example/url?q=https%3A%2F%2Fmekongstrategy.example%2Fqc%2Fa%2F"
                + "&ct=ga&usg=AOvVaw")).contains("https://mekongstrategy.example/qc/a");
        assertThat(CanonicalUrl.of("https://aggregator.example/out?u=http%3A%2F%2Fm.nssf.example%2Fqc%2Fb%3Futm_source"
                + "%3Dx")).contains("https://nssf.example/qc/b");
        assertThat(CanonicalUrl.of("https://institute.example/2026/11/long-article-path?url=https://other.example/a"))
                .as("an article's own parameter").contains("https://institute.example/2026/11/long-article-path"
                        + "?url=https://other.example/a");
        assertThat(CanonicalUrl.of("https://news.example/search?q=ports")).contains("https://news.example/search?q=ports");
    }

    /** Wrappers around a page: an AMP cache's copy, a web archive's capture, an aggregator's encoded article id. */
    @Test
    void aLinkThatWrapsAPagesLinkIsThatPage() {
        String page = "https://www.example.org/2026/11/24/pension-reform";
        String canonical = "https://example.org/2026/11/24/pension-reform";
        assertThat(CanonicalUrl.of("https://www-example-org.cdn.ampproject.org/c/s/www.example.org/2026/11/24/"
                + "pension-reform/amp/")).contains(canonical);
        assertThat(CanonicalUrl.of("https://www-example-org.bing-amp.com/v/s/www.example.org/2026/11/24/"
                + "pension-reform/?amp_js_v=0.1&usqp=mq331AQ")).as("viewer form, viewer parameters")
                .contains(canonical);
        assertThat(CanonicalUrl.of("https://web.archive.org/web/20261124111502/https://www.example.org/2026/11/24/"
                + "pension-reform/")).contains(canonical);
        assertThat(CanonicalUrl.of("https://webarchive.example.net/web/20261124111502id_/http:/example.org/2026/11/"
                + "24/pension-reform?page=2")).as("a modifier, one slash, the page's query")
                .contains(canonical + "?page=2");
        String encoded = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                bytes(0x08, 0x13, 0x22, page.length(), page, 0xD2, 0x01, 0x00));
        assertThat(encoded).startsWith("CBMi");
        assertThat(CanonicalUrl.of("https://news.google.com/rss/articles/" + encoded + "?oc=5")).contains(canonical);
    }

    /** Only those forms: an article path that looks a little like one stays the article. */
    @Test
    void aLinkThatOnlyLooksLikeAWrapperIsItself() {
        assertThat(CanonicalUrl.of("https://www.champ.example/c/s/x.org/a")).as("no AMP cache's host")
                .contains("https://champ.example/c/s/x.org/a");
        assertThat(CanonicalUrl.of("https://example.org/web/2024/11/article"))
                .contains("https://example.org/web/2024/11/article");
        assertThat(CanonicalUrl.of("https://news.google.com/rss/articles/CBMiWkFVX3lxTE1xbmRhMGxqR2Ru?oc=5"))
                .as("a newer id holds a token, not the URL").contains("https://news.google.com/rss/articles/"
                        + "CBMiWkFVX3lxTE1xbmRhMGxqR2Ru?oc=5");
    }

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(((String) part).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    @Test
    void schemeAndHostAreLowerCasedButThePathKeepsItsCase() {
        assertThat(canonical("HTTPS://Example.ORG/Publications/QC")).isEqualTo("https://example.org/Publications/QC");
    }

    @Test
    void httpAndHttpsAreTheSame() {
        assertThat(canonical("http://example.org/a")).isEqualTo(canonical("https://example.org/a"));
    }

    @Test
    void wwwIsFolded() {
        assertThat(canonical("https://www.example.org/a")).isEqualTo(canonical("https://example.org/a"));
    }

    @Test
    void defaultPortsAreDroppedAndOtherPortsKept() {
        assertThat(canonical("http://example.org:80/a")).isEqualTo("https://example.org/a");
        assertThat(canonical("https://example.org:443/a")).isEqualTo("https://example.org/a");
        assertThat(canonical("https://example.org:8443/a")).isEqualTo("https://example.org:8443/a");
    }

    @Test
    void fragmentIsDropped() {
        assertThat(canonical("https://example.org/a#comments")).isEqualTo("https://example.org/a");
    }

    @Test
    void trailingSlashIsFolded() {
        assertThat(canonical("https://example.org/a/")).isEqualTo(canonical("https://example.org/a"));
        assertThat(canonical("https://example.org/")).isEqualTo(canonical("https://example.org"));
    }

    @Test
    void trackingParametersAreRemoved() {
        assertThat(canonical("https://example.org/a?utm_source=x&utm_medium=feed&utm_campaign=c&fbclid=1&gclid=2"
                + "&mc_cid=3&mc_eid=4")).isEqualTo("https://example.org/a");
        assertThat(canonical("https://example.org/a?UTM_Source=x")).isEqualTo("https://example.org/a");
    }

    @Test
    void matomoCampaignParametersAreTrackingToo() {
        assertThat(canonical("https://institut.example/2026/11/06/analyse/?pk_campaign=rss&pk_kwd=mueller"))
                .isEqualTo("https://institut.example/2026/11/06/analyse");
        assertThat(canonical("https://institut.example/a?mtm_campaign=feed&mtm_source=rss&matomo_kwd=x&piwik_campaign=y"
                + "&id=7")).isEqualTo("https://institut.example/a?id=7");
        assertThat(canonical("https://institut.example/a?pkg=core")).isEqualTo("https://institut.example/a?pkg=core");
    }

    @Test
    void otherQueryParametersAreKeptAndSorted() {
        assertThat(canonical("https://example.org/?p=123")).isEqualTo("https://example.org?p=123");
        assertThat(canonical("https://example.org/?p=123")).isNotEqualTo(canonical("https://example.org/?p=124"));
        assertThat(canonical("https://example.org/a?b=2&a=1&utm_source=x")).isEqualTo("https://example.org/a?a=1&b=2");
    }

    @Test
    void theSamePieceFromThreeFeedsHasOneCanonicalUrl() {
        assertThat(canonical("https://example.org/publications/quick-comment/central-bank-pause/"))
                .isEqualTo(canonical("https://www.example.org/publications/quick-comment/central-bank-pause/"
                        + "?utm_source=atom&utm_medium=feed"))
                .isEqualTo(canonical("http://example.org/publications/quick-comment/central-bank-pause"
                        + "?utm_medium=partner&utm_campaign=bpr-weekly"));
    }

    @Test
    void userInfoIsNotPartOfTheIdentity() {
        assertThat(canonical("https://user:secret@example.org/a")).isEqualTo("https://example.org/a");
    }

    @Test
    void internationalDomainsBecomePunycode() {
        assertThat(canonical("https://Bücher.example/a")).isEqualTo("https://xn--bcher-kva.example/a");
    }

    /** One feed writes a path's letters as they are, another percent-encodes them, in either case of hex. */
    @Test
    void aPathsLettersCompareWhetherWrittenOrPercentEncoded() {
        String raw = canonical("https://institutebre.example/opinió/2026/11/13/la-pròrroga-ja-té-preu/");
        assertThat(raw).isEqualTo("https://institutebre.example/opini%C3%B3/2026/11/13/la-pr%C3%B2rroga-ja-t%C3%A9-preu");
        assertThat(canonical("https://institutebre.example/opini%c3%b3/2026/11/13/la-pr%c3%b2rroga-ja-t%c3%a9-preu/"))
                .isEqualTo(raw);
        assertThat(canonical("https://institutebre.example/opini%C3%B3/2026/11/13/la-pr%C3%B2rroga-ja-t%C3%A9-preu"))
                .isEqualTo(raw);
        assertThat(canonical("https://example.org/caf%C3%A9?q=ni%c3%b1o")).isEqualTo(canonical("https://example.org/café?q=niño"));
    }

    @Test
    void escapedLettersDigitsAndUnreservedMarksAreTheCharactersThemselves() {
        assertThat(canonical("https://example.org/%7Euser/a%2Db%5F1")).isEqualTo("https://example.org/~user/a-b_1");
        assertThat(canonical("https://example.org/a%20b")).isEqualTo(canonical("https://example.org/a b"));
        assertThat(canonical("https://example.org/100%-sure")).isEqualTo("https://example.org/100%-sure");
    }

    @Test
    void percentEscapesCompareRegardlessOfCase() {
        assertThat(canonical("https://example.org/a%2fb")).isEqualTo(canonical("https://example.org/a%2Fb"));
    }

    @Test
    void nonWebLinksHaveNoCanonicalUrl() {
        assertThat(CanonicalUrl.of("tag:example.org,2026:qc-1")).isEmpty();
        assertThat(CanonicalUrl.of("mailto:a@example.org")).isEmpty();
        assertThat(CanonicalUrl.of("/relative/path")).isEmpty();
        assertThat(CanonicalUrl.of("")).isEmpty();
        assertThat(CanonicalUrl.of(null)).isEmpty();
        assertThat(CanonicalUrl.of("https:///no-host")).isEmpty();
    }

    @Test
    void theLinkShownToReadersLosesTrackingAndFragmentButKeepsHostAndPath() {
        assertThat(CanonicalUrl.withoutTracking("https://www.example.org/qc/a/?utm_source=atom&p=2&fbclid=x#main"))
                .isEqualTo("https://www.example.org/qc/a/?p=2");
        assertThat(CanonicalUrl.withoutTracking("http://example.org/a?utm_medium=feed")).isEqualTo("http://example.org/a");
        assertThat(CanonicalUrl.withoutTracking("tag:example.org,2026:x")).isEqualTo("tag:example.org,2026:x");
    }

    @Test
    void mobileAndAmpFormsOfAPageAreThePage() {
        String page = "https://institute.example/qc/finland";
        for (String form : java.util.List.of("https://m.institute.example/qc/finland/",
                "https://amp.institute.example/qc/finland", "https://institute.example/amp/qc/finland",
                "https://institute.example/qc/finland/amp/", "http://www.institute.example:80/qc/finland?amp=1",
                "https://institute.example:443/qc/finland#comments")) {
            assertThat(CanonicalUrl.of(form)).as(form).contains(page);
        }
        assertThat(CanonicalUrl.of("https://m.example/qc")).as("a host that is only m.").contains("https://m.example/qc");
    }

    @Test
    void theLinkForReadersLosesItsDefaultPortButKeepsItsHost() {
        assertThat(CanonicalUrl.withoutTracking("https://www.institute.example:443/qc/a/?utm_source=rss#comments"))
                .isEqualTo("https://www.institute.example/qc/a/");
        assertThat(CanonicalUrl.withoutTracking("http://institute.example:8080/qc/a"))
                .isEqualTo("http://institute.example:8080/qc/a");
    }
}
