package io.lotabots.acceptance;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that needs a Jenkins with the LotaBots plugin installed, given by {@code JENKINS_URL}. Without
 * it every test of the class is skipped, and reported as skipped with the reason {@link JenkinsCondition#REASON}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(JenkinsCondition.class)
@interface RequiresJenkins {
}
