package org.feedletter.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.feedletter.identity.AuthorKey.Relation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorKeyTest {

    private static final AuthorKey MARTA = AuthorKey.parse("Marta Kowalczyk");

    @ParameterizedTest
    @ValueSource(strings = {"Marta Kowalczyk", "M. Kowalczyk", "Kowalczyk, Marta", "Kowalczyk, M.",
            "By Marta Kowalczyk, Senior Fellow", "Dr. Marta Kowalczyk", "press@institute.example (Marta Kowalczyk)",
            "Marta Kowalczyk, Kestrel Institute", "Marta Kowalczyk and Jan Nowak", "Marta Kowałczyk"})
    void theFormsOfOneNameAreOnePerson(String form) {
        assertThat(AuthorKey.parse(form).relation(MARTA)).as(form).isEqualTo(Relation.SAME_PERSON);
    }

    @Test
    void aDifferentInitialOrSurnameIsAnotherPerson() {
        assertThat(AuthorKey.parse("J. Kowalczyk").relation(MARTA)).isEqualTo(Relation.DIFFERENT_PEOPLE);
        assertThat(AuthorKey.parse("Anna Zielińska").relation(MARTA)).isEqualTo(Relation.DIFFERENT_PEOPLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kestrel Institute", "EPO", "Observatory staff", "admin", "press@institute.example",
            "The Editors", ""})
    void organisationsAndMachinesNameNobody(String form) {
        assertThat(AuthorKey.parse(form).isEmpty()).as(form).isTrue();
        assertThat(AuthorKey.parse(form).relation(MARTA)).isEqualTo(Relation.UNKNOWN);
    }

    @Test
    void diacriticsAndParticlesFold() {
        assertThat(AuthorKey.parse("Anna Zielinska").relation(AuthorKey.parse("Zielińska, Anna")))
                .isEqualTo(Relation.SAME_PERSON);
        assertThat(AuthorKey.parse("Pieter de Vries").relation(AuthorKey.parse("de Vries, Pieter")))
                .isEqualTo(Relation.SAME_PERSON);
        assertThat(AuthorKey.parse("Michał Nowak").relation(AuthorKey.parse("Michal Nowak")))
                .isEqualTo(Relation.SAME_PERSON);
    }

    @Test
    void coAuthorsJoinedByAConjunctionOfTheirLanguageAreTheSamePeople() {
        AuthorKey english = AuthorKey.parse("Pieter Jansen and Pieter de Vries");
        assertThat(AuthorKey.parse("Pieter Jansen en Pieter de Vries").relation(english)).isEqualTo(Relation.SAME_PERSON);
        assertThat(AuthorKey.parse("Pieter Jansen og Pieter de Vries").relation(english)).isEqualTo(Relation.SAME_PERSON);
        assertThat(AuthorKey.parse("Pieter Jansen en Pieter de Vries").encoded()).isEqualTo(english.encoded());
    }

    @Test
    void theStoredFormReadsBackTheSame() {
        AuthorKey two = AuthorKey.parse("Marta Kowalczyk & Jan Nowak");
        assertThat(two.encoded()).isEqualTo("kowalczyk:m~marta:k|nowak:j~jan:n");
        assertThat(two).hasToString("kowalczyk:m, nowak:j");
        assertThat(AuthorKey.decode(two.encoded()).relation(AuthorKey.parse("J. Nowak"))).isEqualTo(Relation.SAME_PERSON);
        assertThat(AuthorKey.decode("kowalczyk:m").relation(MARTA)).as("as stored before the reversed reading")
                .isEqualTo(Relation.SAME_PERSON);
    }

    @Test
    void aNameWrittenFamilyNameFirstIsTheSamePerson() {
        AuthorKey anna = AuthorKey.parse("Anna Kovács");
        assertThat(AuthorKey.parse("Kovács Anna").relation(anna)).isEqualTo(Relation.SAME_PERSON);
        assertThat(anna.relation(AuthorKey.parse("Kovács Anna"))).isEqualTo(Relation.SAME_PERSON);
        assertThat(AuthorKey.parse("Tanaka Hiroshi").relation(AuthorKey.parse("Hiroshi Tanaka")))
                .isEqualTo(Relation.SAME_PERSON);
        assertThat(AuthorKey.parse("Kovács Anna").relation(AuthorKey.parse("A. Kovács"))).as("only one reading agrees")
                .isEqualTo(Relation.UNKNOWN);
    }

    @Test
    void twoPeopleWhoseInitialsAreEachOthersAreStillTwo() {
        assertThat(AuthorKey.parse("Maria Lopez").relation(AuthorKey.parse("Luis Martin")))
                .isEqualTo(Relation.DIFFERENT_PEOPLE);
        assertThat(AuthorKey.parse("Marta Kowalczyk").relation(AuthorKey.parse("Marta Kasprzak")))
                .isEqualTo(Relation.DIFFERENT_PEOPLE);
        assertThat(AuthorKey.parse("Kovács Anna").relation(AuthorKey.parse("Kovács Béla")))
                .isEqualTo(Relation.DIFFERENT_PEOPLE);
    }
}
