package io.lotabots.archunit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition;

import io.lotabots.bot.incident.Incident;
import io.lotabots.bot.incident.IncidentEvent;
import io.lotabots.bot.incident.IncidentResponders;
import io.lotabots.bot.incident.IncidentSeverity;
import io.lotabots.bot.incident.IncidentStatus;
import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram;

/**
 * The engine's architecture rules: no Jenkins, no package cycles, the package diagram of docs/architecture.puml,
 * and exceptions built through factories.
 */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lotabots");
    }

    @Test
    void shouldNotDependOnJenkinsOrStapler() {
        ArchRule rule = noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke.stapler..")
                .because("the engine runs without Jenkins: the plugin depends on it, never the other way round");
        rule.check(engine);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        slices().matching("io.lotabots.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void shouldFollowThePackageDiagram() {
        URL diagram = toUrl(Path.of(System.getProperty("user.dir")).resolve("../docs/architecture.puml"));
        classes().should(adhereToPlantUmlDiagram(diagram, consideringOnlyDependenciesInDiagram()))
                .check(engine);
    }

    /**
     * Bots talk only through messages, with one exception: NotificationBot's package implements IncidentBot's
     * {@link IncidentResponders} (paging, escalation, war room) over its channels, so it may use that contract and
     * the incident model it names, and nothing else of IncidentBot. IncidentBot finds the implementation through
     * {@link java.util.ServiceLoader} and never depends on NotificationBot.
     */
    @Test
    void shouldKeepBotsIndependentOfEachOther() {
        slices().matching("io.lotabots.bot.(*)..").should().notDependOnEachOther()
                .ignoreDependency(resideInAPackage("io.lotabots.bot.notify"), belongToAnyOf(IncidentResponders.class,
                        Incident.class, IncidentEvent.class, IncidentSeverity.class, IncidentStatus.class))
                .because("bots talk only through messages").allowEmptyShould(true).check(engine);
    }

    @Test
    void shouldCreateEngineExceptionsOnlyThroughFactories() {
        classes().that().areAssignableTo(LotaBotsException.class).should(haveNoPublicConstructor())
                .check(engine);
    }

    @Test
    void shouldNotPrintToTheConsole() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("the engine logs through LogSink; front-ends decide where lines go")
                .check(engine);
    }

    private static ArchCondition<JavaClass> haveNoPublicConstructor() {
        return new ArchCondition<>("have no public constructor (use static factories)") {
            @Override
            public void check(final JavaClass item, final ConditionEvents events) {
                for (JavaConstructor constructor : item.getConstructors()) {
                    if (constructor.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                            || constructor.getRawParameterTypes().isEmpty()) {
                        events.add(SimpleConditionEvent.violated(item,
                                constructor.getFullName() + " is public or takes no arguments"));
                    }
                }
            }
        };
    }

    private static URL toUrl(final Path path) {
        try {
            return path.toUri().toURL();
        }
        catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
