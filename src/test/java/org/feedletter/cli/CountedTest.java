package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountedTest {

    @Test
    void oneIsSingularAndEveryOtherCountPlural() {
        assertThat(Counted.of(1, "feed")).isEqualTo("1 feed");
        assertThat(Counted.of(0, "message")).isEqualTo("0 messages");
        assertThat(Counted.of(2, "new item")).isEqualTo("2 new items");
    }
}
