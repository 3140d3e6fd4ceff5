package io.lotabots.pipeline

/**
 * Stands for currentBuild: the result set so far, and currentResult as Declarative Pipeline reads it.
 */
class BuildState implements Serializable {
    String result = 'SUCCESS'

    String getCurrentResult() {
        return result == null ? 'SUCCESS' : result
    }
}
