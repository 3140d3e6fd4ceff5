package io.lotabots.bot.test;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MavenReactorTest {
    @TempDir
    private Path workspace;

    @Test
    void shouldFindChangedModuleAndEveryModuleThatDependsOnIt() throws IOException {
        reactor();

        MavenReactor reactor = MavenReactor.read(workspace);

        assertThat(reactor).isNotNull();
        assertThat(reactor.affectedModules(Set.of(Path.of("core/src/main/java/A.java"))))
                .containsExactlyInAnyOrder(Path.of("core"), Path.of("service"), Path.of("app"));
        assertThat(reactor.affectedModules(Set.of(Path.of("service/src/main/java/S.java"))))
                .containsExactlyInAnyOrder(Path.of("service"), Path.of("app"));
        assertThat(reactor.affectedModules(Set.of(Path.of("docs/README.md"), Path.of("tools/src/T.java"))))
                .as("a file outside all child modules but inside the root affects everything")
                .hasSize(5);
    }

    @Test
    void shouldAffectOnlyTheLeafWhenNothingDependsOnIt() throws IOException {
        reactor();

        assertThat(MavenReactor.read(workspace).affectedModules(Set.of(Path.of("tools/pom.xml"))))
                .containsExactly(Path.of("tools"));
    }

    @Test
    void shouldIgnoreManagedAndPluginDependencies() throws IOException {
        reactor();
        write("tools/pom.xml", pom("tools", "", """
                <dependencyManagement><dependencies><dependency><groupId>io.acme</groupId>
                <artifactId>core</artifactId></dependency></dependencies></dependencyManagement>
                <build><plugins><plugin><artifactId>x</artifactId><dependencies><dependency>
                <groupId>io.acme</groupId><artifactId>core</artifactId></dependency></dependencies></plugin>
                </plugins></build>"""));

        assertThat(MavenReactor.read(workspace).affectedModules(Set.of(Path.of("core/A.java"))))
                .doesNotContain(Path.of("tools"));
    }

    @Test
    void shouldReturnNoReactorWithoutPom() {
        assertThat(MavenReactor.read(workspace)).isNull();
    }

    @Test
    void shouldNameABrokenPom() throws IOException {
        write("pom.xml", "<project><modules><module>core");

        assertThatThrownBy(() -> MavenReactor.read(workspace)).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("pom.xml").hasMessageContaining("Is it a valid pom.xml?");
    }

    @Test
    void shouldRefuseAPomWithAnEntityDeclaration() throws IOException {
        Path secret = Files.writeString(workspace.getParent().resolve("reactor-secret.txt"), "TOP-SECRET-VALUE");
        write("pom.xml", "<?xml version=\"1.0\"?><!DOCTYPE project [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]><project><groupId>g</groupId><artifactId>&x;</artifactId></project>");
        try {
            assertThatThrownBy(() -> MavenReactor.read(workspace)).isInstanceOf(LotaBotsException.class)
                    .message().doesNotContain("TOP-SECRET-VALUE");
        }
        finally {
            Files.delete(secret);
        }
    }

    @Test
    void shouldNotFollowModulesOutOfTheWorkspace() throws IOException {
        write("pom.xml", pom("root", "<modules><module>../outside</module><module>core</module></modules>", ""));
        write("core/pom.xml", pom("core", "", ""));

        assertThat(MavenReactor.read(workspace).getModules()).extracting(MavenReactor.Module::key)
                .containsExactly("io.acme:root", "io.acme:core");
    }

    private void reactor() throws IOException {
        write("pom.xml", pom("root", "<modules><module>core</module><module>service</module>"
                + "<module>app</module><module>tools</module></modules>", ""));
        write("core/pom.xml", pom("core", "", ""));
        write("service/pom.xml", pom("service", "", dependency("core")));
        write("app/pom.xml", pom("app", "", dependency("service") + dependency("junit")));
        write("tools/pom.xml", pom("tools", "", ""));
    }

    private static String dependency(final String artifactId) {
        return "<dependencies><dependency><groupId>io.acme</groupId><artifactId>" + artifactId
                + "</artifactId></dependency></dependencies>";
    }

    private static String pom(final String artifactId, final String modules, final String body) {
        return "<project><modelVersion>4.0.0</modelVersion><parent><groupId>io.acme</groupId>"
                + "<artifactId>root</artifactId></parent><artifactId>" + artifactId + "</artifactId>" + modules
                + body + "</project>";
    }

    private void write(final String path, final String content) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
