package io.dealflow.standalone;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries of the modules and packages, checked on the main classes of every module this one runs (and on
 * their sources, for the SQL they hold), so they stay where docs/design.md draws them.
 */
class ArchitectureTest {

    /** The PostgreSQL schemas and the one module that owns each: only it names their tables in SQL. */
    private static final Map<String, String> SCHEMA_OWNERS = Map.of(
            "event_store", "event-store", "command_model", "command-side", "read_model", "query-side",
            "security", "security", "webhooks", "webhooks", "bulk", "bulk");

    /**
     * Public because a framework instantiates them reflectively from outside their package: Tomcat creates a host's
     * error report valve from its class name ({@code StandardHost.setErrorReportValveClass}), Hibernate Validator the
     * validators of a constraint mapping with their public constructor.
     */
    private static final Set<String> FOUND_BY_NAME = Set.of("io.dealflow.http.ProblemReportValve",
            "io.dealflow.security.abuse.CodePointSize");

    /** The modules whose sources are checked (SQL naming another module's tables) and read (imports). */
    private static final List<String> MODULES = List.of("shared-events", "event-store", "http-edge", "security",
            "command-side", "query-side", "highlevel", "webhooks", "bulk", "standalone");

    /**
     * A schema-qualified table in a string: the schema not glued to a word or a dot before it, so
     * {@code "dealflow.security.max-body-size"} or a package name is no table.
     */
    private static final Pattern TABLE = Pattern.compile("(?<![\\w.])(" + String.join("|", SCHEMA_OWNERS.keySet())
            + ")\\.[a-z_]+");
    /** String literals and text blocks of Java source. */
    private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
            Pattern.DOTALL);

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** An import of a dealflow type, or a static import of one of its members (the type is group 1). */
    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?(io\\.dealflow\\.[\\w.]*?\\.[A-Z]\\w*)(?:\\.[\\w*]+)*;", Pattern.MULTILINE);

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // The other modules come as jars (or class folders in an IDE); their test jars are left out.
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.dealflow");
        assertThat(main.stream().map(JavaClass::getPackageName).distinct())
                .as("the classes of every module are on the class path")
                .contains("io.dealflow.events", "io.dealflow.eventstore", "io.dealflow.http", "io.dealflow.security",
                        "io.dealflow.command.opportunity", "io.dealflow.query.board", "io.dealflow.highlevel.search",
                        "io.dealflow.webhooks.outbox", "io.dealflow.standalone");
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("io.dealflow.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void sharedEventsDependOnNeitherSpringNorTheDatabase() {
        noClasses().that().resideInAPackage("io.dealflow.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.flywaydb..",
                        "java.sql..", "javax.sql..")
                .orShould().dependOnClassesThat().resideOutsideOfPackages("io.dealflow.events..", "java..",
                        "org.axonframework.serialization..", "com.fasterxml.jackson..")
                .check(main);
    }

    /** The HighLevel door owns no tables: it reads through the query side's readers and writes by commands. */
    @Test
    void theHighLevelDoorRunsNoSql() {
        noClasses().that().resideInAPackage("io.dealflow.highlevel..")
                .should().dependOnClassesThat().belongToAnyOf(JdbcTemplate.class, NamedParameterJdbcTemplate.class,
                        JdbcClient.class, javax.sql.DataSource.class, java.sql.Connection.class)
                .check(main);
    }

    @Test
    void sqlNamesOnlyTheTablesOfItsOwnModule() {
        List<String> foreign = new ArrayList<>();
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String module : MODULES) {
            Path sources = root.resolve(module).resolve("src/main/java");
            assertThat(sources).as(module).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(file -> file.toString().endsWith(".java"))
                        .forEach(file -> foreign.addAll(foreignTables(module, file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(foreign).as("SQL of one module naming another module's tables").isEmpty();
    }

    /**
     * A public type is used by a class of another package: in the byte code, or, since the compiler inlines constants
     * and the tests of other modules are not on this class path, by an import in the sources of another package (main
     * or test code of any module). Types a framework finds by name count as used.
     */
    @Test
    void publicTypesAreUsedOutsideTheirPackage() {
        Map<String, Set<String>> importingPackages = importingPackages();
        classes().that().arePublic().and().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
                .should(beUsedOutsideTheirPackage(importingPackages))
                .check(main);
    }

    private static List<String> foreignTables(String module, Path file) {
        String source = read(file);
        List<String> found = new ArrayList<>();
        Matcher string = STRING.matcher(source);
        while (string.find()) {
            String text = string.group(1) != null ? string.group(1) : string.group(2);
            Matcher table = TABLE.matcher(text);
            while (table.find()) {
                if (!SCHEMA_OWNERS.get(table.group(1)).equals(module)) {
                    found.add(module + ": " + file.getFileName() + " names " + table.group());
                }
            }
        }
        return found;
    }

    /**
     * Used by a class of another package, or public because a framework finds it by name: auto-configurations and
     * environment post-processors listed in {@code META-INF}, the main class, and {@link #FOUND_BY_NAME}.
     */
    private static ArchCondition<JavaClass> beUsedOutsideTheirPackage(Map<String, Set<String>> importingPackages) {
        return new ArchCondition<>("be used outside their package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean foundByName = FOUND_BY_NAME.contains(type.getName())
                        || type.isAnnotatedWith("org.springframework.boot.autoconfigure.AutoConfiguration")
                        || type.isMetaAnnotatedWith("org.springframework.boot.SpringBootConfiguration")
                        || type.isAssignableTo("org.springframework.boot.env.EnvironmentPostProcessor");
                boolean used = type.getDirectDependenciesToSelf().stream()
                        .map(dependency -> outermost(dependency.getOriginClass()))
                        .anyMatch(origin -> !origin.getPackageName().equals(type.getPackageName()))
                        || importingPackages.getOrDefault(type.getName(), Set.of()).stream()
                        .anyMatch(origin -> !origin.equals(type.getPackageName()));
                if (!used && !foundByName) {
                    events.add(SimpleConditionEvent.violated(type, type.getName()
                            + " is public, but no class outside " + type.getPackageName() + " uses it"));
                }
            }
        };
    }

    /** For each imported type, the packages of the source files (main and test, every module) that import it. */
    private static Map<String, Set<String>> importingPackages() {
        Map<String, Set<String>> importers = new HashMap<>();
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String module : MODULES) {
            for (String tree : List.of("src/main/java", "src/test/java")) {
                Path sources = root.resolve(module).resolve(tree);
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                        String source = read(file);
                        Matcher pack = PACKAGE.matcher(source);
                        String packageName = pack.find() ? pack.group(1) : "";
                        Matcher imported = IMPORT.matcher(source);
                        while (imported.find()) {
                            importers.computeIfAbsent(imported.group(1), type -> new HashSet<>()).add(packageName);
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return importers;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JavaClass outermost(JavaClass type) {
        JavaClass at = type;
        while (at.getEnclosingClass().isPresent()) {
            at = at.getEnclosingClass().get();
        }
        return at;
    }
}
