package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files that are wrong: each problem with its line and a message that names the key and what is expected. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigProblemsTest {

    /** Enough for a file to be valid; tests add the one thing they break. */
    private static final String MAIL = "mail: { host: smtp.example.org, from: digest@example.org }\n";
    private static final Map<String, String> ENVIRONMENT =
            Map.of("FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef", "SHORT_SECRET", "too short");

    @TempDir
    Path workingDirectory;

    @Test
    void a_missing_file_is_one_problem_about_the_whole_file() {
        Path missing = workingDirectory.resolve("nowhere.yaml");

        assertThat(problemsLoading(missing)).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(missing);
            assertThat(problem.line()).isZero();
            assertThat(problem.message()).contains("does not exist").contains(missing.toAbsolutePath().toString());
        });
    }

    @Test
    void a_folder_instead_of_a_file_is_one_problem() {
        assertThat(problemsLoading(workingDirectory)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("expected a YAML file"));
    }

    @Test
    void an_empty_file_is_one_problem_saying_what_it_needs() throws IOException {
        assertProblem("", 0, "the config file is empty", "mail");
        assertProblem("# only a comment\n\n", 0, "the config file is empty");
    }

    @Test
    void a_yaml_syntax_error_gives_its_line() throws IOException {
        assertProblem("""
                mail:
                  host: smtp.example.org
                    from: digest@example.org
                """, 3, "YAML syntax error", "mapping values are not allowed here");
    }

    @Test
    void the_usual_yaml_mistakes_are_named_in_plain_words() throws IOException {
        assertProblem("mail:\n\ttransport: file\n", 2, "YAML syntax error: a tab; YAML indents with spaces only");
        assertProblem(MAIL + "feeds:\n  - url: https://a.example/feed\n   - url: https://b.example/feed\n", 4,
                "YAML syntax error: a list item ('- ') indented differently from the items above it");
        assertProblem("mail: { transport: file, from: digest@example.org\n", 2,
                "YAML syntax error: a '{' that is not closed with '}'", "the parser says: expected ',' or '}'");
        assertProblem("mail:\n  transport: file\n from: digest@example.org\n", 3,
                "YAML syntax error: a key indented differently from the keys of its section");
        assertProblem("mail:\n  host: smtp.example.org\n  from: \"digest@example.org\n", 4,
                "YAML syntax error: a quote that is opened and not closed");
    }

    @Test
    void an_unclosed_quote_names_the_line_where_it_starts() throws IOException {
        assertProblem("""
                mail:
                  host: "smtp.example.org
                  from: digest@example.org
                """, 4, "YAML syntax error", "quoted scalar that starts at line 2");
    }

    @Test
    void a_yaml_syntax_error_does_not_quote_the_line_which_might_hold_a_secret() throws IOException {
        assertThat(problems("""
                mail:
                  password: "hunter2
                """)).singleElement().satisfies(problem -> assertThat(problem.message()).doesNotContain("hunter2"));
    }

    @Test
    void a_list_at_the_top_is_not_a_config() throws IOException {
        assertProblem("- mail\n- feeds\n", 1, "expected a mapping of sections", "got a list");
    }

    @Test
    void aliases_are_refused_instead_of_silently_becoming_their_name() throws IOException {
        assertProblem(MAIL + """
                feeds:
                  - url: &site https://example.org/feed/
                    name: *site
                """, 4, "aliases (*site) are not supported");
    }

    @Test
    void a_second_yaml_document_is_refused() throws IOException {
        assertProblem(MAIL + "---\nfeeds: []\n", 3, "second YAML document");
    }

    @Test
    void an_unknown_key_suggests_the_closest_known_one() throws IOException {
        assertProblem(MAIL + """
                newsletters:
                  - id: quick-comment
                    shedule: "0 0 8 * * ?"
                """, 4, "unknown key 'shedule' in newsletter 'quick-comment' (did you mean 'schedule'?)");
    }

    @Test
    void unknown_keys_are_found_at_every_level_and_in_any_spelling() throws IOException {
        assertThat(problems(MAIL + """
                feed: []
                fetch: { connectTimeout: 5s }
                subscribers:
                  - { email: alice@example.org, newsletters: [], time_zone: UTC }
                """)).extracting(ConfigProblem::line, ConfigProblem::message).contains(
                tuple(2, "unknown key 'feed' at the top level (did you mean 'feeds'?)"),
                tuple(3,
                        "unknown key 'connectTimeout' in fetch (did you mean 'connect-timeout'?)"),
                tuple(5,
                        "unknown key 'time_zone' in subscriber 'alice@example.org' (did you mean 'time-zone'?)"));
    }

    @Test
    void an_unknown_key_without_a_close_match_lists_the_known_keys() throws IOException {
        assertProblem(MAIL + "web: { port: 8080, colour: blue, secret: \"${FEEDLETTER_SECRET}\" }\n", 2,
                "unknown key 'colour' in web (expected one of port, base-url, bind, secret, trusted-proxies, "
                        + "client-address-header, metrics-token, title, author, description, hub, push)");
    }

    @Test
    void a_key_given_twice_is_reported_at_the_second() throws IOException {
        assertProblem("""
                mail:
                  host: smtp.example.org
                  from: digest@example.org
                  host: smtp.example.net
                """, 4, "key 'host' appears twice in mail (first at line 2)");
    }

    @Test
    void a_section_of_the_wrong_kind_says_what_it_should_be() throws IOException {
        assertProblem(MAIL + "feeds:\n  url: https://example.org/feed/\n", 3, "expected a list of feeds, got a mapping",
                "got a mapping");
        assertProblem(MAIL + "fetch: fast\n", 2, "expected a mapping for fetch", "got a single value");
        assertProblem(MAIL + "feeds:\n  - https://example.org/feed/\n", 3, "feed #1",
                "expected a mapping with keys url, name, interval", "got a single value");
        assertProblem(MAIL + "web: { port: [8080], secret: \"${FEEDLETTER_SECRET}\" }\n", 2, "web: expected a single value for port, got a list");
    }

    @Test
    void a_number_that_is_not_one_names_the_key() throws IOException {
        assertProblem("""
                mail:
                  host: smtp.example.org
                  port: abc
                  from: digest@example.org
                """, 3, "mail: expected a number for port, got 'abc'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            database: { pool-size: 0 }         | database: expected a positive number for pool-size, got '0'
            fetch: { concurrency: -1 }         | fetch: expected a positive number for concurrency, got '-1'
            fetch: { max-redirects: -1 }       | fetch: expected a number of 0 or more for max-redirects, got '-1'
            delivery: { bounce-after: 0 }      | delivery: expected a positive number for bounce-after, got '0'
            delivery: { rate-per-second: -2 }  | delivery: expected a number of 0 or more (0 for no limit) for rate-per-second
            web: { port: 0, secret: "${FEEDLETTER_SECRET}" } | web: expected a port number between 1 and 65535 for port, got '0'
            web: { port: 65536, secret: "${FEEDLETTER_SECRET}" } | web: expected a port number between 1 and 65535 for port, got '65536'
            fetch: { read-timeout: 10 minutes }| fetch: expected a duration like 500ms, 10s, 30m, 2h, 2d or PT30M for read-timeout, got '10 minutes'
            fetch: { deadline: 0s }            | fetch: expected a duration longer than zero for deadline, got '0s'
            fetch: { max-body: 10 megs }       | fetch: expected a size like 1048576, 512KB, 10MB or 1GB for max-body, got '10 megs'
            fetch: { max-entries-per-poll: 0 } | fetch: expected a positive number for max-entries-per-poll, got '0'
            fetch: { allow-internal: [10.0.0.1/8] } | fetch: bad address range '10.0.0.1/8' for allow-internal: it has address bits set past its /8 prefix (did you mean 10.0.0.0/8?)
            fetch: { allow-internal: [intranet] } | fetch: bad address range 'intranet' for allow-internal: expected a CIDR block such as 10.0.0.0/8 or fd00::/8, a single address, or one of unspecified, loopback, private, link-local, unique-local, multicast
            fetch: { allow-internal: loopback } | fetch: expected a list of address ranges for allow-internal, got a single value
            delivery: { max-backoff: 10s }     | delivery: expected max-backoff to be at least initial-backoff (PT1M), got PT10S
            database: { url: 'jdbc:mysql://db/x' } | database: expected a jdbc:h2: or jdbc:postgresql: URL for url, got 'jdbc:mysql://db/x'
            web: { port: 80, base-url: /news, secret: "${FEEDLETTER_SECRET}" } | web: expected an absolute http or https URL for base-url, got '/news'
            """)
    void a_bad_value_says_what_is_expected_for_its_key(String section, String message) throws IOException {
        assertProblem(MAIL + section + "\n", 2, message);
    }

    @Test
    void each_bad_range_and_entry_cap_is_a_problem_at_its_own_line() throws IOException {
        assertProblem(MAIL + """
                fetch:
                  allow-internal:
                    - loopback
                    - 10.0.0.0/33
                    - "fd00::1/8"
                feeds:
                  - { url: "https://example.org/feed", max-entries-per-poll: none }
                """, List.of(5, 6, 8), "fetch: bad address range '10.0.0.0/33' for allow-internal: expected a prefix length"
                + " from 0 to 32 after the /", "fetch: bad address range 'fd00::1/8' for allow-internal",
                "feed 'https://example.org/feed': expected a number for max-entries-per-poll, got 'none'");
    }

    @Test
    void a_bad_choice_lists_the_allowed_ones() throws IOException {
        assertProblem("""
                mail:
                  host: smtp.example.org
                  from: digest@example.org
                  transport: pigeon
                  security: tls
                """, List.of(4, 5), "transport must be one of smtp, file, got 'pigeon'",
                "security must be one of none, starttls, ssl, got 'tls'");
    }

    @Test
    void missing_required_keys_are_named_at_their_section() throws IOException {
        assertThat(problems("""
                web: { bind: 127.0.0.1, secret: "${FEEDLETTER_SECRET}" }
                mail:
                  port: 25
                feeds:
                  - name: No address
                newsletters:
                  - title: No id, no schedule
                """)).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(1, "web: missing required key 'port' (the port to listen on, e.g. 8080)"),
                tuple(3,
                        "mail: missing required key 'host' (the SMTP server, e.g. smtp.example.org)"),
                tuple(3,
                        "mail: missing required key 'from' (the sender, e.g. \"Digest <digest@example.org>\")"),
                tuple(5, "feed #1: missing required key 'url' (the feed's address)"),
                tuple(7, "newsletter #1: missing required key 'id'"
                        + " (lower-case letters, digits and dashes, e.g. quick-comment)"),
                tuple(7, "newsletter #1: missing required key 'schedule'"
                        + " (a Quartz cron expression, e.g. \"0 0 8 * * ?\", or as-published)"));
    }

    @Test
    void a_file_without_a_mail_section_says_what_mail_needs() throws IOException {
        assertThat(messages("feeds: []\n")).containsExactly(
                "mail: missing required key 'host' (the SMTP server, e.g. smtp.example.org)",
                "mail: missing required key 'from' (the sender, e.g. \"Digest <digest@example.org>\")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            example.org/feed/            | expected an absolute http, https or file URL for url, got 'example.org/feed/'
            ftp://example.org/feed.xml   | expected an absolute http, https or file URL for url, got 'ftp://example.org/feed.xml'
            https://example.org/my feed/ | bad URL 'https://example.org/my feed/' for url: Illegal character in path at index 22
            https:///feed/               | expected an http or https URL with a host for url, got 'https:///feed/'
            file://config/site.xml       | expected file:/absolute/path or file:relative/path, without a host for url
            """)
    void a_bad_feed_url_says_what_is_wrong(String url, String message) throws IOException {
        assertProblem(MAIL + "feeds:\n  - url: " + url + "\n", 3, "feed '" + url + "': " + message);
    }

    @Test
    void the_same_feed_url_twice_is_reported_at_the_second() throws IOException {
        assertProblem(MAIL + """
                feeds:
                  - url: https://example.org/feed/
                  - url: https://example.org/feed/
                    name: Again
                """, 4, "feed 'https://example.org/feed/': URL 'https://example.org/feed/' is used twice (first at line 3)");
    }

    @Test
    void a_bad_cron_expression_gives_quartz_s_reason() throws IOException {
        assertProblem(MAIL + """
                newsletters:
                  - id: daily
                    schedule: "0 8 * * *"
                """, 4, "newsletter 'daily': bad cron expression '0 8 * * *' for schedule: Unexpected end of expression.",
                "\"0 0 8 * * ?\"", "; or as-published, for an edition as matching items arrive)");
    }

    @Test
    void an_as_published_newsletter_s_delay_must_be_a_duration_and_its_cap_positive() throws IOException {
        assertProblem(MAIL + """
                newsletters:
                  - id: breaking
                    schedule: as-published
                    publish-delay: 2 minutes
                    max-per-day: 0
                """, List.of(5, 6),
                "newsletter 'breaking': expected a duration like 500ms, 10s, 30m, 2h, 2d or PT30M (0 for none) for "
                        + "publish-delay, got '2 minutes'",
                "newsletter 'breaking': expected a positive number for max-per-day, got '0'");
    }

    @Test
    void publish_delay_and_max_per_day_belong_to_as_published_alone() throws IOException {
        assertProblem(MAIL + """
                newsletters:
                  - id: daily
                    schedule: "0 0 8 * * ?"
                    publish-delay: 30s
                    max-per-day: 4
                """, List.of(5, 6),
                "newsletter 'daily': publish-delay applies only to schedule: as-published, not to a cron schedule "
                        + "(remove publish-delay, or set schedule: as-published)",
                "newsletter 'daily': max-per-day applies only to schedule: as-published");
    }

    @Test
    void an_unknown_time_zone_suggests_a_real_one() throws IOException {
        assertProblem(MAIL + """
                newsletters:
                  - id: daily
                    schedule: "0 0 8 * * ?"
                    time-zone: Europe/Stokholm
                """, 5, "unknown time zone 'Europe/Stokholm'", "(did you mean 'Europe/Stockholm'?)");
    }

    @Test
    void a_newsletter_id_must_be_lower_case_letters_digits_and_dashes() throws IOException {
        assertProblem(MAIL + """
                newsletters:
                  - id: Quick Comment
                    schedule: "0 0 8 * * ?"
                """, 3, "newsletter 'Quick Comment': newsletter id 'Quick Comment' must be lower-case letters, digits"
                + " and dashes");
    }

    @Test
    void the_same_newsletter_id_twice_is_reported_at_the_second() throws IOException {
        assertProblem(MAIL + """
                newsletters:
                  - { id: daily, schedule: "0 0 8 * * ?" }
                  - { id: daily, schedule: "0 0 9 * * ?" }
                """, 4, "newsletter 'daily': id 'daily' is used twice (first at line 3)");
    }

    @Test
    void a_subscriber_to_an_undefined_newsletter_is_pointed_at_the_right_one() throws IOException {
        assertProblem(MAIL + """
                newsletters:
                  - { id: quick-comment, schedule: "0 0 8 * * ?" }
                subscribers:
                  - email: alice@example.org
                    newsletters:
                      - quick-coment
                """, 7, "subscriber 'alice@example.org': newsletter 'quick-coment' is not defined"
                + " (did you mean 'quick-comment'?)");
    }

    @Test
    void a_subscriber_listing_a_newsletter_twice_is_reported() throws IOException {
        assertProblem(MAIL + """
                newsletters: [{ id: daily, schedule: "0 0 8 * * ?" }]
                subscribers:
                  - { email: alice@example.org, newsletters: [daily, daily] }
                """, 4, "subscriber 'alice@example.org': newsletter 'daily' is listed twice");
    }

    @Test
    void a_subscriber_needs_at_least_one_newsletter() throws IOException {
        assertThat(messages(MAIL + """
                subscribers:
                  - { email: alice@example.org, newsletters: [] }
                  - { email: bob@example.org }
                """)).containsExactly(
                "subscriber 'alice@example.org': expected at least one newsletter id for newsletters",
                "subscriber 'bob@example.org': missing required key 'newsletters'"
                        + " (the ids of the newsletters to send, e.g. [quick-comment])");
    }

    @Test
    void the_same_subscriber_twice_is_reported_whatever_the_case() throws IOException {
        assertProblem(MAIL + """
                newsletters: [{ id: daily, schedule: "0 0 8 * * ?" }]
                subscribers:
                  - { email: alice@example.org, newsletters: [daily] }
                  - { email: Alice@Example.org, newsletters: [daily] }
                """, 5, "subscriber 'Alice@Example.org': email 'alice@example.org' is used twice (first at line 4)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            alice                      | bad email address 'alice' for email: Missing final '@domain'
            alice@example..org         | bad email address 'alice@example..org' for email: Domain contains dot-dot
            Alice <alice@example.org>  | expected a plain address like alice@example.org, without a name or <> for email
            """)
    void a_bad_subscriber_address_says_why(String email, String message) throws IOException {
        assertProblem(MAIL + """
                newsletters: [{ id: daily, schedule: "0 0 8 * * ?" }]
                subscribers:
                  - newsletters: [daily]
                    email: "%s"
                """.formatted(email), 5, message);
    }

    @Test
    void a_bad_sender_address_says_why() throws IOException {
        assertProblem("mail: { host: smtp.example.org, from: \"Digest <digest@>\" }\n", 1,
                "mail: bad email address 'Digest <digest@>' for from: Missing domain",
                "(expected an address like \"Quick Comments <digest@example.org>\")");
    }

    @Test
    void a_missing_templates_folder_is_reported() throws IOException {
        assertProblem(MAIL + "templates: { dir: no-such-folder }\n", 2, "templates: expected an existing folder for dir",
                workingDirectory.resolve("no-such-folder").toString());
    }

    @Test
    void an_unset_environment_variable_is_named_at_its_line() throws IOException {
        assertProblem("""
                mail:
                  host: smtp.example.org
                  from: digest@example.org
                  password: ${SMTP_PASSWORD}
                """, 4, "mail: environment variable SMTP_PASSWORD is not set");
    }

    @Test
    void a_malformed_environment_reference_is_reported() throws IOException {
        assertProblem(MAIL + "fetch: { user-agent: \"reader ${VERSION\" }\n", 2,
                "malformed environment reference; expected ${NAME} or ${NAME:-default}");
    }

    @Test
    void several_problems_are_all_reported_in_file_order() throws Exception {
        List<ConfigProblem> problems = problemsLoading(ConfigLoaderTest.resource("many-problems.yaml"));

        assertThat(problems).extracting(ConfigProblem::line).containsExactly(2, 5, 6, 7, 10, 11, 14, 16, 17);
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "database: expected a jdbc:h2: or jdbc:postgresql: URL for url, got 'jdbc:sqlite:feedletter.db'",
                "mail: security must be one of none, starttls, ssl, got 'tls'",
                "mail: expected a port number between 1 and 65535 for port, got '99999'",
                "mail: the password must not be written in the file; put the password in an environment variable:"
                        + " password: ${SMTP_PASSWORD}",
                "feed 'example.org/feed': expected an absolute http, https or file URL for url, got 'example.org/feed'",
                "feed 'example.org/feed': expected a duration like 500ms, 10s, 30m, 2h, 2d or PT30M for interval,"
                        + " got 'often'",
                "unknown key 'shedule' in newsletter 'quick-comment' (did you mean 'schedule'?)",
                "subscriber 'bob@': bad email address 'bob@' for email: Missing domain"
                        + " (expected an address like alice@example.org)",
                "subscriber 'bob@': newsletter 'weekly' is not defined (defined: quick-comment)");
    }

    @Test
    void the_exception_message_lists_every_problem_with_file_and_line() throws Exception {
        Path file = ConfigLoaderTest.resource("many-problems.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(ENVIRONMENT, workingDirectory).load(file));

        assertThat(e.getMessage().lines()).hasSize(9).allSatisfy(line -> assertThat(line).startsWith(file + ":"));
        assertThat(e.getMessage()).contains(file + ":2: database: expected a jdbc:h2:");
    }

    private void assertProblem(String yaml, int line, String... fragments) throws IOException {
        assertProblem(yaml, List.of(line), fragments);
    }

    /** Exactly these problems: one per line given, each containing the fragment at the same position, or all. */
    private void assertProblem(String yaml, List<Integer> lines, String... fragments) throws IOException {
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).extracting(ConfigProblem::line).as(problems.toString()).isEqualTo(lines);
        for (int i = 0; i < problems.size(); i++) {
            String message = problems.get(i).message();
            if (lines.size() == 1) {
                assertThat(message).contains(fragments);
            } else {
                assertThat(message).contains(fragments[i]);
            }
        }
    }

    private List<String> messages(String yaml) throws IOException {
        return problems(yaml).stream().map(ConfigProblem::message).toList();
    }

    private List<ConfigProblem> problems(String yaml) throws IOException {
        return problemsLoading(Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml));
    }

    private List<ConfigProblem> problemsLoading(Path file) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(ENVIRONMENT, workingDirectory).load(file));
        assertThat(e).as("loading should fail").isNotNull();
        return e.problems();
    }

    @Test
    void a_web_section_needs_a_secret_from_the_environment_long_enough_to_sign_links() throws IOException {
        assertProblem(MAIL + "web: { port: 8080 }\n", 2, "web: missing required key 'secret'", "${FEEDLETTER_SECRET}");
        assertProblem(MAIL + "web: { port: 8080, secret: abcdefabcdefabcdefabcdefabcdefabcdef }\n", 2,
                "the secret must not be written in the file");
        assertProblem(MAIL + "web: { port: 8080, secret: \"${SHORT_SECRET}\" }\n", 2,
                "expected a secret of at least 32 characters");
        assertThat(messages(MAIL + "web: { port: 8080, secret: \"${SHORT_SECRET}\" }\n").toString())
                .doesNotContain("too short");
    }

    @Test
    void subscription_settings_are_checked() throws IOException {
        assertProblem(MAIL + "subscriptions: { digest-hour: 24 }\n", 2,
                "subscriptions: expected an hour from 0 to 23 for digest-hour, got 24");
        assertProblem(MAIL + "subscriptions: { weekly-on: someday }\n", 2,
                "weekly-on must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday");
        assertProblem(MAIL + "subscriptions: { resend-after: 0s }\n", 2,
                "expected a duration longer than zero for resend-after");
    }
}
