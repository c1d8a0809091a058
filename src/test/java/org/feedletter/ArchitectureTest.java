package org.feedletter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The package table of docs/ARCHITECTURE.md, kept by the build: read from the file, so the table people read is
 * the one that holds. Each package uses only the packages its row names, and every package has a row.
 */
class ArchitectureTest {

    private static final Path ARCHITECTURE = Path.of("docs/ARCHITECTURE.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|[^|]*\\| ([^|]+) \\|$");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");
    private static final String ROOT = "(root)";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.feedletter");

    /** A row: the package and what it may use; null for "everything". */
    private record Row(String name, List<String> mayUse) {

        String javaPackage() {
            return name.equals(ROOT) ? "org.feedletter" : "org.feedletter." + name;
        }

        /** ArchUnit's pattern: the root package alone, any other with its sub-packages. */
        String pattern() {
            return name.equals(ROOT) ? "org.feedletter" : javaPackage() + "..";
        }
    }

    private static Map<String, Row> table() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ARCHITECTURE)) {
            Matcher row = ROW.matcher(line.strip());
            if (!row.matches()) {
                continue;
            }
            String uses = row.group(2).strip();
            List<String> mayUse = null;
            if (!uses.equals("everything")) {
                mayUse = new ArrayList<>();
                if (!uses.equals("nothing of ours")) {
                    Matcher name = NAME.matcher(uses);
                    while (name.find()) {
                        mayUse.add(name.group(1));
                    }
                }
            }
            rows.put(row.group(1), new Row(row.group(1), mayUse));
        }
        return rows;
    }

    @Test
    void theTableNamesEveryPackageAndOnlyPackagesItNames() throws IOException {
        Map<String, Row> table = table();
        assertThat(table).as("rows of the package table in " + ARCHITECTURE).hasSizeGreaterThan(10);
        Set<String> unlisted = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            if (table.values().stream().noneMatch(r -> belongs(c.getPackageName(), r))) {
                unlisted.add(c.getPackageName());
            }
        }
        assertThat(unlisted).as("packages without a row in " + ARCHITECTURE).isEmpty();
        for (Row row : table.values()) {
            if (row.mayUse() != null) {
                assertThat(table.keySet()).as("what " + row.name() + " may use").containsAll(row.mayUse());
            }
        }
    }

    @Test
    void eachPackageUsesOnlyWhatItsRowAllows() throws IOException {
        Map<String, Row> table = table();
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Row row : table.values()) {
            layers = layers.layer(row.name()).definedBy(row.pattern());
        }
        for (Row row : table.values()) {
            if (row.mayUse() == null) {
                continue;
            }
            layers = row.mayUse().isEmpty() ? layers.whereLayer(row.name()).mayNotAccessAnyLayer()
                    : layers.whereLayer(row.name()).mayOnlyAccessLayers(row.mayUse().toArray(String[]::new));
        }
        layers.withOptionalLayers(true).check(CLASSES);
    }

    /**
     * What an operator does goes through the operations layer (`manage`): the commands and the admin pages get
     * operations, never a store or the store's query classes (its records, the data, they may read). The one store
     * the admin pages hold is their own: the sign-in sessions ended by logging out (AdminLogoutStore).
     */
    @Test
    void theCommandsAndTheAdminPagesReachTheStoreOnlyThroughOperations() {
        noClasses().that().resideInAnyPackage("org.feedletter.cli..", "org.feedletter.web.admin..")
                .should().dependOnClassesThat(DescribedPredicate.describe("a store (a class of store that reads or "
                        + "writes the database)", (JavaClass c) -> c.getPackageName().equals("org.feedletter.store")
                        && !c.getSimpleName().equals("AdminLogoutStore")
                        && (c.getSimpleName().endsWith("Store") || c.getSimpleName().equals("OperatorViews")
                        || c.getSimpleName().equals("Database"))))
                .check(CLASSES);
    }

    /** Whether a class of this package is in the row's: the root alone, else the package or one under it. */
    private static boolean belongs(String javaPackage, Row row) {
        return row.name().equals(ROOT) ? javaPackage.equals("org.feedletter")
                : javaPackage.equals(row.javaPackage()) || javaPackage.startsWith(row.javaPackage() + ".");
    }
}
