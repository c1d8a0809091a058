package org.feedletter.feed.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Wed, 05 Jun 2024 14:30:00 CEST    | 2024-06-05T12:30:00Z",
        "Thu, 06 Jun 2024 09:15:00 MSK     | 2024-06-06T06:15:00Z",
        "Tue, 10 Dec 2024 09:00:00 CET     | 2024-12-10T08:00:00Z",
        "Tue, 10 Dec 2024 09:00:00 EST     | 2024-12-10T14:00:00Z",
        "Wed, 05 Jun 2024 09:00:00 PDT     | 2024-06-05T16:00:00Z",
        "Wed, 05 Jun 2024 09:00:00 GMT     | 2024-06-05T09:00:00Z",
        "Wed, 05 Jun 2024 09:00:00 UT      | 2024-06-05T09:00:00Z",
        "Wed, 05 Jun 2024 09:00:00 Z       | 2024-06-05T09:00:00Z",
        "Wed, 05 Jun 2024 09:00:00 +0200   | 2024-06-05T07:00:00Z",
        "Wed, 05 Jun 2024 09:00:00 -05:30  | 2024-06-05T14:30:00Z",
        "Wed, 5 Jun 2024 9:00 +0000        | 2024-06-05T09:00:00Z",
        "05 Jun 2024 09:00:00 GMT          | 2024-06-05T09:00:00Z",
        "Wed, 05 Jun 24 09:00:00 GMT       | 2024-06-05T09:00:00Z",
        "Wed, 05 Jun 99 09:00:00 GMT       | 1999-06-05T09:00:00Z",
        "Wednesday, 05 June 2024 09:00:00 GMT | 2024-06-05T09:00:00Z",
        "Wed,05 Jun 2024 09:00:00 GMT      | 2024-06-05T09:00:00Z",
        "Wed, 05 Jun 2024 09:00:00         | 2024-06-05T09:00:00Z",
        "Jun 5, 2024 9:00 PM EDT           | 2024-06-06T01:00:00Z",
        "Wed Jun 05 2024 14:30:00 GMT+0200 (Central European Summer Time) | 2024-06-05T12:30:00Z",
        "Wed, 05 Jun 2024 14:30:00 UTC+2   | 2024-06-05T12:30:00Z",
        "Wed, 05 Jun 2024 14:30:00 XYZT    | 2024-06-05T14:30:00Z",
        "2024-06-05T14:30:00+02:00         | 2024-06-05T12:30:00Z",
        "2024-06-05T14:30:00Z              | 2024-06-05T14:30:00Z",
        "2024-06-05t14:30:00z              | 2024-06-05T14:30:00Z",
        "2024-06-05T14:30:00.123456789-03:00 | 2024-06-05T17:30:00.123456789Z",
        "2024-06-05T14:30:00,5Z            | 2024-06-05T14:30:00.500Z",
        "2024-06-05T14:30+0200             | 2024-06-05T12:30:00Z",
        "2024-06-05 14:30:00               | 2024-06-05T14:30:00Z",
        "2024-06-05T14:30:00 CEST          | 2024-06-05T12:30:00Z",
        "2024-06-05                        | 2024-06-05T00:00:00Z",
    })
    void readsFeedDates(String text, String expected) {
        assertThat(FeedDates.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ", "yesterday", "Wed, 31 Feb 2024 10:00:00 GMT", "2024-02-30T10:00:00Z", "2024-13-01",
        "2024-06-05T25:00:00Z",
        "Wed, 05 Jun 2024 09:00:00 +9999", "2024-06-05T14:30:00 nonsense", "05 2024", "June 2024", "1717580000"
    })
    void returnsNullForWhatIsNoDate(String text) {
        assertThat(FeedDates.parse(text)).isNull();
    }
}
