package org.feedletter;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package table of DESIGN.md, kept by the build: each feature package uses only the packages its row names.
 * {@code config} holds plain records and may be used by all.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.feedletter");

    @Test
    void eachPackageUsesOnlyWhatItsRowOfTheDesignTableAllows() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("root").definedBy("org.feedletter")
                .layer("config").definedBy("org.feedletter.config..")
                .layer("fetch").definedBy("org.feedletter.feed.fetch..")
                .layer("parse").definedBy("org.feedletter.feed.parse..")
                .layer("opml").definedBy("org.feedletter.feed.opml..")
                .layer("identity").definedBy("org.feedletter.identity..")
                .layer("ingest").definedBy("org.feedletter.ingest..")
                .layer("store").definedBy("org.feedletter.store..")
                .layer("digest").definedBy("org.feedletter.digest..")
                .layer("mail").definedBy("org.feedletter.mail..")
                .layer("subscribe").definedBy("org.feedletter.subscribe..")
                .layer("web").definedBy("org.feedletter.web..")
                .layer("schedule").definedBy("org.feedletter.schedule..")
                .layer("cli").definedBy("org.feedletter.cli..")
                .layer("metrics").definedBy("org.feedletter.metrics..")
                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("fetch").mayOnlyAccessLayers("config")
                .whereLayer("parse").mayNotAccessAnyLayer()
                .whereLayer("opml").mayNotAccessAnyLayer()
                .whereLayer("identity").mayOnlyAccessLayers("config")
                .whereLayer("ingest").mayOnlyAccessLayers("config", "fetch", "parse", "identity", "store")
                .whereLayer("store").mayOnlyAccessLayers("config")
                .whereLayer("digest").mayOnlyAccessLayers("config", "store")
                .whereLayer("mail").mayOnlyAccessLayers("config", "store", "digest")
                .whereLayer("subscribe").mayOnlyAccessLayers("config", "store", "digest", "mail")
                .whereLayer("web").mayOnlyAccessLayers("config", "fetch", "parse", "opml", "ingest", "store", "digest", "mail",
                        "subscribe")
                .whereLayer("schedule").mayOnlyAccessLayers("config", "fetch", "parse", "opml", "ingest", "store", "digest",
                        "mail", "subscribe", "web")
                .whereLayer("cli").mayOnlyAccessLayers("root", "config", "fetch", "parse", "opml", "ingest", "store", "digest",
                        "mail", "subscribe", "web", "schedule")
                .whereLayer("metrics").mayOnlyAccessLayers("config", "ingest", "store", "digest", "mail")
                .withOptionalLayers(true)
                .check(CLASSES);
    }
}
