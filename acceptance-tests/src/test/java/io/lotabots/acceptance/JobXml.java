package io.lotabots.acceptance;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code config.xml} of the jobs the acceptance tests create: a Pipeline job ({@code WorkflowJob}, stored as
 * {@code flow-definition}) with its Jenkinsfile inline in a sandboxed {@code CpsFlowDefinition}, and a freestyle
 * job ({@code project}) with a shell step and LotaBots recorders as post-build actions.
 */
final class JobXml {
    private static final Pattern ELEMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private JobXml() {
    }

    /**
     * A Pipeline job running the given Jenkinsfile in the Groovy sandbox.
     *
     * @param description the job's description
     * @param jenkinsfile the Pipeline script, any text (it is escaped)
     * @return the job's config.xml
     */
    static String pipeline(final String description, final String jenkinsfile) {
        return "<?xml version='1.1' encoding='UTF-8'?>\n"
                + "<flow-definition plugin=\"workflow-job\">\n"
                + "  <description>" + escape(description) + "</description>\n"
                + "  <keepDependencies>false</keepDependencies>\n"
                + "  <properties/>\n"
                + "  <definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\" plugin=\"workflow-cps\">\n"
                + "    <script>" + escape(jenkinsfile) + "</script>\n"
                + "    <sandbox>true</sandbox>\n"
                + "  </definition>\n"
                + "  <triggers/>\n"
                + "  <disabled>false</disabled>\n"
                + "</flow-definition>\n";
    }

    /**
     * A freestyle job that runs one shell command and then the given recorders.
     *
     * @param description the job's description
     * @param shell       the command of the {@code hudson.tasks.Shell} build step
     * @param recorders   recorder class names and, for each, its options (element name to text value)
     * @return the job's config.xml
     */
    static String freestyle(final String description, final String shell,
            final Map<String, Map<String, String>> recorders) {
        StringBuilder xml = new StringBuilder(512)
                .append("<?xml version='1.1' encoding='UTF-8'?>\n")
                .append("<project>\n")
                .append("  <description>").append(escape(description)).append("</description>\n")
                .append("  <keepDependencies>false</keepDependencies>\n")
                .append("  <properties/>\n")
                .append("  <scm class=\"hudson.scm.NullSCM\"/>\n")
                .append("  <canRoam>true</canRoam>\n")
                .append("  <disabled>false</disabled>\n")
                .append("  <blockBuildWhenDownstreamBuilding>false</blockBuildWhenDownstreamBuilding>\n")
                .append("  <blockBuildWhenUpstreamBuilding>false</blockBuildWhenUpstreamBuilding>\n")
                .append("  <triggers/>\n")
                .append("  <concurrentBuild>false</concurrentBuild>\n")
                .append("  <builders>\n")
                .append("    <hudson.tasks.Shell>\n")
                .append("      <command>").append(escape(shell)).append("</command>\n")
                .append("    </hudson.tasks.Shell>\n")
                .append("  </builders>\n")
                .append("  <publishers>\n");
        recorders.forEach((recorder, fields) -> {
            // a recorder's options are its step's, kept in the element <options>
            xml.append("    <").append(elementName(recorder)).append(">\n      <options>\n");
            fields.forEach((field, value) -> xml.append("        <").append(elementName(field)).append('>')
                    .append(escape(value)).append("</").append(field).append(">\n"));
            xml.append("      </options>\n    </").append(recorder).append(">\n");
        });
        return xml.append("  </publishers>\n")
                .append("  <buildWrappers/>\n")
                .append("</project>\n")
                .toString();
    }

    /**
     * Escapes text for an XML element: markup characters become entities, a carriage return becomes {@code &#13;}
     * so that line ends survive parsing, and characters XML cannot carry are refused.
     *
     * @param text any text
     * @return the escaped text
     * @throws IllegalArgumentException naming the position of a character XML cannot hold
     */
    static String escape(final String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                case '\r' -> escaped.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException(String.format(
                                "Character U+%04X at position %d cannot be written to a job's config.xml; "
                                        + "remove it from the text", (int) c, i));
                    }
                    escaped.append(c);
                }
            }
        }
        return escaped.toString();
    }

    private static String elementName(final String name) {
        if (!ELEMENT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a class or field name for a job's config.xml");
        }
        return name;
    }
}
