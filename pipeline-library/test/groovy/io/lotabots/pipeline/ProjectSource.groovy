package io.lotabots.pipeline

import com.lesfurets.jenkins.unit.global.lib.SourceRetriever

/**
 * Gives JenkinsPipelineUnit this module's folder as the library, whatever version is asked for: the layout of
 * pipeline-library/ (vars/, src/, resources/) is the layout Jenkins loads. JenkinsPipelineUnit 1.1 has only
 * LocalSource, which wants a folder named NAME@VERSION; later versions call this a project source.
 */
class ProjectSource implements SourceRetriever {
    @Override
    List<URL> retrieve(String repository, String branch, String targetPath) {
        File root = new File(System.getProperty('lotabots.library.root', '.')).getCanonicalFile()
        if (!new File(root, 'vars').isDirectory()) {
            throw new IllegalStateException("${root} holds no vars/ folder; run the tests from pipeline-library/")
        }
        return [root.toURI().toURL()]
    }
}
