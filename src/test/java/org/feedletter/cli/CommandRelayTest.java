package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import org.feedletter.Feedletter;
import org.feedletter.cli.CliFixture.Result;
import org.feedletter.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands handed to the running service: run there, on its open feedletter, with the same output and exit code as
 * in a process of their own; refused, and so run locally, when the key or the config differ; never handed over when
 * they read a file or standard input.
 */
class CommandRelayTest {

    @TempDir
    Path dir;

    private CliFixture fixture;
    private Feedletter service;
    private CommandRelay relay;
    private Path realConfig;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new CliFixture(dir, "/site-wide.rss");
        service = Feedletter.open(new ConfigLoader(Map.of()).load(fixture.config), Clock.systemUTC(), "service");
        relay = CommandRelay.start(fixture.config, service).orElseThrow();
        realConfig = fixture.config.toRealPath();
    }

    @AfterEach
    void tearDown() {
        if (relay != null) {
            relay.close();
        }
        service.close();
        fixture.close();
    }

    private record Relayed(OptionalInt exit, String out, String err) {}

    private Relayed relay(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt exit = RelayClient.relay(realConfig, args, false, false, out, err);
        return new Relayed(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandRunsInTheServiceAndPrintsWhatItWouldHavePrintedAlone() {
        Relayed relayed = relay("feeds", "list", "--config", fixture.config.toString());
        Result alone = fixture.run("feeds", "list");

        assertThat(relayed.exit()).hasValue(alone.exit());
        assertThat(relayed.out()).isEqualTo(alone.out()).contains("site-wide.rss");
        assertThat(relayed.err()).isEqualTo(alone.err());
        assertThat(relay.relayed()).isEqualTo(1);
    }

    @Test
    void aChangeMadeThroughTheRelayIsTheServicesOwn() {
        Relayed added = relay("feeds", "add", fixture.server.url("/partner.json").toString(), "--name", "Partner");

        assertThat(added.exit()).as(added.err()).hasValue(ExitCode.OK);
        assertThat(added.out()).contains("Added feed 2: Partner");
        assertThat(service.feeds().listCurrent()).extracting(f -> f.label()).contains("Partner");
    }

    @Test
    void usageErrorsAndExitCodesComeBackAsTheyAre() {
        Relayed unknown = relay("feeds", "pause", "99");

        assertThat(unknown.exit()).isPresent().isNotEqualTo(OptionalInt.of(ExitCode.OK));
        assertThat(unknown.err()).isEqualTo(fixture.run("feeds", "pause", "99").err()).isNotEmpty();
    }

    @Test
    void theFileBesideTheConfigIsTheServicesUsersAloneAndGoesWithIt() throws Exception {
        Path rendezvous = RelayClient.rendezvous(realConfig);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rendezvous))).isEqualTo("rw-------");

        relay.close();
        relay = null;

        assertThat(rendezvous).doesNotExist();
        assertThat(relay("feeds", "list").exit()).as("run here instead").isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedAndNothingRunsInTheService() throws Exception {
        Path rendezvous = RelayClient.rendezvous(realConfig);
        String text = Files.readString(rendezvous);
        Files.writeString(rendezvous, text.replaceAll("key=\\w+", "key=" + "ab".repeat(24)));

        assertThat(relay("feeds", "add", fixture.server.url("/partner.json").toString()).exit()).isEmpty();
        assertThat(relay.relayed()).isZero();
        assertThat(service.feeds().listCurrent()).hasSize(1);
    }

    @Test
    void aFileLeftByAKilledServiceIsPassedOver() throws Exception {
        relay.close();
        relay = null;
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(RelayClient.rendezvous(realConfig), "port=" + closedPort + "\nkey=00\npid=1\n");

        assertThat(relay("status").exit()).isEmpty();
    }

    @Test
    void onlyCommandsThatReadNoFileOfTheirOwnAreHandedOver() {
        assertThat(RelayClient.relayable(new String[] {"status"})).isTrue();
        assertThat(RelayClient.relayable(new String[] {"feeds", "list", "--config", "x.yaml"})).isTrue();
        assertThat(RelayClient.relayable(new String[] {"subscribers", "add", "a@example.org"})).isTrue();
        assertThat(RelayClient.relayable(new String[] {"feeds", "import", "feeds.opml"})).isFalse();
        assertThat(RelayClient.relayable(new String[] {"feeds", "export"})).as("to standard output").isTrue();
        assertThat(RelayClient.relayable(new String[] {"feeds", "export", "--out", "feeds.opml"})).isFalse();
        assertThat(RelayClient.relayable(new String[] {"subscribers", "export", "-o", "all.csv"})).isFalse();
        assertThat(RelayClient.relayable(new String[] {"digest", "preview", "daily", "--output=next.html"}))
                .isFalse();
        assertThat(RelayClient.relayable(new String[] {"digest", "preview", "daily"})).isTrue();
        assertThat(RelayClient.relayable(new String[] {"subscribers", "import", "-"})).isFalse();
        assertThat(RelayClient.relayable(new String[] {"run"})).isFalse();
        assertThat(RelayClient.relayable(new String[] {"poll"})).isFalse();
        assertThat(RelayClient.relayable(new String[] {"config", "check"})).isFalse();
        assertThat(RelayClient.relayable(new String[] {"status", "--help"})).isFalse();
        assertThat(RelayClient.relayable(new String[] {})).isFalse();
    }

    @Test
    void theConfigIsTheOneTheCommandNamesOrTheDefault() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config")).resolve("feedletter.yaml");
        Files.writeString(config, "");

        assertThat(RelayClient.configFile(new String[] {"status"}, dir)).contains(config.toRealPath());
        assertThat(RelayClient.configFile(new String[] {"status", "-c", "feedletter.yaml"}, dir))
                .contains(fixture.config.toRealPath());
        assertThat(RelayClient.configFile(new String[] {"status", "--config=feedletter.yaml"}, dir))
                .contains(fixture.config.toRealPath());
        assertThat(RelayClient.configFile(new String[] {"status", "--config", "missing.yaml"}, dir)).isEmpty();
    }
}
