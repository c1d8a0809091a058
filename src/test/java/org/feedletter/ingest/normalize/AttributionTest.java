package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class AttributionTest {

    private static Attribution find(String html) {
        return Attribution.find(html, Jsoup.parseBodyFragment(html).text(), "https://partner.example/2026/copy");
    }

    @Test
    void anIntroLineWithALinkNamesTheOriginalAndIsNotPartOfTheText() {
        String html = "<p><em>This commentary was first published by <a href=\"https://institute.example/qc/a?utm_source=obs\">"
                + "the Kestrel Institute</a>.</em></p><p>Helsinki has extended the closure of its border again.</p>";
        Attribution note = find(html);

        assertThat(note.links()).containsExactly("https://institute.example/qc/a?utm_source=obs");
        assertThat(note.withoutNote(Jsoup.parseBodyFragment(html).text()))
                .isEqualTo("Helsinki has extended the closure of its border again.");
    }

    @Test
    void notesWithoutALinkAndAtTheEndCountToo() {
        assertThat(find("<p>Text of the piece.</p><p>Republished with permission.</p>").found()).isTrue();
        assertThat(find("<p>Text of the piece.</p><p>This text was originally published by the Vistula Centre.</p>")
                .found()).isTrue();
        assertThat(find("<p>Text.</p><p>The post <a href=\"https://x.example/a\">A</a> appeared first on "
                + "<a href=\"https://x.example\">X</a>.</p>").links())
                .containsExactly("https://x.example/a", "https://x.example");
    }

    /** A note that also points to another piece: only the statement's link names the original. */
    @Test
    void aReadAlsoSentenceInTheNoteNamesAnotherPieceNotTheOriginal() {
        String html = "<p>Seit dem 20. November gilt der neue Satz von 10 Prozent.</p><p><em>Dieser Kommentar erschien "
                + "zuerst auf <a href=\"https://aare.example/de/analysen/drei-wochen-danach\">aare.example</a>. Lesen Sie "
                + "auch den ersten Kommentar zum Abkommen: <a href=\"https://aare.example/de/analysen/der-deal\">Der "
                + "Deal</a>.</em></p>";
        assertThat(find(html).links()).containsExactly("https://aare.example/de/analysen/drei-wochen-danach");
        assertThat(find("<p>Text.</p><p><em>First published by <a href=\"https://i.example/a\">the Institute</a>. "
                + "See also <a href=\"https://i.example/b\">our report</a>.</em></p>").links())
                .containsExactly("https://i.example/a");
    }

    /** A newsletter's archive ends each issue with its mail footer, after the note. */
    @Test
    void aNoteBeforeAMailFooterCounts() {
        String html = "<p>Ten days after the interconnector was cut, the policy questions are clear.</p>"
                + "<p>We argue for a regional regime.</p><hr><p><em>Originally published on the Maas Institute website: "
                + "<a href=\"https://maas.example/en/2026/11/11/regime/\">https://maas.example/en/2026/11/11/regime/</a>."
                + "</em></p><p><small>You receive this email because you subscribed to the Maas Institute newsletter. "
                + "<a href=\"https://letters.example/maas/unsubscribe\">Unsubscribe</a></small></p>";
        Attribution note = find(html);

        assertThat(note.links()).containsExactly("https://maas.example/en/2026/11/11/regime/");
        assertThat(find("<p>Opening.</p><p>Our analysis, first published last week, argued that the plan would fail, "
                + "and since then the figures have borne it out in every region the ministry reported on, which is "
                + "more than its authors expected when they wrote it.</p><p>Unsubscribe</p>").found())
                .as("a long paragraph before the last is the piece's own prose").isFalse();
    }

    /** A republisher's licence line, set apart, runs to a few sentences; its link is in the last of them. */
    @Test
    void aLicenceLineSetApartIsANoteAsAWholeWithItsLink() {
        String html = "<p><em>This article is republished from the Murray–Tasman Policy Institute under a Creative "
                + "Commons Attribution–NoDerivatives 4.0 International licence. It has not been edited by the "
                + "University of Southern Waters, and the views expressed are the author’s own. Read the "
                + "<a href=\"https://www.murraytasman.example/quick-comment/2026/11/gas/\">original article</a>.</em></p>"
                + "<p>The federal government's decision answers a decade of complaints from manufacturers.</p>";
        Attribution note = find(html);

        assertThat(note.links()).containsExactly("https://www.murraytasman.example/quick-comment/2026/11/gas/");
        assertThat(note.withoutNote(Jsoup.parseBodyFragment(html).text()))
                .isEqualTo("The federal government's decision answers a decade of complaints from manufacturers.");
    }

    @Test
    void aSentenceInsideALongParagraphIsCutAloneAndOnlyAtTheEnds() {
        String opening = "This commentary first appeared on the Institute's website. The central bank of Hungary "
                + "raised interest rates by half a point on Tuesday, its third increase this year, and signalled that "
                + "more could follow if the forint keeps falling against the euro, economists said in Budapest.";
        Attribution note = find("<p>" + opening + "</p>");

        assertThat(note.note()).isEqualTo("This commentary first appeared on the Institute's website.");
    }

    @Test
    void aPiecesOwnProseAboutSomethingPublishedEarlierIsNoNote() {
        assertThat(find("<p>The report was published on Monday and shows a deficit.</p><p>More text.</p>").found())
                .isFalse();
        assertThat(find("<p>Our analysis, first published last week, argued that the plan would fail. Since then "
                + "<a href=\"https://institute.example/qc/earlier\">the earlier piece</a> has been borne out by "
                + "events in three capitals, and the government has changed course twice.</p><p>More.</p>").found())
                .isFalse();
    }

    @Test
    void anAuthorsLineNamingWhereThePieceFirstAppearedIsANote() {
        assertThat(find("<p>Text of the piece.</p><p><em>Htet Naing is a visiting fellow at the Mekong Strategy Centre, "
                + "Singapore, where this commentary first appeared.</em></p>").found()).isTrue();
        assertThat(find("<p>Text of the piece.</p><p>She is a fellow at the Centre, where her work on dams first "
                + "appeared in 2019 and drew wide notice among the riparian states.</p>").found()).isFalse();
    }

    @Test
    void aContinueReadingLinkAfterASummaryNamesWhereThePieceIs() {
        String html = "<p>NATO's inventory of Arctic ports will include Scottish harbours. Few are ready.</p>"
                + "<p><a href=\"https://nssf.example/qc/scotlands-ports/\">Continue reading at NSSF \u2192</a></p>";
        Attribution note = find(html);

        assertThat(note.links()).containsExactly("https://nssf.example/qc/scotlands-ports/");
        assertThat(note.withoutNote(Jsoup.parseBodyFragment(html).text()))
                .isEqualTo("NATO's inventory of Arctic ports will include Scottish harbours. Few are ready.");
        assertThat(find("<p>Summary of the piece.</p><p>Read the full commentary at <a href=\"https://lab.example/a\">"
                + "the Lab</a>.</p>").links()).containsExactly("https://lab.example/a");
    }

    @Test
    void aContinueReadingLinkInOtherLanguagesNamesWhereThePieceIs() {
        for (String line : new String[] {
                "<a href=\"https://irpp.example/analise/pib-4861?utm_source=jr\">Continue a ler no site do IRPP</a>",
                "<a href=\"https://irpp.example/analise/pib-4861\">Leia o texto completo no site do IRPP</a>",
                "Seguir leyendo en <a href=\"https://irpp.example/analise/pib-4861\">el Instituto</a>",
                "<a href=\"https://irpp.example/analise/pib-4861\">Continua a leggere sul sito dell'Istituto</a>",
                "<a href=\"https://irpp.example/analise/pib-4861\">Leggi l'articolo completo</a>",
                "<a href=\"https://irpp.example/analise/pib-4861\">Lees verder op de website</a>",
                "<a href=\"https://irpp.example/analise/pib-4861\">Læs videre hos instituttet</a>",
                "<a href=\"https://irpp.example/analise/pib-4861\">Читати далі</a>"}) {
            Attribution note = find("<p>O PIB cresceu 0,4 % no terceiro trimestre.</p><p>" + line + "</p>");

            assertThat(note.links()).as(line).singleElement().asString()
                    .startsWith("https://irpp.example/analise/pib-4861");
        }
        // Reading on about something else names a related piece, not this one.
        assertThat(find("<p>O PIB cresceu 0,4 %.</p><p>Leia também: <a href=\"https://jr.example/outro\">Orçamento "
                + "2027</a></p>").found()).isFalse();
        assertThat(find("<p>O PIB cresceu 0,4 %.</p><p>Continue a ler.</p>").found()).isFalse();
        // A news story's link to the report it is about: the whole report is not the story's original.
        assertThat(find("<p>Forsvarsbedriftene i Norden har tredoblet ordrene.</p><p>Les hele rapporten hos <a "
                + "href=\"https://skagerrak.example/2026/11/18/report\">Skagerrak-instituttet</a></p>").found()).isFalse();
        assertThat(find("<p>Forsvarsbedriftene i Norden har tredoblet ordrene.</p><p>Les hele kommentaren hos <a "
                + "href=\"https://skagerrak.example/qc/16\">Skagerrak-instituttet</a></p>").links())
                .containsExactly("https://skagerrak.example/qc/16");
    }

    @Test
    void readMoreAboutATopicOrWithNowhereToGoIsNoNote() {
        assertThat(find("<p>Summary of the piece.</p><p>Read more: <a href=\"https://lab.example/other\">Why the talks "
                + "failed</a></p>").found()).isFalse();
        assertThat(find("<p>Summary of the piece.</p><p>Continue reading.</p>").found()).isFalse();
    }

    @Test
    void notesInTheLanguagesOfEuropesPartnersAreUnderstood() {
        for (String note : new String[] {
                "Deze reactie verscheen eerder op de website van het <a href=\"https://maas.example/nl/q09/\">Maas Instituut</a>.",
                "Dit rapport verscheen op de website van het <a href=\"https://maas.example/nl/q09/\">Maas Instituut</a>.",
                "Oorspronkelijk gepubliceerd op <a href=\"https://maas.example/nl/q09/\">maas.example</a>.",
                "Este artículo fue publicado originalmente en <a href=\"https://maas.example/nl/q09/\">el Instituto</a>.",
                "Publicat originalment a <a href=\"https://maas.example/nl/q09/\">l'Institut</a>.",
                "Questo commento è stato pubblicato originariamente su <a href=\"https://maas.example/nl/q09/\">ISPI</a>.",
                "Artigo publicado originalmente no <a href=\"https://maas.example/nl/q09/\">Instituto</a>.",
                "Dieser Beitrag erschien ursprünglich beim <a href=\"https://maas.example/nl/q09/\">Institut</a>.",
                "Artiklen blev først publiceret hos <a href=\"https://maas.example/nl/q09/\">Instituttet</a>.",
                "Text původně vyšel na webu <a href=\"https://maas.example/nl/q09/\">institutu</a>."}) {
            Attribution found = find("<p><em>" + note + "</em></p><p>De Eerste Kamer stemde dinsdag in met de wet.</p>");
            assertThat(found.links()).as(note).containsExactly("https://maas.example/nl/q09/");
            assertThat(found.stated()).as(note).isTrue();
        }
        assertThat(find("<p>Het boek verscheen op 3 mei bij een kleine uitgeverij.</p><p>Meer.</p>").found())
                .as("a book that appeared on a date").isFalse();
    }

    /** In words not understood, a note is known by its form: set apart, linking to one page on another site. */
    @Test
    void aLineSetApartLinkingToAPageElsewhereIsANoteKnownByItsForm() {
        String html = "<p><strong>Nota:</strong> <em>Ce comentariu a apărut întâi la <a href=\"https://institute.example/qc/a\">"
                + "Institut</a>.</em></p><p>Guvernul a prelungit închiderea frontierei.</p>";
        Attribution note = find(html);

        assertThat(note.links()).containsExactly("https://institute.example/qc/a");
        assertThat(note.stated()).isFalse();
        assertThat(note.withoutNote(Jsoup.parseBodyFragment(html).text()))
                .as("kept in the compared text: it may be the piece's own standfirst")
                .isEqualTo(Jsoup.parseBodyFragment(html).text());
        assertThat(find("<p>Guvernul a prelungit închiderea frontierei.</p><p><em>Citiți și "
                + "<a href=\"https://institute.example/qc/b\">analiza noastră</a>.</em></p>").found())
                .as("at the end too").isTrue();
    }

    @Test
    void aLineNotSetApartOrLinkingToItsOwnSiteOrToSeveralPagesIsNoNote() {
        assertThat(find("<p>Guvernul a prelungit, spune <a href=\"https://institute.example/qc/a\">Institutul</a>.</p>"
                + "<p>Mai mult.</p>").found()).as("not emphasized").isFalse();
        assertThat(find("<p><em>Citiți și <a href=\"https://partner.example/2026/other\">analiza noastră</a>.</em></p>"
                + "<p>Guvernul a prelungit închiderea frontierei.</p>").found()).as("its own site").isFalse();
        assertThat(find("<p><em>Vezi <a href=\"https://a.example/x\">una</a> și <a href=\"https://b.example/y\">alta</a>."
                + "</em></p><p>Guvernul a prelungit închiderea frontierei.</p>").found()).as("two pages").isFalse();
        assertThat(find("<p><em>Guvernul a prelungit închiderea frontierei.</em></p><p>Mai mult.</p>").found())
                .as("an italic standfirst linking nowhere").isFalse();
    }

    @Test
    void chineseAndJapaneseNotesAreUnderstood() {
        String body = "<p>美国商务部周二宣布，将对从东南亚进口的太阳能电池板加征新的反倾销税，税率最高达百分之二百五十。</p>";
        Attribution zh = find("<p>本文首发于<a href=\"https://yangtze.example/kuaiping/solar\">扬子太平洋研究院</a>网站。</p>" + body);
        Attribution ja = find("<p>日銀は１２月に利上げを決めた。</p><p>（初出：<a href=\"https://yangtze.example/ja/boj\">研究所ウェブサイト</a>）</p>");

        assertThat(zh.links()).containsExactly("https://yangtze.example/kuaiping/solar");
        assertThat(zh.stated()).isTrue();
        assertThat(zh.withoutNote(Jsoup.parseBodyFragment(zh.note() + body).text())).doesNotContain("首发");
        assertThat(ja.links()).containsExactly("https://yangtze.example/ja/boj");
        assertThat(find("<p>美国商务部周二宣布加征新的反倾销税，此前多家媒体的报道被广泛转载自各大网站，引发市场对东南亚光伏产能前景的担忧，"
                + "业内人士认为这将影响中国企业的海外布局。</p><p>更多。</p>").found())
                .as("a paragraph of the piece that mentions reprinting further on").isFalse();
    }
}
