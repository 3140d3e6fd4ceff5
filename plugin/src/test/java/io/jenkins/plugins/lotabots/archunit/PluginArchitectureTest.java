package io.jenkins.plugins.lotabots.archunit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.verb.POST;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * The plugin's web endpoints and data binding follow the Jenkins security and API rules.
 */
class PluginArchitectureTest {
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.lotabots");

    @Test
    void annotatesEveryFormCheckAndFillWithPost() {
        ArchRule rule = methods().that().haveNameMatching("do(Check|Fill).*")
                .and().areDeclaredInClassesThat().resideInAPackage("io.jenkins.plugins.lotabots..")
                .should().beAnnotatedWith(POST.class)
                .because("form endpoints must check permissions and refuse GET (SECURITY-1754 style CSRF)");

        rule.check(PLUGIN);
    }

    @Test
    void putsDataBoundConstructorsOnlyInPublicClasses() {
        ArchRule rule = constructors().that().areAnnotatedWith(DataBoundConstructor.class)
                .should().beDeclaredInClassesThat().haveModifier(JavaModifier.PUBLIC)
                .andShould().bePublic()
                .because("Stapler and configuration as code instantiate them reflectively");

        rule.check(PLUGIN);
    }
}
