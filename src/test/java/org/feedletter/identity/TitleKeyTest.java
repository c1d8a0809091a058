package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.feedletter.identity.TitleKey.TitleComparison;
import org.junit.jupiter.api.Test;

class TitleKeyTest {

    private static TitleComparison compare(String a, String b) {
        return TitleKey.of(a, TitleAffixes.NONE).compare(TitleKey.of(b, TitleAffixes.NONE));
    }

    @Test
    void aRetitlingThatInflectsAWordOtherwiseHasNoWordsOfItsOwn() {
        TitleComparison hungarian = compare("Kamatdöntés: 6,25 százalékon marad az alapkamat",
                "Kamatdöntés: marad a 6,25 százalékos alapkamat");

        assertThat(hungarian.eachHasItsOwnWords()).isFalse();
        assertThat(hungarian.containment()).isEqualTo(1.0);
    }

    @Test
    void wordsSharingAShortStemOrALongerEndingStayDifferent() {
        assertThat(compare("What Niger's coup means for the Sahel", "What Nigeria's coup means for the Sahel")
                .eachHasItsOwnWords()).isTrue();
        assertThat(TitleKey.sameWordInflected("inflation", "inflationary")).isFalse();
        assertThat(TitleKey.sameWordInflected("szazalekos", "szazalekon")).isTrue();
        assertThat(TitleKey.sameWordInflected("2026", "20261")).isFalse();
    }

    @Test
    void correctionNoticesAreKnownInSpanishPortugueseAndItalianToo() {
        assertThat(TitleKey.of("Corrección: «Banxico mantiene la tasa en 10.25%»", TitleAffixes.NONE).isNotice()).isTrue();
        assertThat(TitleKey.of("Correção: o PIB cresceu 0,4%", TitleAffixes.NONE).isNotice()).isTrue();
        assertThat(TitleKey.of("Rettifica: l'inflazione di ottobre", TitleAffixes.NONE).isNotice()).isTrue();
        assertThat(TitleKey.of("Banxico mantiene la tasa en 10.25%", TitleAffixes.NONE).isNotice()).isFalse();
    }

    /** Notices of the languages of south-east and northern Europe, the Baltic, Greece and the Arabic script. */
    @Test
    void correctionNoticesAreKnownInTheLanguagesOfMoreOfEuropeAndInArabicToo() {
        for (String title : new String[] {"Corectură: inflația din octombrie", "Rectificare: PIB-ul a crescut",
                "Ispravak: inflacija u listopadu", "Исправка: инфлација у октобру", "Popravek: inflacija oktobra",
                "Корекция: инфлацията през октомври", "Pataisymas: infliacija spalį", "Labojums: inflācija oktobrī",
                "Διόρθωση: ο πληθωρισμός τον Οκτώβριο", "Leiðrétting: verðbólga í október",
                "Pembetulan: inflasi Oktober", "Исправление: инфляция в октябре", "Виправлення: інфляція в жовтні",
                "Korrigjim: inflacioni në tetor", "تصحيح: التضخم في أكتوبر"}) {
            TitleKey key = TitleKey.of(title, TitleAffixes.NONE);
            assertThat(key.isNotice()).as(key.folded()).isTrue();
        }
        assertThat(TitleKey.of("Inflacija u listopadu: ispravak prognoze", TitleAffixes.NONE).isNotice())
                .as("the word further in").isFalse();
    }
}
